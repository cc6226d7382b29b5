import DoctorTestSupport
import Testing

@testable import DoctorCore
@testable import DoctorScan

/// Redaction on every core must write exactly what one sequential stream writes.
@Suite("Parallel redaction")
struct ParallelRedactorTests {
    /// A log with keys of every shape, some planted across segment boundaries.
    static func log(segment: Int, segments: Int) -> (text: [UInt8], keys: [String], straddling: Int) {
        var text: [UInt8] = []
        var keys: [String] = []
        var straddling = 0
        var n = 0
        for boundary in 1...segments {
            // Ordinary lines up to just before the boundary, then a key that straddles it.
            while text.count < boundary * segment - 120 {
                text += Array("2026-11-26T10:00:\(n % 60)Z INFO task-runner risk-free request_id=req_\(n)\n".utf8)
                n += 1
            }
            let shape = KeyShape.all[boundary % KeyShape.all.count]
            let key = TestKey.make(shape)
            if shape.kind != .azure { keys.append(key) }
            let pad = String(repeating: "x", count: boundary % 90)
            let line = Array("headers: Authorization: Bearer ".utf8)
            let start = text.count + line.count
            if start < boundary * segment, start + key.utf8.count > boundary * segment { straddling += 1 }
            text += line + Array("\(key)\nkey=\(pad) \(key) Cookie: s=\(key)\n".utf8)
            // A cookie header: several secrets a few bytes apart, whose gaps are written with the tokens.
            text += Array("Cookie: sessionid=\(key)x; __cf_bm=\(pad)0123456789; connect.sid=\(key)y\n".utf8)
        }
        return (text, keys, straddling)
    }

    @Test("the output equals a sequential run's, at every boundary", arguments: [4096, 65536])
    func sameAsSequential(segment: Int) async throws {
        let dir = SecretTestDirectory()
        let (text, keys, straddling) = Self.log(segment: segment, segments: 24)
        #expect(straddling > 5, "keys must cross segment boundaries for this test to mean anything")
        let path = dir.write("app.log", bytes: text)

        let sequentialOut = try OutputFile(creating: dir.file("sequential"))
        let sequential = try StreamRedactor.redact(try InputFile(path: path), to: sequentialOut)
        try sequentialOut.close()

        let parallelOut = try OutputFile(creating: dir.file("parallel"))
        let parallel = try await ParallelRedactor.redact(
            path: path, to: parallelOut, scanner: SecretScanner(), workers: 3, segmentSize: segment)
        try parallelOut.close()

        let expected = dir.read("sequential")
        let actual = dir.read("parallel")
        #expect(actual == expected)
        #expect(parallel == sequential)
        #expect(parallel.lines == text.filter { $0 == 0x0A }.count)
        let output = String(decoding: actual, as: UTF8.self)
        for key in keys { #expect(!output.contains(key)) }
        #expect(parallel.total >= keys.count * 3)
    }

    @Test("a file over the threshold (the parallel path) loses every key and keeps every line")
    func choosesThePath() async throws {
        let dir = SecretTestDirectory()
        let (text, keys, _) = Self.log(segment: 1 << 20, segments: 34)  // 34 MB: over the threshold
        #expect(text.count >= StreamRedactor.parallelThreshold)
        let path = dir.write("big.log", bytes: text)
        let out = try OutputFile(creating: dir.file("out"))
        let summary = try await StreamRedactor.redact(path: path, to: out, workers: 2)
        try out.close()
        let output = dir.read("out")
        #expect(summary.bytesIn == text.count)
        #expect(output.filter { $0 == 0x0A }.count == text.filter { $0 == 0x0A }.count)
        let rendered = String(decoding: output, as: UTF8.self)
        for key in keys { #expect(!rendered.contains(key)) }
    }
}
