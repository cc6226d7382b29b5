extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional white space) and,
    /// when `lineEnds` is `true`, without `\r` and `\n` there too: the one trim of the package.
    ///
    /// Scalar by scalar, so `\r\n` (one `Character` in Swift, equal to neither `"\r"` nor `"\n"`)
    /// is seen as the two line ends it is. A pure function over text, for fuzz harnesses too.
    ///
    /// ```swift
    /// " Bearer x\t".trimmed()                  // "Bearer x"
    /// "https://x/v1\r\n".trimmed(lineEnds: true)  // "https://x/v1"
    /// ```
    package func trimmed(lineEnds: Bool = false) -> String {
        let isBlank: (Unicode.Scalar) -> Bool = {
            $0 == " " || $0 == "\t" || (lineEnds && ($0 == "\r" || $0 == "\n"))
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, isBlank(first) { scalars.removeFirst() }
        while let last = scalars.last, isBlank(last) { scalars.removeLast() }
        // A copy of the bytes in between (rebuilding the string scalar by scalar cost ten
        // instructions a byte, and the error-record census trims every line it classifies).
        return String(scalars)
    }
}
