import DoctorTestSupport
import Testing

@testable import DoctorCore
@testable import DoctorScan

@Suite("gitignore rules")
struct GitIgnoreTests {
    static let rules: GitIgnore = {
        var rules = GitIgnore()
        rules.add(
            contentsOf: "# comment\n*.log\n!keep.log\nbuild/\n/only-root.txt\ndocs/**/secret.txt\n\\#hash\nfoo/*.tmp\n",
            base: "")
        rules.add(contentsOf: "local.env\n", base: "sub")
        return rules
    }()

    @Test(
        "patterns follow gitignore(5)",
        arguments: [
            ("app.log", false, true), ("deep/dir/app.log", false, true), ("keep.log", false, false),
            ("build", true, true), ("build", false, false), ("only-root.txt", false, true),
            ("x/only-root.txt", false, false),
            ("docs/secret.txt", false, true), ("docs/a/b/secret.txt", false, true), ("#hash", false, true),
            ("foo/a.tmp", false, true), ("foo/bar/a.tmp", false, false), ("sub/local.env", false, true),
            ("local.env", false, false), ("src/main.swift", false, false),
        ])
    func patterns(path: String, isDirectory: Bool, ignored: Bool) {
        #expect(Self.rules.isIgnored(path, isDirectory: isDirectory) == ignored)
    }

    @Test("a .gitignore with Windows line endings gives the same rules (issue 20)")
    func windowsLineEndings() {
        var rules = GitIgnore()
        rules.add(contentsOf: "# comment\r\n*.log\r\n!keep.log\r\nbuild/\r\n", base: "")
        #expect(rules.isIgnored("app.log", isDirectory: false))
        #expect(!rules.isIgnored("keep.log", isDirectory: false))
        #expect(rules.isIgnored("build", isDirectory: true))
        #expect(!rules.isIgnored("src/main.swift", isDirectory: false))
    }

    @Test("character classes and wildcards stay within one component")
    func components() {
        let c = { (p: String, n: String) in GitIgnore.component(Array(p.utf8)[...], Array(n.utf8)[...]) }
        #expect(c("*.lo[gt]", "a.log"))
        #expect(c("*.lo[gt]", "a.lot"))
        #expect(!c("*.lo[gt]", "a.loc"))
        #expect(c("[!a]*", "bcd"))
        #expect(!c("[!a]*", "abc"))
        #expect(c("a?c", "abc"))
        #expect(!c("a?c", "ac"))
        #expect(c("**", "anything"))
    }
}

@Suite("Auditor")
struct AuditorTests {
    /// Real bodies from docs/errors-catalogue.md, as an SDK logs them.
    static let quotaLine =
        #"2026-11-26T09:14:03Z ERROR openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}} request_id=req_4f1d2a9c8b7e6d5c"#
    static let regionLine =
        #"2026-11-26T10:02:11Z ERROR 403 {"error": {"code": "unsupported_country_region_territory", "message": "Country, region, or territory not supported", "param": null, "type": "request_forbidden"}} x-request-id: req_9a8b7c6d5e4f3a2b"#

