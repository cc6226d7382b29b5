/// SplitMix64: a small, fast generator whose whole state is one seed, so the same seed draws the
/// same values on every run and platform. The one seeded generator of the project: the trainer's
/// shuffle, the test suite's random source (DoctorTestSupport's `SeededGenerator`) and the fuzz
/// harness's draws all use it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that draws the same values for the same `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
