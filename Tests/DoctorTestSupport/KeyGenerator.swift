import DoctorCore

/// The one rule set for generated keys, over any random source: a key of each ``KeyShape`` —
/// its prefix, OpenAI's `T3BlbkFJ` marker where the shape has one, a body of the shape's
/// alphabet mixing an upper-case letter, a lower-case letter and a digit, as real keys do.
///
/// ``TestKey`` draws from the test's seeded stream (``TestRandom``); the fuzz harness
/// (Fuzz/Harness/PlantedKey.swift, which compiles this file) from a generator seeded by the input.
/// No Testing import here, so that the harness compiles it with `swiftc` alone.
public enum KeyGenerator {
    /// Letters of both cases and digits.
    public static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    /// ``alphanumeric`` with `-` and `_`.
    public static let urlSafe = alphanumeric + ["-", "_"]
    /// Lower-case hexadecimal digits.
    public static let hex = Array("0123456789abcdef")

    /// `count` characters of `alphabet` drawn from `generator`. A body of more than hexadecimal
    /// digits ends with an upper-case letter, a lower-case letter and a digit.
    public static func random(
        _ count: Int, from alphabet: [Character] = alphanumeric, using generator: inout some RandomNumberGenerator
    ) -> String {
        precondition(!alphabet.isEmpty, "an empty alphabet")
        func pick(_ range: Range<Int>, of characters: [Character]) -> Character {
            characters[Int.random(in: range, using: &generator)]
        }
        var s = (0..<max(count, 0)).map { _ in pick(0..<alphabet.count, of: alphabet) }
        if alphabet.count > 16, count >= 4 {
            s[count - 3] = pick(0..<26, of: alphanumeric)
            s[count - 2] = pick(26..<52, of: alphanumeric)
            s[count - 1] = pick(52..<62, of: alphanumeric)
        }
        return String(s)
    }

    /// A key of `shape`, its characters drawn from `generator`.
    public static func make(_ shape: KeyShape, using generator: inout some RandomNumberGenerator) -> String {
        let prefix = shape.kind.prefix
        let body: [Character]
        switch shape.alphabet {
        case .alphanumeric: body = alphanumeric
        case .urlSafe: body = urlSafe
        case .hexadecimal: body = hex
        }
        if let marker = shape.markerOffset {
            return prefix + random(marker - prefix.count, from: body, using: &generator) + KeyShape.marker
                + random(shape.length - marker - KeyShape.marker.count, from: body, using: &generator)
        }
        switch shape.kind {
        case .anthropic:
            let scheme = shape.length == 108 ? "api03-" : "admin01-"
            return prefix + scheme
                + random(shape.length - prefix.count - scheme.count - 2, from: body, using: &generator) + "AA"
        case .google:
            return prefix + random(shape.length - prefix.count, from: urlSafe.filter { $0 != "-" }, using: &generator)
        default:
            return prefix + random(shape.length - prefix.count, from: body, using: &generator)
        }
    }
}