    static func tree() -> (SecretTestDirectory, String, String) {
        let dir = SecretTestDirectory()
        let key = TestKey.make(.project, length: 164)
        let admin = TestKey.make(.admin)
        dir.write(".git/HEAD", "ref: refs/heads/main\n")
        dir.write(".git/config", "url = https://x:\(TestKey.random(20, from: TestKey.alphanumeric))@example.com\n")
        dir.write(".gitignore", "ignored/\n*.bak\n")
        dir.write("src/config.py", "import os\n\nclient = OpenAI(api_key=\"\(key)\")\n")
        dir.write(
            "logs/app.log", "start\n\(quotaLine)\n\(quotaLine)\nok\n\(regionLine)\nAuthorization: Bearer \(admin)\n")
        dir.write("ignored/.env", "OPENAI_API_KEY=\(TestKey.make(.serviceAccount, length: 167))\n")
        dir.write("old.bak", "OPENAI_API_KEY=\(TestKey.make(.legacy))\n")
        dir.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D] + Array(key.utf8))
        dir.write("README.md", "Set OPENAI_API_KEY=sk-... and run.\n")
        return (dir, key, admin)
    }

    @Test("a repository: credentials by file and line, ignored and binary files skipped, error records by cause")
    func repository() async {
        let (dir, key, admin) = Self.tree()
        let report = await Auditor(workers: 2).audit([dir.path])
        let places = report.findings.map {
            "\($0.path.dropFirst(dir.path.count + 1)):\($0.line):\($0.keyType ?? $0.kind)"
        }
        #expect(places == ["logs/app.log:6:admin", "src/config.py:3:project"])
        #expect(
            report.findings.map(\.fingerprint) == [KeyFingerprint.fingerprint(admin), KeyFingerprint.fingerprint(key)])
        #expect(report.findings.last?.column == 26)
        #expect(report.skippedBinary.map { String($0.dropFirst(dir.path.count + 1)) } == ["image.png"])
        #expect(report.ignored == 2)
        #expect(report.filesScanned == 4)
        let byCause = Dictionary(uniqueKeysWithValues: report.errorRecords.map { ($0.cause, $0) })
        #expect(byCause[.billingQuotaExceeded]?.count == 2)
        #expect(byCause[.billingQuotaExceeded]?.byHour == ["2026-11-26T09": 2])
        #expect(byCause[.billingQuotaExceeded]?.requestIDs == ["req_4f1d2a9c8b7e6d5c"])
        #expect(byCause[.regionUnsupported]?.count == 1)
        #expect(byCause[.regionUnsupported]?.requestIDs == ["req_9a8b7c6d5e4f3a2b"])
        // The report never holds a value.
        let json =
            JSONOutput.encode(report) + JSONOutput.encode(report.sarif(toolVersion: "test")) + report.renderText()
        #expect(!json.contains(key) && !json.contains(admin))
        #expect(!json.contains(String(key.dropLast(4).suffix(12))))
    }

    @Test("--no-ignore scans ignored files too")
    func noIgnore() async {
        let (dir, _, _) = Self.tree()
        let report = await Auditor(honourIgnoreFiles: false).audit([dir.path])
        #expect(report.findings.count == 4)
        #expect(report.ignored == 0)
    }

    @Test("a large file split between workers gives what one worker gives")
    func splitting() async throws {
        let dir = SecretTestDirectory()
        var text = ""
        var line = 0
        while text.utf8.count < 3_000_000 {
            line += 1
            if line % 997 == 0 {
                text += "k \(TestKey.make(KeyShape.all[line % 9])) \(Self.quotaLine)\n"
            } else {
                text +=
                    "2026-11-26T11:\(line % 60):00Z INFO request \(line) ok " + String(repeating: "·", count: line % 40)
                    + "\n"
            }
        }
        let path = dir.write("big.log", text)
        let whole = await Auditor(workers: 1).audit([path])
        // One range per worker, and many small ranges taken in turn.
        for (workers, rangeSize) in [(2, 4 << 20), (3, 4 << 20), (7, 4 << 20), (2, 1 << 16), (3, 100_003)] {
            let split = await Auditor(workers: workers, splitThreshold: 1 << 16, rangeSize: rangeSize).audit([path])
            #expect(split.findings.map(\.line) == whole.findings.map(\.line))
            #expect(split.findings.map(\.column) == whole.findings.map(\.column))
            #expect(split.findings.map(\.fingerprint) == whole.findings.map(\.fingerprint))
            #expect(split.errorRecords.map(\.count) == whole.errorRecords.map(\.count))
            #expect(split.bytesScanned == text.utf8.count)
        }
        #expect(whole.findings.count == line / 997)
        #expect(whole.findings.first?.line == 997)
    }

    @Test("error records are counted once however a file is split, marks on either side of a boundary")
    func recordsAtBoundaries() async {
        let dir = SecretTestDirectory()
        var text = ""
        for n in 0..<3_000 {
            switch n % 3 {
            case 0: text += Self.quotaLine + " error again\n"  // marks at both ends of the line
            case 1: text += "2026-11-26T10:00:\(n % 60)Z INFO ok \(String(repeating: "-", count: n % 97))\n"
            default: text += Self.regionLine + "\n"
            }
        }
        let path = dir.write("records.log", text)
        let whole = await Auditor(workers: 1).audit([path])
        #expect(whole.errorRecords.map(\.count).reduce(0, +) == 2_000)
        for (workers, rangeSize) in [(2, 997), (3, 4_093), (2, 65_537), (3, 333)] {
            let split = await Auditor(workers: workers, splitThreshold: 1 << 10, rangeSize: rangeSize).audit([path])
            #expect(
                split.errorRecords.map(\.cause) == whole.errorRecords.map(\.cause),
                "\(workers) workers, ranges of \(rangeSize)")
            #expect(
                split.errorRecords.map(\.count) == whole.errorRecords.map(\.count),
                "\(workers) workers, ranges of \(rangeSize)")
            #expect(split.bytesScanned == text.utf8.count)
        }
    }

    @Test("a key straddling the boundary between two ranges is found once, on the right line")
    func straddle() async {
        let dir = SecretTestDirectory()
        let key = TestKey.make(.project, length: 164)
        let line = String(repeating: "x", count: 99) + "\n"  // 100 bytes a line
        let half = 200_000
        var text = String(repeating: line, count: (half - 80) / 100)  // the key starts 80 bytes before the middle
        text += "k=" + key + "\n"
        while text.utf8.count < 2 * half { text += line }
        text = String(decoding: Array(text.utf8).prefix(2 * half), as: UTF8.self)
        let path = dir.write("straddle.log", text)
        let report = await Auditor(workers: 2, splitThreshold: 1024).audit([path])
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.line == (half - 80) / 100 + 1)
        #expect(report.findings.first?.fingerprint == KeyFingerprint.fingerprint(key))
    }

    @Test("unreadable paths are reported and the rest is scanned")
    func unreadable() async {
        let (dir, _, _) = Self.tree()
        let report = await Auditor().audit(["/nonexistent/openai-doctor", dir.path])
        #expect(report.unreadable.map(\.path) == ["/nonexistent/openai-doctor"])
        #expect(report.findings.count == 2)
    }

    @Test(
        "a browser session cookie pasted from devtools is a credential: reported, counted, its own SARIF rule, never its value"
    )
    func sessionCookie() async {
        let dir = SecretTestDirectory()
        let session = TestKey.random(40, from: TestKey.urlSafe) + "." + TestKey.random(60, from: TestKey.urlSafe)
        let clearance = TestKey.random(43, from: TestKey.urlSafe)
        let path = dir.write(
            "devtools.txt",
            "GET /backend-api/conversation HTTP/2\n"
                + "Cookie: cf_clearance=\(clearance); __Secure-next-auth.session-token=\(session); oai-did=\(TestKey.random(16, from: TestKey.hex))\n"
        )
        let report = await Auditor().audit([path])
        #expect(report.findings.map(\.kind) == ["session-cookie"])
        #expect(report.findings.first?.line == 2)
        #expect(report.findings.first?.fingerprint == "[session-cookie]")
        let sarif = JSONOutput.encode(report.sarif(toolVersion: "test"))
        #expect(sarif.contains("\"ruleId\" : \"openai-doctor/leaked-session-cookie\""))
        let everything = sarif + JSONOutput.encode(report) + report.renderText()
        #expect(!everything.contains(session) && !everything.contains(String(session.prefix(20))))
        #expect(!everything.contains(clearance))
        // Redaction still replaces every cookie value, the session one included, under the same label.
        let redacted = Redactor.redact("Cookie: __Secure-next-auth.session-token=\(session); cf_clearance=\(clearance)")
        #expect(!redacted.contains(session) && !redacted.contains(clearance))
        #expect(redacted.contains("[REDACTED:cookie#"))
    }

    @Test("sk- and 48 alphanumerics without OpenAI's marker: an sk- key of unknown provider, not an OpenAI legacy key")
    func skKeyOfUnknownProvider() async {
        let dir = SecretTestDirectory()
        let relay = "sk-" + TestKey.random(48, from: TestKey.alphanumeric)
        let legacy = TestKey.make(.legacy)
        let path = dir.write("relay.env", "ONE_API_KEY=\(relay)\nOPENAI_API_KEY=\(legacy)\n")
        let report = await Auditor().audit([path])
        #expect(report.findings.map(\.keyType) == ["sk_unknown_provider", "legacy"])
        #expect(report.findings.first?.summary.hasPrefix("sk- key of unknown provider sk-") == true)
        let sarif = JSONOutput.encode(report.sarif(toolVersion: "test"))
        #expect(sarif.contains("\"ruleId\" : \"openai-doctor/leaked-key/sk_unknown_provider\""))
        #expect(!sarif.contains(relay) && !JSONOutput.encode(report).contains(relay))
    }

    @Test("2025-26 key kinds: sk-service- keys anywhere, Realtime ek_ keys where a credential stands")
    func newKeyKinds() async {
        let dir = SecretTestDirectory()
        let service = TestKey.make(.serviceKey, length: 71)
        let ephemeral = TestKey.make(.ephemeral)
        let path = dir.write("agent.log", "export OPENAI_API_KEY=\(service)\nAuthorization: Bearer \(ephemeral)\n")
        let report = await Auditor().audit([path])
        #expect(report.findings.map(\.keyType) == ["service", "ephemeral"])
        #expect(
            report.findings.map(\.fingerprint) == [
                KeyFingerprint.fingerprint(service), KeyFingerprint.fingerprint(ephemeral),
            ])
        let redacted = Redactor.redact("key=\(service) Authorization: Bearer \(ephemeral)")
        #expect(!redacted.contains(service) && !redacted.contains(ephemeral))
        #expect(KeyKind.recognise(service) == .serviceKey && KeyKind.recognise(ephemeral) == .ephemeral)
        let json = JSONOutput.encode(report)
        #expect(!json.contains(service) && !json.contains(ephemeral))
    }

    @Test("SARIF: version 2.1.0, one rule per kind, locations and stable fingerprints")
    func sarif() async throws {
        let (dir, _, _) = Self.tree()
        let report = await Auditor().audit([dir.path])
        let text = JSONOutput.encode(report.sarif(toolVersion: "1.2.3"))
        #expect(text.contains("\"version\" : \"2.1.0\""))
        #expect(text.contains("\"$schema\" : \"https://json.schemastore.org/sarif-2.1.0.json\""))
        #expect(text.contains("\"ruleId\" : \"openai-doctor/leaked-key/project\""))
        #expect(text.contains("\"ruleId\" : \"openai-doctor/leaked-key/admin\""))
        #expect(text.contains("\"startLine\" : 3"))
        #expect(text.contains("\"secretFingerprint/v1\""))
        let again = JSONOutput.encode(await Auditor().audit([dir.path]).sarif(toolVersion: "1.2.3"))
        #expect(again == text, "stable across runs: no per-run hash in SARIF")
    }
}
