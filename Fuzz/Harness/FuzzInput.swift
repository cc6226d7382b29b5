import DoctorCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One fuzzer input: the bytes themselves (used whole, so a fixture seed is read as the real
/// file it is) and a few choices drawn from its last bytes (where to plant a key, how to split).
struct FuzzInput {
    /// The input as libFuzzer gave it.
    let bytes: [UInt8]

    /// The input decoded as UTF-8 (invalid sequences replaced), as the tool reads files.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A choice in `0..<bound`, read from the `slot`-th byte pair counted from the end (0 when short).
    func choice(_ slot: Int, below bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        let at = bytes.count - 2 * (slot + 1)
        guard at >= 0 else { return 0 }
        return (Int(bytes[at]) << 8 | Int(bytes[at + 1])) % bound
    }

    /// A 64-bit seed from the whole input (FNV-1a), so a saved input replays exactly.
    var seed: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// The harness's only randomness, derived from the input: DoctorCore's SplitMix64.
typealias SeededGenerator = SplitMix64

/// How a target reports a broken property: what broke, on standard error, then abort (a finding).
enum FuzzCheck {
    /// Aborts with `message` unless `condition` holds.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fail(message()) }
    }

    /// Prints `message` and aborts.
    static func fail(_ message: String) -> Never {
        fputs("FUZZ FAILURE: \(message)\n", stderr)
        abort()
    }
}
