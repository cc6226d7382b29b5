import DoctorCore
import DoctorScanKernel

/// The C scanning kernel (`DoctorScanKernel`: AVX-512, AVX2, SSSE3 or scalar, chosen from the
/// CPU) behind one Swift type; no other file of the package calls it.
///
/// As an ``AnchorSearch`` it lists the same candidates as the core's ``ScalarAnchorSearch``,
/// faster; it also counts and finds line breaks and hashes a line's shape for the audit. The
/// level is a value of each search, so a test may compare levels without changing what the
/// rest of the process uses.
struct ScanKernel: AnchorSearch {
    /// The instruction set this search runs at: 3 = AVX-512BW, 2 = AVX2, 1 = SSSE3, 0 = scalar
    /// (lowered to what the CPU can run).
    var level: Int32

    /// A search at `level`, by default the process's choice (the best this CPU runs, capped by
    /// `OPENAI_DOCTOR_SCAN_KERNEL`).
    init(level: Int32 = ScanKernel.processLevel) {
        self.level = level
    }

    /// The level the process chose, once, for every search that names none.
    static var processLevel: Int32 { doctor_scan_kernel_level() }

    /// The best level this CPU can run.
    static var bestLevel: Int32 { doctor_scan_kernel_best_level() }

    func candidates(
        in p: UnsafePointer<UInt8>, count: Int, available: Int, before: Int, filter: AnchorFilter,
        into out: UnsafeMutablePointer<UInt32>
    ) -> Int {
        var tables = DoctorAnchorFilter()
        withUnsafeMutableBytes(of: &tables) { raw in
            precondition(raw.count == AnchorFilter.layoutSize, "DoctorAnchorFilter and AnchorFilter.layout differ")
            filter.layout.withUnsafeBytes { raw.copyMemory(from: $0) }
        }
        return doctor_anchor_candidates_at(level, p, count, available, before, &tables, out)
    }

    /// The number of `\n` bytes in `bytes`.
    func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        return doctor_count_byte_at(level, base, bytes.count, 0x0A)
    }

    /// The index of the first `\n` in `bytes`, if there is one.
    static func firstLineBreak(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let found = doctor_first_byte(base, bytes.count, 0x0A)
        return found < 0 ? nil : found
    }

    /// The index of the last `\n` in `bytes`, if there is one.
    static func lastLineBreak(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let found = doctor_last_byte(base, bytes.count, 0x0A)
        return found < 0 ? nil : found
    }

    /// A 64-bit hash of a log line's shape: every run of `[A-Za-z0-9_]` holding a digit folded
    /// to one mark, runs of exactly three digits (status codes) kept. Every level gives the
    /// same value; 0 for a buffer with no bytes behind it.
    func shapeHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        return doctor_shape_hash_at(level, base, bytes.count)
    }
}

extension SecretScanner {
    /// This scanner searching with the kernel at the process's level, unless it already names
    /// its search (as a test that compares levels does). Every entry of the scanning module
    /// passes its scanner through here; the matches are the same, only faster.
    var onKernel: SecretScanner {
        guard anchorSearch == nil else { return self }
        var scanner = self
        scanner.anchorSearch = ScanKernel()
        return scanner
    }
}
