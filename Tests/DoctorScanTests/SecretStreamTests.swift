import DoctorTestSupport
import Testing

@testable import DoctorCore
@testable import DoctorScan

@Suite("Streaming redaction")
struct SecretStreamTests {
    /// Redacts `text` through a stream with a tiny chunk size, so secrets cross chunk boundaries.
    static func streamed(_ text: String, chunkSize: Int, pieces: Int = 7) throws -> String {
        let dir = SecretTestDirectory()
        let outPath = dir.file("out")
        let out = try OutputFile(creating: outPath)
        let stream = SecretStream(chunkSize: chunkSize)
        var summary = RedactionSummary()
        let bytes = Array(text.utf8)
        let step = max(1, bytes.count / pieces)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + step)
            try bytes[start..<end].withUnsafeBytes { raw in
                try stream.feed(raw) { try StreamRedactor.write($0, to: out, summary: &summary) }
            }
            start = end
        }
        try stream.finish { try StreamRedactor.write($0, to: out, summary: &summary) }
        try out.close()
        #expect(summary.bytesIn == bytes.count)
        return String(decoding: readFile(outPath), as: UTF8.self)
    }

    @Test("a stream in small chunks gives exactly what one pass gives", arguments: [4096, 5000, 65536])
    func chunkBoundaries(chunkSize: Int) throws {
        var text = ""
        var keys: [String] = []
        var line = 0
        while text.utf8.count < 300_000 {
            let shape = KeyShape.all[line % KeyShape.all.count]
            let key = TestKey.make(shape)
            if shape.kind != .azure { keys.append(key) }
            text +=
                "2026-11-26T10:\(line % 60):00Z req_\(line) " + String(repeating: "x", count: line % 97) + " \(key)\n"
            text += "Authorization: Bearer \(key)\n"
            line += 1
        }
        let once = Redactor.redact(text)
        let streamed = try Self.streamed(text, chunkSize: chunkSize)
        #expect(streamed == once)
        for key in keys { #expect(!streamed.contains(key)) }
        #expect(streamed.occurrences(of: "\n") == text.occurrences(of: "\n"))
    }

    @Test("a long single line with keys throughout loses no key (memory is measured in the CLI tests)")
    func longSingleLine() throws {
        let dir = SecretTestDirectory()
        // 24 MB of one line, a key every 64 KiB: the same code path as the 2 GB case in Benchmarks/secrets.
        let key = TestKey.make(.project, length: 164)
        let filler = String(repeating: "ab,cd ", count: 65536 / 6)
        var block = Array((filler + key + " ").utf8)
        block.reserveCapacity(block.count)
        let path = dir.file("line.txt")
        let out = try OutputFile(creating: path)
        try block.withUnsafeBufferPointer { buffer in
            for _ in 0..<(24 << 20) / buffer.count { try out.write(buffer) }
        }
        try out.close()
        let input = try InputFile(path: path)
        let sink = try OutputFile(creating: dir.file("out.txt"))
        let summary = try StreamRedactor.redact(input, to: sink, scanner: SecretScanner())
        try sink.close()
        #expect(summary.lines == 0)
        #expect(summary.replaced["key"] == (24 << 20) / block.count)
        block.removeAll()
    }

    @Test("binary input is refused with a message, not processed")
    func binary() throws {
        let dir = SecretTestDirectory()
        let path = dir.write("blob.bin", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2] + Array("sk-".utf8))
        let input = try InputFile(path: path)
        let out = try OutputFile(creating: dir.file("out"))
        #expect(throws: BinaryInputError(path: path)) { try StreamRedactor.redact(input, to: out) }
    }

    @Test("invalid UTF-8 passes through byte for byte around the redaction")
    func invalidUTF8() throws {
        let dir = SecretTestDirectory()
        let key = TestKey.make(.legacy)
        let bytes: [UInt8] = [0xFF, 0xFE, 0xC3, 0x28, 0x20] + Array(key.utf8) + [0x20, 0xE2, 0x82, 0x0A]
        let path = dir.write("bad.txt", bytes: bytes)
        let input = try InputFile(path: path)
        let out = try OutputFile(creating: dir.file("out"))
        _ = try StreamRedactor.redact(input, to: out)
        try out.close()
        let result = dir.read("out")
        #expect(Array(result.prefix(5)) == [0xFF, 0xFE, 0xC3, 0x28, 0x20])
        #expect(Array(result.suffix(4)) == [0x20, 0xE2, 0x82, 0x0A])
        #expect(!String(decoding: result, as: UTF8.self).contains(key))
    }

    @Test("unreadable paths are errors with the path and the reason")
    func unreadable() {
        #expect(throws: FileIOError.self) { _ = try InputFile(path: "/nonexistent/openai-doctor/x.log") }
        do {
            _ = try InputFile(path: "/tmp")
            Issue.record("a directory opened as a file")
        } catch {
            #expect(error.description.contains("/tmp"))
            #expect(error.description.lowercased().contains("directory"))
        }
    }

    @Test("lines are counted sixteen bytes at a time, tails included", arguments: [0, 1, 15, 16, 17, 4095, 70_000])
    func lineCounter(length: Int) {
        let bytes = (0..<length).map { $0 % 7 == 3 ? UInt8(0x0A) : UInt8(0x61) }
        let expected = bytes.filter { $0 == 0x0A }.count
        #expect(bytes.withUnsafeBufferPointer { ScanKernel().lineBreaks(in: $0) } == expected)
    }
}
