import DoctorCore

/// Keys of every shape the product knows, generated at run time with random characters: the one
/// key generator of the test suite. No key literal of a real length is ever committed, so a
/// scanner finds nothing in the tests and a test can never pass by matching a fixed string.
///
/// ```swift
/// TestKey.project()                       // sk-proj-…T3BlbkFJ…, 164 characters
/// TestKey.make(.serviceAccount, length: 135)
/// TestKey.everyShape                      // one key per KeyShape.all
/// ```
public enum TestKey {
    public static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    public static let urlSafe = alphanumeric + ["-", "_"]
    public static let hex = Array("0123456789abcdef")

    /// `count` random characters of `alphabet` (from the test's seeded stream, ``TestRandom``). A
    /// body of more than hexadecimal digits always mixes an upper-case letter, a lower-case letter
    /// and a digit, as real keys do.
    public static func random(_ count: Int, from alphabet: [Character] = alphanumeric) -> String {
        precondition(!alphabet.isEmpty, "an empty alphabet")
        return TestRandom.draw { generator in
            func pick(_ range: Range<Int>, of characters: [Character]) -> Character {
                characters[Int.random(in: range, using: &generator)]
            }
            var s = String((0..<count).map { _ in pick(0..<alphabet.count, of: alphabet) })
            if alphabet.count > 16, count >= 4 {
                s =
                    String(s.dropLast(3))
                    + String([
                        pick(0..<26, of: alphanumeric), pick(26..<52, of: alphanumeric),
                        pick(52..<62, of: alphanumeric),
                    ])
            }
            return s
        }
    }

    /// A key of `shape`, with OpenAI's `T3BlbkFJ` marker where the shape has one.
    public static func make(_ shape: KeyShape) -> String {
        let prefix = shape.kind.prefix
        let body: [Character]
        switch shape.alphabet {
        case .alphanumeric: body = alphanumeric
        case .urlSafe: body = urlSafe
        case .hexadecimal: body = hex
        }
        if let marker = shape.markerOffset {
            return prefix + random(marker - prefix.count, from: body) + KeyShape.marker
                + random(shape.length - marker - KeyShape.marker.count, from: body)
        }
        switch shape.kind {
        case .anthropic:
            let scheme = shape.length == 108 ? "api03-" : "admin01-"
            return prefix + scheme + random(shape.length - prefix.count - scheme.count - 2, from: body) + "AA"
        case .google:
            return prefix + random(shape.length - prefix.count, from: urlSafe.filter { $0 != "-" })
        default:
            return prefix + random(shape.length - prefix.count, from: body)
        }
    }

    /// A key of `kind`: of its shape with `length` (its first, most common shape when `nil`).
    /// A `sk-service-` key has no fixed length: `length` (default 64) of URL-safe characters.
    public static func make(_ kind: KeyKind, length: Int? = nil) -> String {
        if kind == .serviceKey {
            return kind.prefix + random((length ?? 64) - kind.prefix.count, from: urlSafe)
        }
        guard let shape = kind.shapes.first(where: { length == nil || $0.length == length }) else {
            preconditionFailure("no \(kind) key shape of length \(length.map(String.init) ?? "any")")
        }
        return make(shape)
    }

    /// A project key of the common 164-character shape.
    public static func project() -> String { make(.project, length: 164) }

    /// One key of every shape in `KeyShape.all`.
    public static var everyShape: [(KeyShape, String)] { KeyShape.all.map { ($0, make($0)) } }
}
