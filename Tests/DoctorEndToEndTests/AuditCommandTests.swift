import DoctorCore
import DoctorTestSupport
import Foundation
import Testing

/// `openai-doctor audit` through the real binary.
@Suite("audit command")
struct AuditCommandTests {
    static let quotaLine =
        #"2026-11-26T09:14:03Z ERROR openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}} request_id=req_4f1d2a9c8b7e6d5c"#

    /// A git work tree with a leaked key, an ignored one, a binary file and a log of errors.
    static func tree() throws -> (URL, String) {
        let dir = try CLITestData.directory()
        let key = TestKey.make(.project, length: 164)
        let files: [(String, String)] = [
            (".git/HEAD", "ref: refs/heads/main\n"),
            (".gitignore", "secrets/\n"),
            ("app/settings.py", "DEBUG = True\nOPENAI_API_KEY = \"\(key)\"\n"),
            ("secrets/.env", "OPENAI_API_KEY=" + TestKey.make(.legacy) + "\n"),
            ("logs/app.log", "boot\n\(quotaLine)\n\(quotaLine)\n"),
        ]
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0] + Array(key.utf8)).write(to: dir.appendingPathComponent("logo.png"))
        return (dir, key)
    }

    @Test("text: file:line and fingerprint, never the value; exit 1")
    func text() async throws {
        let (dir, key) = try Self.tree()
        let result = try await ToolProcess.run(["audit"], currentDirectory: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("./app/settings.py:2:19: project key sk-proj-…\(key.suffix(4))"))
        #expect(!result.stdout.contains(key))
        #expect(result.stdout.contains("1 credential in 1 file"))
        #expect(result.stdout.contains("1 binary skipped"))
        #expect(result.stdout.contains("1 ignored by .gitignore"))
        #expect(result.stdout.contains("billing.quota_exceeded"))
        #expect(result.stdout.contains("req_4f1d2a9c8b7e6d5c"))
        let all = try await ToolProcess.run(["audit", "--no-ignore", dir.path])
        #expect(all.stdout.contains("2 credentials in 2 files"))
    }

    @Test("json and sarif are parseable and carry no value")
    func formats() async throws {
        let (dir, key) = try Self.tree()
        let json = try await ToolProcess.run(["audit", "--format", "json", dir.path])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["schema_version"] as? Int == 1)
        let findings = object?["findings"] as? [[String: Any]]
        #expect(findings?.first?["line"] as? Int == 2)
        #expect(findings?.first?["key_type"] as? String == "project")
        let records = object?["error_records"] as? [[String: Any]]
        #expect(records?.first?["cause"] as? String == "billing.quota_exceeded")
        #expect(records?.first?["count"] as? Int == 2)

        let sarif = try await ToolProcess.run(["audit", "--format", "sarif", dir.path])
        #expect(sarif.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let run = (log?["runs"] as? [[String: Any]])?.first
        let results = run?["results"] as? [[String: Any]]
        #expect(results?.count == 1)
        #expect(results?.first?["ruleId"] as? String == "openai-doctor/leaked-key/project")
        for output in [json.stdout, sarif.stdout] { #expect(!output.contains(key)) }
    }

    @Test("a clean tree exits 0; an unreadable path exits 66 with a message")
    func exitCodes() async throws {
        let dir = try CLITestData.directory()
        try "nothing to see\n".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let clean = try await ToolProcess.run(["audit", dir.path])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("No credentials found"))
        let missing = try await ToolProcess.run(["audit", "/nonexistent/openai-doctor"])
        #expect(missing.status == 66)
        #expect((missing.stdout + missing.stderr).contains("cannot read /nonexistent/openai-doctor"))
        #expect(try await ToolProcess.run(["audit", "--format", "xml"]).status == 64)
    }

    @Test("a 40 MB log: peak memory under 64 MB")
    func memory() throws {
        let dir = try CLITestData.directory()
        let path = dir.appendingPathComponent("big.log")
        let key = TestKey.make(.project, length: 164)
        let block = Data(
            (String(repeating: "2026-11-26T10:00:00Z INFO request ok status=200\n", count: 2000) + "leak \(key)\n").utf8
        )
        #expect(FileManager.default.createFile(atPath: path.path, contents: nil))
        let handle = try FileHandle(forWritingTo: path)
        for _ in 0..<(40 << 20) / block.count { handle.write(block) }
        try handle.close()
        let run = try MeasuredRun.run(["audit", path.path])
        #expect(run.status == 1)
        #expect(run.peakKilobytes > 0 && run.peakKilobytes < 64 * 1024, "peak RSS \(run.peakKilobytes) KiB")
    }
}
