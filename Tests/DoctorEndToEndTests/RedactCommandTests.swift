import DoctorCore
import DoctorTestSupport
import Foundation
import Testing

/// `openai-doctor redact` through the real binary.
@Suite("redact command")
struct RedactCommandTests {
    @Test("standard input to standard output: secrets out, ids and lines kept, exit 0")
    func stdinToStdout() async throws {
        let key = TestKey.make(.project, length: 164)
        let input = """
            2026-11-26T10:00:00Z POST /v1/responses 401 request_id=req_0123456789abcdef cf-ray=8f1a2b3c4d5e6f70-FRA
            Authorization: Bearer \(key)
            cookie: __cf_bm=\(TestKey.random(43)); _cfuvid=\(TestKey.random(40))
            proxy http://bob:\(TestKey.random(16))@proxy.corp:3128 refused
            again \(key)

            """
        let result = try await ToolProcess.run(["redact"], stdin: input)
        #expect(result.status == 0)
        #expect(!result.stdout.contains(key))
        #expect(!result.stdout.contains(String(key.dropLast(4).suffix(16))))
        #expect(
            result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count
                == input.split(separator: "\n", omittingEmptySubsequences: false).count)
        for kept in ["req_0123456789abcdef", "8f1a2b3c4d5e6f70-FRA", "2026-11-26T10:00:00Z", " 401 "] {
            #expect(result.stdout.contains(kept))
        }
        // The same key gives the same token twice.
        let tokens = result.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("sk-proj-…") }
        }
        #expect(tokens.count == 2 && tokens[0] == tokens[1])
        #expect(result.stderr.contains("redacted 5 secrets"))
    }

    @Test("several files into one output, and in place")
    func filesAndInPlace() async throws {
        let dir = try CLITestData.directory()
        let keyA = TestKey.make(.serviceAccount, length: 167)
        let keyB = TestKey.make(.legacy)
        let a = dir.appendingPathComponent("a.log")
        let b = dir.appendingPathComponent("b.log")
        try "one \(keyA)\n".write(to: a, atomically: true, encoding: .utf8)
        try "two \(keyB)\n".write(to: b, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: b.path)
        let out = dir.appendingPathComponent("out.log")
        let joined = try await ToolProcess.run(["redact", a.path, b.path, "-o", out.path])
        #expect(joined.status == 0)
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.hasPrefix("one sk-svcacct-…") && written.contains("\ntwo sk-…"))
        #expect(!written.contains(keyA) && !written.contains(keyB))

        let inPlace = try await ToolProcess.run(["redact", "--in-place", "--quiet", a.path, b.path])
        #expect(inPlace.status == 0 && inPlace.stderr.isEmpty)
        #expect(try !String(contentsOf: a, encoding: .utf8).contains(keyA))
        #expect(try !String(contentsOf: b, encoding: .utf8).contains(keyB))
        let mode = try FileManager.default.attributesOfItem(atPath: b.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "in-place keeps the file's permissions")
    }

    @Test("a HAR file stays valid JSON")
    func har() async throws {
        let dir = try CLITestData.directory()
        let key = TestKey.make(.project, length: 164)
        let cookie = TestKey.random(43)
        let har = """
            {"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://api.openai.com/v1/models",
              "headers": [{"name": "authorization", "value": "Bearer \(key)"}, {"name": "cookie", "value": "__cf_bm=\(cookie)"}],
              "cookies": [{"name": "__cf_bm", "value": "\(cookie)"}]},
             "response": {"status": 401, "headers": [{"name": "x-request-id", "value": "req_abc123def456"}],
              "content": {"text": "{\\"error\\": {\\"code\\": \\"invalid_api_key\\"}}"}}}]}}

            """
        let path = dir.appendingPathComponent("session.har")
        try har.write(to: path, atomically: true, encoding: .utf8)
        let result = try await ToolProcess.run(["redact", path.path])
        #expect(result.status == 0)
        #expect(!result.stdout.contains(key) && !result.stdout.contains(cookie))
        #expect(result.stdout.contains("req_abc123def456"))
        _ = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test("bad input: binary and unreadable files give a message and exit 66; usage errors exit 64")
    func badInput() async throws {
        let dir = try CLITestData.directory()
        let binary = dir.appendingPathComponent("blob.bin")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1]).write(to: binary)
        let result = try await ToolProcess.run(["redact", binary.path])
        #expect(result.status == 66)
        #expect(result.stderr.contains("binary"))
        let missing = try await ToolProcess.run(["redact", "/nonexistent/openai-doctor.log"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/openai-doctor.log"))
        let directory = try await ToolProcess.run(["redact", dir.path])
        #expect(directory.status == 66)
        #expect(try await ToolProcess.run(["redact", "--in-place", "-o", "x", binary.path]).status == 64)
        #expect(try await ToolProcess.run(["redact", "--in-place"]).status == 64)
    }

    @Test("a 40 MB single line with keys: streamed, peak memory under 64 MB, no key left")
    func largeSingleLine() throws {
        let dir = try CLITestData.directory()
        let path = dir.appendingPathComponent("line.txt")
        let key = TestKey.make(.project, length: 164)
        let block = Data((String(repeating: "abc,def ", count: 8192) + key + " ").utf8)
        #expect(FileManager.default.createFile(atPath: path.path, contents: nil))
        let handle = try FileHandle(forWritingTo: path)
        for _ in 0..<(40 << 20) / block.count { handle.write(block) }
        try handle.close()
        let out = dir.appendingPathComponent("out.txt")
        let run = try MeasuredRun.run(["redact", "--quiet", path.path, "-o", out.path])
        #expect(run.status == 0)
        #expect(run.peakKilobytes > 0 && run.peakKilobytes < 64 * 1024, "peak RSS \(run.peakKilobytes) KiB")
        let output = try Data(contentsOf: out)
        #expect(output.range(of: Data(key.utf8)) == nil)
        #expect(!output.contains(0x0A))
    }
}

/// Temporary directories for the CLI tests.
enum CLITestData {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "openai-doctor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs the binary with its output discarded and reports its own peak resident set size.
///
/// The peak is read from `/proc/PID/status` (`VmHWM`) while the child runs: `wait4`'s
/// `ru_maxrss` would include the test runner's own memory, which the child shares between
/// `posix_spawn` and `exec`.
enum MeasuredRun {
    static func run(_ arguments: [String]) throws -> (status: Int32, peakKilobytes: Int) {
        let path = ToolProcess.executable.path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var peak = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            {
                // Only after exec: the name in /proc is the tool's, not the runner's.
                if let name = text.split(separator: "\n").first, name.contains("openai-doctor") { peak = max(peak, kb) }
            }
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            usleep(2_000)
        }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, peak)
    }
}
