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
    public static let alphanumeric = KeyGenerator.alphanumeric
    public static let urlSafe = KeyGenerator.urlSafe
    public static let hex = KeyGenerator.hex

    /// `count` random characters of `alphabet` (from the test's seeded stream, ``TestRandom``). A
    /// body of more than hexadecimal digits always mixes an upper-case letter, a lower-case letter
    /// and a digit, as real keys do.
    public static func random(_ count: Int, from alphabet: [Character] = alphanumeric) -> String {
        TestRandom.draw { KeyGenerator.random(count, from: alphabet, using: &$0) }
    }

    /// A key of `shape`, with OpenAI's `T3BlbkFJ` marker where the shape has one (``KeyGenerator``'s rules).
    public static func make(_ shape: KeyShape) -> String {
        TestRandom.draw { KeyGenerator.make(shape, using: &$0) }
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
