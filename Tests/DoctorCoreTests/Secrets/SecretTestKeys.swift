@testable import DoctorCore

/// Keys of every known shape, generated at run time with random characters (no key literal
/// of a real length is ever committed).
enum SecretTestKeys {
    static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let urlSafe = alphanumeric + ["-", "_"]
    static let hex = Array("0123456789abcdef")

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var s = String((0..<count).map { _ in alphabet.randomElement()! })
        // Every body mixes classes, as real keys do (a body of only letters is vanishingly rare).
        if alphabet.count > 16, count >= 4 {
            s = String(s.dropLast(3)) + String([alphanumeric[Int.random(in: 0..<26)], alphanumeric[Int.random(in: 26..<52)], alphanumeric[Int.random(in: 52..<62)]])
        }
        return s
    }

    /// A key of `shape`, with the marker where the shape has one.
    static func key(_ shape: KeyShape) -> String {
        let prefix = shape.kind.prefix
        var bodyAlphabet: [Character]
        switch shape.alphabet {
        case .alphanumeric: bodyAlphabet = alphanumeric
        case .urlSafe: bodyAlphabet = urlSafe
        case .hexadecimal: bodyAlphabet = hex
        }
        var key: String
        if let marker = shape.markerOffset {
            let before = marker - prefix.count
            let after = shape.length - marker - 8
            key = prefix + random(before, from: bodyAlphabet) + KeyShape.marker + random(after, from: bodyAlphabet)
        } else if shape.kind == .anthropic {
            let apiPrefix = shape.length == 108 ? "api03-" : "admin01-"
            key = prefix + apiPrefix + random(shape.length - prefix.count - apiPrefix.count - 2, from: bodyAlphabet) + "AA"
        } else if shape.kind == .google {
            key = prefix + random(shape.length - prefix.count, from: urlSafe.filter { $0 != "-" })
        } else {
            key = prefix + random(shape.length - prefix.count, from: bodyAlphabet)
        }
        // Keys never start their body with '-' in practice; keep generated ones unambiguous.
        return key
    }

    /// One key of every shape.
    static var everyShape: [(KeyShape, String)] { KeyShape.all.map { ($0, key($0)) } }

    static func key(_ kind: KeyKind, length: Int? = nil) -> String {
        let shape = KeyShape.all.first { $0.kind == kind && (length == nil || $0.length == length) }!
        return key(shape)
    }
}
