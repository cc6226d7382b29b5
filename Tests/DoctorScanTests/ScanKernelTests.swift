import DoctorScanKernel
import DoctorTestSupport
import Testing

@testable import DoctorCore
@testable import DoctorScan

/// The vector kernels must give exactly what the scalar kernel gives, on every CPU level this
/// machine has, and the scanner's filter must let every real anchor through. The kernel is
/// reached through its facade, ``ScanKernel``; only the CPU-feature selection is read from the
/// C module directly.
@Suite("Scanning kernel")
struct ScanKernelTests {
    /// Bytes weighted toward the anchors' bytes, so candidates are dense and lie on every lane.
    static func randomBytes(_ count: Int) -> [UInt8] {
        let interesting = Array("sSkKhHfFlLxXpPiIrRzZbBeEaAoOnN-_:/\n @".utf8)
        return TestRandom.draw { generator in
            (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? interesting[Int.random(in: 0..<interesting.count, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
            }
        }
    }

    /// Runs `body` at each level from scalar up to the best this CPU has. The level is a
    /// parameter of each call: nothing process-wide changes, so suites running beside this one
    /// keep the level the process chose.
    static func atEveryLevel(_ body: (Int32) -> Void) {
        for level in 0...ScanKernel.bestLevel { body(level) }
    }

    /// The candidates `search` lists in `bytes[start..<start + count]` (positions relative to
    /// `start`), the `start` bytes before readable as context.
    static func candidates(
        _ bytes: [UInt8], start: Int = 0, count: Int, available: Int, filter: AnchorFilter,
        search: any AnchorSearch = ScanKernel()
    ) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: max(count, 1))
        let n = bytes.withUnsafeBufferPointer { buffer in
            out.withUnsafeMutableBufferPointer { out in
                // Safe: out has at least one element and callers pass non-empty bytes: a non-empty buffer has a base address
                // swift-format-ignore: NeverForceUnwrap
                search.candidates(
                    in: buffer.baseAddress! + start, count: count, available: available, before: start, filter: filter,
                    into: out.baseAddress!)
            }
        }
        return Array(out[0..<n])
    }

    static var scannerTables: AnchorFilter { Anchors.filter }

