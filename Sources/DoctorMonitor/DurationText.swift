import DoctorCore

/// Durations as people type them on a command line: `60s`, `500ms`, `1m30s`, `2h`, or a plain
/// number of seconds (`90`, `0.5`).
///
/// The unit forms are Go's duration notation (the one OpenAI's `x-ratelimit-reset-*` headers
/// use), read by the same parser as ``ServerWait``, so a flag and a header cannot disagree.
///
/// ```swift
/// DurationText.parse("60s")    // .seconds(60)
/// DurationText.parse("1m30s")  // .seconds(90)
/// DurationText.parse("-5s")    // nil
/// DurationText.format(.milliseconds(1500))  // "1.5s"
/// ```
public enum DurationText {
    /// Parses a non-negative duration; `nil` when the text is empty, negative, malformed or has an unknown unit.
    /// Like a header's wait, a duration longer than ``ServerWait/longest`` is read as that (never an overflow).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            guard let seconds = Double(trimmed), seconds.isFinite else { return nil }
            return .cappedWait(seconds: seconds)
        }
        return GoDurationParser.parse(String(trimmed))
    }

    /// A short form for logs and messages: `250ms`, `1.5s`, `2m`, `1h30m`.
    public static func format(_ duration: Duration) -> String {
        // Clamped before the conversion: a duration past Int64 milliseconds must not trap.
        let ms = Int64(min(max((duration / .milliseconds(1)).rounded(), -1e15), 1e15))
        if ms < 1000 { return "\(ms)ms" }
        if ms < 60_000 {
            let tenths = (ms + 50) / 100
            return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = (ms + 500) / 1000
        let (hours, minutes, rest) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 { text += "\(rest)s" }
        return text
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
