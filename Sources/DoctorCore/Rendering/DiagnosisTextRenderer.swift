/// Renders a ``Diagnosis`` for a person in a terminal: the title, the explanation, numbered
/// fixes, and the evidence that decided it. Not a parseable format.
public enum DiagnosisTextRenderer {
    /// Styling for terminals that show colour.
    public struct Style: Sendable {
        /// Whether to emit ANSI colour codes.
        public var color: Bool
        /// Creates a style.
        public init(color: Bool) { self.color = color }
        /// No colour.
        public static let plain = Style(color: false)

        /// `s` in bold when colour is on.
        public func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        /// `s` dimmed when colour is on.
        public func dim(_ s: String) -> String { color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
        func cause(_ s: String, retry: RetryClass) -> String {
            guard color else { return s }
            return (retry == .no ? "\u{1B}[31m" : "\u{1B}[33m") + s + "\u{1B}[0m"
        }
    }

    /// The text for one diagnosis; `heading` prefixes the title (e.g. "HAR entry 3").
    public static func render(_ diagnosis: Diagnosis, heading: String? = nil, style: Style = .plain) -> String {
        var out = ""
        let title = (heading.map { "\($0): " } ?? "") + diagnosis.title
        out += style.bold(title) + "\n"
        let layer = diagnosis.layer?.rawValue ?? "—"
        out +=
            style.cause("\(diagnosis.cause.rawValue)", retry: diagnosis.retry)
            + style.dim(
                "  ·  layer \(layer)  ·  retry \(diagnosis.retry.rawValue)  ·  confidence \(diagnosis.confidence.rawValue)"
            ) + "\n\n"
        out += wrap(diagnosis.explanation, width: 88) + "\n\n"
        if !diagnosis.fixes.isEmpty {
            out += style.bold("What to do") + "\n"
            for (index, fix) in diagnosis.fixes.enumerated() {
                out += wrap("\(index + 1). \(fix)", width: 88, hanging: "   ") + "\n"
            }
            out += "\n"
        }
        out += style.bold("Evidence") + "\n"
        for line in evidenceLines(diagnosis) { out += "  " + line + "\n" }
        if !diagnosis.decidedBy.isEmpty {
            out += style.dim("  decided by: " + diagnosis.decidedBy.joined(separator: "; ")) + "\n"
        }
        return out
    }

    /// The evidence as `name: value` lines, only for the fields present.
    public static func evidenceLines(_ diagnosis: Diagnosis) -> [String] {
        let e = diagnosis.evidence
        var lines: [String] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(name): \(value)") }
        }
        add("status", e.status.map(String.init))
        add("answered by", e.provider?.rawValue)
        add("error type", e.errorType)
        add("error code", e.errorCode)
        add("param", e.errorParam)
        add("message", e.message.map { String($0.prefix(400)) })
        add("request id", e.requestID)
        add("cf-ray", e.cfRay)
        add("failed phase", e.transportPhase.map { "\($0) (\(e.transportError ?? "?"))" })
        add("host", e.host)
        add("address", e.address)
        add("key (as echoed)", e.key)
        add("request", e.request)
        add("client", e.client)
        if !e.markers.isEmpty { add("markers", e.markers.joined(separator: ", ")) }
        for note in e.notes { add("note", note) }
        if lines.isEmpty { lines.append("(nothing recognisable)") }
        return lines
    }

    /// Wraps text at `width` columns on spaces, indenting continuation lines by `hanging`.
    static func wrap(_ text: String, width: Int, hanging: String = "") -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = hanging + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