    @Test("every level lists the same candidates, at every length and tail")
    func levelsAgree() {
        let filter = Self.scannerTables
        for _ in 0..<300 {
            let length = Int.testRandom(in: 1...700)
            let bytes = Self.randomBytes(length)
            let start = Int.testRandom(in: 0...min(9, length))
            let count = Int.testRandom(in: 0...(length - start))
            let available = Int.testRandom(in: count...(length - start))
            var results: [[UInt32]] = []
            Self.atEveryLevel { level in
                results.append(
                    Self.candidates(
                        bytes, start: start, count: count, available: available, filter: filter,
                        search: ScanKernel(level: level)))
            }
            #expect(
                Set(results).count == 1,
                "levels disagree at length \(length), start \(start), count \(count), available \(available)")
        }
    }

    /// Log-like bytes: words, digits, ids that cross 64-byte blocks, three-digit codes, and
    /// now and then any byte at all.
    static func shapeBytes(_ count: Int) -> [UInt8] {
        let pieces: [[UInt8]] = [
            "req_", "429", "2026-11-26T10:09:25.666Z", " ", "\"", ":", "error", "_", "0", "a1", "x9y",
        ].map { Array($0.utf8) }
        var bytes: [UInt8] = []
        while bytes.count < count {
            switch Int.testRandom(in: 0..<4) {
            case 0: bytes += pieces.testRandomElement()
            case 1:
                bytes += (0..<Int.testRandom(in: 1...90)).map { _ in Array("abcdef0123456789".utf8).testRandomElement()
                }
            case 2: bytes += (0..<Int.testRandom(in: 1...70)).map { _ in Array("abcXYZ_".utf8).testRandomElement() }
            default: bytes.append(UInt8.testRandom(in: 0...255))
            }
        }
        return Array(bytes.prefix(count))
    }

    @Test("every level hashes a line's shape alike, short lines, long lines and block edges")
    func shapeHashesAgree() {
        var lengths = Array(0...200) + [255, 256, 257, 2047, 2048, 2049, 3000]
        lengths += (0..<300).map { _ in Int.testRandom(in: 0...2100) }
        for length in lengths {
            let bytes = Self.shapeBytes(length)
            var hashes: Set<UInt64> = []
            Self.atEveryLevel { level in
                hashes.insert(bytes.withUnsafeBufferPointer { ScanKernel(level: level).shapeHash($0) })
            }
            #expect(
                hashes.count == 1, "levels disagree on a \(length)-byte line: \(String(decoding: bytes, as: UTF8.self))"
            )
        }
    }

    @Test("every level counts line breaks alike")
    func countsAgree() {
        for _ in 0..<200 {
            let bytes = Self.randomBytes(Int.testRandom(in: 0...2000))
            let expected = bytes.filter { $0 == 0x0A }.count
            Self.atEveryLevel { level in
                let n = bytes.withUnsafeBufferPointer { ScanKernel(level: level).lineBreaks(in: $0) }
                #expect(n == expected, "level \(level)")
            }
        }
    }

    @Test("the scanner's filter lets through every position its exact tables accept")
    func filterIsASuperset() {
        let filter = Self.scannerTables
        var bytes = Self.randomBytes(100_000)
        // Plant every anchor in every case it accepts.
        var planted = 0
        for anchor in Anchors.all {
            for a in Anchors.variants(anchor, 0) {
                for b in Anchors.variants(anchor, 1) {
                    for c in Anchors.variants(anchor, 2) {
                        bytes += [0x20, a, b, c]
                        planted += 1
                    }
                }
            }
        }
        let listed = Set(
            Self.candidates(bytes, count: bytes.count, available: bytes.count, filter: filter).map(Int.init))
        let tables = Anchors.tables
        var exact = 0
        let inside = Self.tokenStartInsideWord(bytes)
        for i in 0..<(bytes.count - 2)
        where tables[Int(bytes[i])] & tables[256 + Int(bytes[i + 1])] & tables[512 + Int(bytes[i + 2])] != 0
            && !inside.contains(i)
        {
            exact += 1
            #expect(listed.contains(i), "anchor at \(i) (\(bytes[i]), \(bytes[i + 1]), \(bytes[i + 2])) not listed")
        }
        #expect(exact >= planted)
        // And it is a filter: most positions of random bytes are not listed.
        #expect(listed.count < bytes.count / 20)
    }

    /// Where `bytes` hold `sk-` that the rules reject for sitting inside a word.
    static func tokenStartInsideWord(_ bytes: [UInt8]) -> Set<Int> {
        bytes.withUnsafeBufferPointer { buffer in
            // Safe: callers pass non-empty bytes: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let view = Bytes(base: buffer.baseAddress!, count: buffer.count)
            return Set(
                (0..<max(0, buffer.count - 2)).filter { view.matches("sk-", at: $0) && !view.boundaryBefore($0) })
        }
    }

    @Test("sk- inside a word is no candidate at any level, and only where the rules reject it too")
    func keyPrefixInsideAWord() {
        let filter = Self.scannerTables
        let pieces = [
            "sk-", "ta", "ri", "de", "Q", "9", " ", "=", "\"", "\\", "\\n", "%3D", "%zz", "%", "\\u0022", "_", "\n",
        ].map { Array($0.utf8) }
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            while bytes.count < 600 { bytes += pieces.testRandomElement() }
            let start = Int.testRandom(in: 0...8)
            let rejected = Self.tokenStartInsideWord(bytes)
            Self.atEveryLevel { level in
                let listed = Set(
                    Self.candidates(
                        bytes, start: start, count: bytes.count - start, available: bytes.count - start, filter: filter,
                        search: ScanKernel(level: level)
                    )
                    .map { Int($0) + start })
                for q in start..<(bytes.count - 2)
                where bytes[q] == UInt8(ascii: "s") && bytes[q + 1] == UInt8(ascii: "k")
                    && bytes[q + 2] == UInt8(ascii: "-")
                {
                    if !listed.contains(q) {
                        #expect(
                            rejected.contains(q), "level \(level): sk- at \(q) dropped though the rules would take it")
                    }
                    let before = bytes[q - (q > 0 ? 1 : 0)]
                    let escapable =
                        (q >= 2 && bytes[q - 2] == 0x5C) || (q >= 3 && bytes[q - 3] == 0x25)
                        || (q >= 6 && bytes[q - 6] == 0x5C)
                    if q >= 6, ByteClass.isAlphanumeric(before), !escapable {
                        #expect(!listed.contains(q), "level \(level): sk- inside a word at \(q) listed")
                    }
                }
            }
        }
    }

    @Test("the scanner finds the same secrets at every level")
    func scannerAgrees() throws {
        var text = ""
        for (n, shape) in KeyShape.all.enumerated() {
            let key = TestKey.make(shape)
            text += "2026-11-26T10:00:\(n)Z task-runner sk-words desk-check Authorization: Bearer \(key)\n"
            text += "{\"api_key\": \"\(key)\"} curl https://user:p4ssw0rd-\(n)@proxy.internal:3128 Cookie: s=\(key)\n"
        }
        var results: [[SecretMatch]] = []
        Self.atEveryLevel { level in
            var scanner = SecretScanner()
            scanner.anchorSearch = ScanKernel(level: level)
            results.append(scanner.matches(in: text))
        }
        let first = try #require(results.first)
        #expect(first.count >= KeyShape.all.count * 2)
        for result in results.dropFirst() { #expect(result == first) }
    }

    @Test(
        "a path is chosen only when the CPU has every feature it is compiled for",
        arguments: [
            // (features, expected level, why)
            (UInt32(0), Int32(0), "nothing: scalar"),
            (UInt32(DOCTOR_CPU_SSSE3), Int32(1), "SSSE3 alone"),
            (
                UInt32(DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2), Int32(1),
                "AVX2 without BMI1 and POPCNT (a VM that hides them)"
            ),
            (UInt32(DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_BMI1), Int32(1), "AVX2 and BMI1 without POPCNT"),
            (UInt32(DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_POPCNT), Int32(1), "AVX2 and POPCNT without BMI1"),
            (
                UInt32(DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_BMI1 | DOCTOR_CPU_POPCNT), Int32(2),
                "AVX2 with all it needs"
            ),
            (
                UInt32(DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_AVX512F | DOCTOR_CPU_AVX512BW), Int32(1),
                "AVX-512 without BMI1 and POPCNT"
            ),
            (
                UInt32(DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_BMI1 | DOCTOR_CPU_POPCNT | DOCTOR_CPU_AVX512F),
                Int32(2), "AVX-512F without BW"
            ),
            (
                UInt32(
                    DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_BMI1 | DOCTOR_CPU_POPCNT | DOCTOR_CPU_AVX512F
                        | DOCTOR_CPU_AVX512BW), Int32(3), "AVX-512 with all it needs"
            ),
            (
                UInt32(
                    DOCTOR_CPU_AVX2 | DOCTOR_CPU_BMI1 | DOCTOR_CPU_POPCNT | DOCTOR_CPU_AVX512F | DOCTOR_CPU_AVX512BW),
                Int32(0), "no SSSE3 (never seen, but then no vector path)"
            ),
        ])
    func selectionNeedsEveryFeature(features: UInt32, expected: Int32, why: String) {
        let level = doctor_scan_kernel_level_for(features)
        #expect(level == expected, "\(why): chose \(level)")
        // The reason a higher level was passed over is a feature it needs that is missing.
        for higher in Int32(0)...3 where higher > level {
            let missing = doctor_scan_kernel_required_features(higher) & ~features
            #expect(missing != 0, "\(why): level \(higher) has everything it needs yet was not chosen")
        }
        #expect(doctor_scan_kernel_required_features(level) & ~features == 0, "\(why): level \(level) lacks a feature")
    }

    @Test("this process runs a level this CPU has every feature of, and a level asked of a call is lowered to it")
    func processLevelIsRunnable() {
        let features = doctor_scan_kernel_cpu_features()
        let best = doctor_scan_kernel_best_level()
        #expect(best == doctor_scan_kernel_level_for(features))
        #expect(doctor_scan_kernel_level() <= best)
        #expect(doctor_scan_kernel_required_features(best) & ~features == 0)
        // Asking a call for more than the CPU has runs the best it has, with the same answer.
        let bytes = Self.randomBytes(4096)
        let filter = Self.scannerTables
        #expect(
            Self.candidates(
                bytes, count: bytes.count, available: bytes.count, filter: filter, search: ScanKernel(level: 3))
                == Self.candidates(
                    bytes, count: bytes.count, available: bytes.count, filter: filter, search: ScanKernel(level: best)))
    }
}
