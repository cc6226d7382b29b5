/// The ways a stack prints a number inside its message (`"error code: %d"`, `"[errno %d]"`): a
/// form with one `%d`, filled for each number a table lists.
enum PrintedForm {
    /// `form` with its first `%d` replaced by `number` (the form as it is without one).
    ///
    /// Byte work rather than `String.replacing`: the tables fill about two thousand forms the
    /// first time `explain` reads an input, inside its start-up.
    static func fill(_ form: String, with number: Int) -> String {
        let bytes = Array(form.utf8)
        guard let at = bytes.indices.dropLast().first(where: { bytes[$0] == 0x25 && bytes[$0 + 1] == 0x64 }) else {
            return form
        }
        return String(decoding: bytes[..<at], as: UTF8.self) + String(number)
            + String(decoding: bytes[(at + 2)...], as: UTF8.self)
    }
}
