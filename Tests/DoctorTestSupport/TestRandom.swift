import DoctorCore
import Synchronization
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The suite's seeded generator: DoctorCore's SplitMix64, so a printed seed replays a run.
public typealias SeededGenerator = SplitMix64

/// The one random source of the test suite: random per run, reproducible from the printed seed.
///
/// The run's seed is `DOCTOR_TEST_SEED` when set, else drawn from the system; it is printed on
/// standard error the first time a test draws, so the log of a failing run names it. Each test
/// draws from its own stream (the run's seed mixed with the test's id), so the values a test gets
/// do not depend on which other tests ran beside it. The cases of one parameterized test share
/// their test's stream.
///
/// ```swift
/// let length = Int.testRandom(in: 1...700)
/// let byte = UInt8.testRandom(in: 0...255)
/// let piece = pieces.testRandomElement()
/// ```
///
/// Reproduce a failing run: `DOCTOR_TEST_SEED=<printed seed> swift test --filter <test>`.
public enum TestRandom {
    /// The run's seed.
    public static let seed: UInt64 = {
        if let text = getenv("DOCTOR_TEST_SEED").map({ String(cString: $0) }), let value = UInt64(text) {
            return value
        }
        var system = SystemRandomNumberGenerator()
        return system.next()
    }()

    private static let streams = Mutex<[String: SeededGenerator]>([:])
    private static let announced = Mutex(false)

    /// Runs `body` with the current test's generator, advancing it.
    public static func draw<T: Sendable>(_ body: (inout SeededGenerator) -> T) -> T {
        announce()
        let key = Test.current.map { "\($0.id)" } ?? "outside any test"
        return streams.withLock { streams in
            var generator = streams[key] ?? SeededGenerator(seed: seed ^ stableHash(key))
            let value = body(&generator)
            streams[key] = generator
            return value
        }
    }

    /// A generator of its own, seeded from the run's seed and `label`, for code that takes one.
    public static func generator(_ label: String) -> SeededGenerator {
        announce()
        return SeededGenerator(seed: seed ^ stableHash(label))
    }

    private static func announce() {
        let first = announced.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        let line = "DoctorTestSupport: random seed \(seed); DOCTOR_TEST_SEED=\(seed) draws the same values again\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs, unlike `hashValue`.
    private static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension FixedWidthInteger where Self: Sendable {
    /// A value in `range` from the test's seeded stream.
    public static func testRandom(in range: ClosedRange<Self>) -> Self {
        TestRandom.draw { Self.random(in: range, using: &$0) }
    }

    /// A value in `range` from the test's seeded stream.
    public static func testRandom(in range: Range<Self>) -> Self {
        TestRandom.draw { Self.random(in: range, using: &$0) }
    }
}

extension Bool {
    /// `true` or `false` from the test's seeded stream.
    public static func testRandom() -> Bool {
        TestRandom.draw { Bool.random(using: &$0) }
    }
}

extension Collection {
    /// An element from the test's seeded stream; the collection must not be empty.
    public func testRandomElement() -> Element {
        precondition(!isEmpty, "testRandomElement() of an empty collection")
        let offset = Int.testRandom(in: 0..<count)
        return self[index(startIndex, offsetBy: offset)]
    }
}
