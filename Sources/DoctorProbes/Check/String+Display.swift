extension String {
    /// A value for display: trimmed and cut to 200 characters.
    var configTrimmedForDisplay: String {
        let trimmed = split(whereSeparator: \.isNewline).joined(separator: " ")
        return String(trimmed.prefix(200))
    }

    /// `name_not_found` as `name not found`.
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
