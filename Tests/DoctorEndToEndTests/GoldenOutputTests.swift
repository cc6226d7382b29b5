import DoctorTestSupport
import Foundation
import Testing

/// The JSON documents the commands print, held against the copies recorded in Golden/ before
/// issue 14 moved the code between modules: the move (and any later reshaping) must not change
/// one byte of what a tool reading `explain`, `check`, `verify` or `audit --format sarif` sees.
///
/// What differs from run to run by nature is masked before the comparison, and only that:
/// timings (`*_ms`, "12 ms"), the mock's port, timestamps, Cloudflare ray ids, request ids, and
/// the last four characters of the keys the test generates (``GoldenMask``).
///
/// To record anew (only when an output change is the point of a commit, and said in it):
/// `OPENAI_DOCTOR_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests`.
@Suite("JSON output is what it was before the move (Golden/)", .serialized)
struct GoldenOutputTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["OPENAI_DOCTOR_RECORD_GOLDEN"] == "1"

    /// The mock scenarios `check` and `verify` are recorded against: a pass, the 401/403 families,
    /// a 429, an edge page, a missing model.
    static let scenarios = [
        "ok", "key.invalid", "key.insufficient_scopes", "region.unsupported", "billing.quota_exceeded",
        "rate_limit.exceeded", "edge.blocked", "model.not_found", "server.overloaded",
    ]

    @Test("explain --format json on every fixture of the corpus")
    func explainEveryFixture() async throws {
        // The corpus the golden output was recorded on: later collections (`batch`) are measured
        // by ExplainFixtureTests and the cross-validation, not recorded here.
        let fixtures = ExplainFixture.unbatched
        #expect(fixtures.count >= 480)
        // Two at a time: each is a process start.
        var sections = [String](repeating: "", count: fixtures.count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            func add() {
                guard next < fixtures.count else { return }
                let index = next
                next += 1
                group.addTask { (index, try await Self.explain(fixtures[index])) }
            }
            add()
            add()
            for try await (index, section) in group {
                sections[index] = section
                add()
            }
        }
        try Self.compare(sections.joined(), with: "explain.txt")
    }

    @Test("check --format json against the mock", arguments: scenarios)
    func check(_ scenario: String) async throws {
        try await Self.withMock(scenario) { url in
            let key = TestKey.project()
            let result = try await ToolProcess.run(
                Self.checkArguments(url) + ["--format", "json"], environment: Self.environment(key),
                currentDirectory: try Self.emptyDirectory())
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            try Self.compare(
                GoldenMask(keys: [key]).apply(result.stdout) + "exit \(result.status)\n", with: "check-\(scenario).json"
            )
        }
    }

    @Test("verify --from a saved check report --format json against the mock", arguments: scenarios)
    func verify(_ scenario: String) async throws {
        try await Self.withMock(scenario) { url in
            let key = TestKey.project()
            let directory = try Self.emptyDirectory()
            let saved = directory.appendingPathComponent("check.json")
            _ = try await ToolProcess.run(
                Self.checkArguments(url) + ["--format", "json", "--output", saved.path],
                environment: Self.environment(key),
                currentDirectory: directory)
            let result = try await ToolProcess.run(
                [
                    "verify", "--from", saved.path, "--status-url", url, "--format", "json", "--timeout", "10",
                    "--no-dotenv",
                ],
                environment: Self.environment(key), currentDirectory: directory)
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            let masked = GoldenMask(keys: [key], paths: [directory.path]).apply(result.stdout)
            try Self.compare(masked + "exit \(result.status)\n", with: "verify-\(scenario).json")
        }
    }

    @Test("audit --format sarif over a tree of planted keys and error records")
    func auditSARIF() async throws {
        let directory = try Self.emptyDirectory()
        var keys: [String] = []
        func write(_ text: String, _ path: String) throws {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        // One file per shape, in the forms keys are leaked in: an assignment, a header, JSON.
        for (index, (_, key)) in TestKey.everyShape.enumerated() {
            keys.append(key)
            switch index % 3 {
            case 0: try write("# settings\nAPI_KEY=\(key)\n", "config/shape-\(index).env")
            case 1:
                try write(
                    "curl -H 'Authorization: Bearer \(key)' https://api.openai.com/v1/models\n",
                    "scripts/shape-\(index).sh")
            default: try write("{\"client\": {\"api_key\": \"\(key)\"}}\n", "data/shape-\(index).json")
            }
        }
        try write(
            #"{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}"#
                + "\n", "logs/api-error.log")
        try write("nothing to see here\n", "README.md")
        try write("ignored.txt\n", ".gitignore")
        try write("OPENAI_API_KEY=\(keys[0])\n", "ignored.txt")
        let result = try await ToolProcess.run(
            ["audit", "--format", "sarif", "."], environment: Self.environment(nil), currentDirectory: directory)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let masked = GoldenMask(keys: keys, paths: [directory.path]).apply(result.stdout)
        try Self.compare(masked + "exit \(result.status)\n", with: "audit.sarif")
    }

    // MARK: - Running

    static func checkArguments(_ url: String) -> [String] {
        [
            "check", "--base-url", url + "/v1", "--status-url", url, "--model", "gpt-4o", "--timeout", "10",
            "--no-dotenv",
        ]
    }

    static func environment(_ key: String?) -> [String: String] {
        var environment = ChildProcess.minimalEnvironment
        environment["OPENAI_API_KEY"] = key
        environment["NO_PROXY"] = "127.0.0.1"
        return environment
    }

    static func emptyDirectory() throws -> URL {
        let url = URL(fileURLWithPath: ChildProcess.temporaryDirectory).appendingPathComponent(
            "golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// One fixture as `=== FILE` then its masked JSON and exit status.
    static func explain(_ fixture: ExplainFixture) async throws -> String {
        let (text, keys) = try fixture.load()
        var arguments = ["explain", "--format", "json"]
        if let status = fixture.status { arguments += ["--status", String(status)] }
        for header in fixture.headers { arguments += ["--header", header] }
        arguments.append("-")
        let result = try await ToolProcess.run(arguments, stdin: text)
        return "=== \(fixture.file)\n" + GoldenMask(keys: keys).apply(result.stdout) + "exit \(result.status)\n"
    }

    /// Runs `openai-doctor mock --scenario SCENARIO` for the length of `body`, which gets its URL.
    static func withMock(_ scenario: String, _ body: (String) async throws -> Void) async throws {
        // The status page's two documents are asked at once and the first readable one wins; the
        // api/v2 document is held back so that incident.io's always does.
        let mock = try ChildProcess(
            ToolProcess.executable.path,
            ["mock", "--scenario", scenario, "--latency", "fixed:2000@/api/v2/status.json"],
            environment: ChildProcess.minimalEnvironment)
        defer { _ = mock.stop() }
        let line = try #require(await mock.firstLine(), "the mock printed no listening line")
        let url = try #require(line.split(separator: " ").last.map(String.init), "\(line)")
        try await body(url)
        // A mock that ended during the run explains a refused connection in the comparison.
        if !mock.isRunning {
            // The head of its stderr holds the crash's cause and first frames; the tail, the registers.
            Issue.record(
                "the mock (\(scenario)) ended during the run; its stderr begins: \(mock.stderr.prefix(6000))")
        }
    }

    /// Records `actual` (recording mode) or requires it to be the recorded text, naming the first
    /// line that differs.
    static func compare(_ actual: String, with name: String) throws {
        let url = directory.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard actual != expected else { return }
        // The whole output, to read after a failed run (CI's log shows only the first lines).
        let kept = URL(fileURLWithPath: ChildProcess.temporaryDirectory).appendingPathComponent("golden-actual")
        try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        try? actual.write(to: kept.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let differing = (0..<max(a.count, e.count)).filter { $0 >= a.count || $0 >= e.count || a[$0] != e[$0] }
        let shown = differing.prefix(8).map { line in
            """
              line \(line + 1):
                recorded: \(line < e.count ? String(e[line]) : "<end>")
                now:      \(line < a.count ? String(a[line]) : "<end>")
            """
        }
        Issue.record(
            "\(name) (whole output: \(kept.path)/\(name)) differs from the recording on \(differing.count) line(s):\n\(shown.joined(separator: "\n"))"
        )
    }
}

/// What is masked in an output before it is compared: only what changes from run to run.
struct GoldenMask {
    /// The keys the test generated: their last four characters show in fingerprints.
    var keys: [String] = []
    /// Temporary directories the output may name.
    var paths: [String] = []

    static let rules: [(NSRegularExpression, String)] = [
        (#""([a-z_]*_ms|duration_seconds|elapsed_seconds)" : (-?[0-9.]+|"[0-9.]+")"#, #""$1" : 0"#),
        // verify's controlled failure asks for a model id with a random suffix.
        (#"no-such-model-[0-9a-f]{16}"#, "no-such-model-RANDOM"),
        (#""port" : [0-9]+"#, #""port" : 0"#),
        // The machine's zone: "GMT" where no zone is configured, "Etc/UTC" where /etc/localtime says so.
        (#""time_zone" : "[^"]*""#, #""time_zone" : "ZONE""#),
        (#"(127\.0\.0\.1|localhost|\[::1\]):[0-9]+"#, "$1:PORT"),
        (#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})"#, "TIMESTAMP"),
        (#"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT"#, "HTTP-DATE"),
        (#"\b[0-9a-f]{16}-[A-Z]{3}\b"#, "RAY-COLO"),
        (#"\breq_[0-9A-Za-z]+"#, "req_ID"),
        // The mock's request ids: the same ones in another order as concurrent requests arrive.
        (#"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"#, "UUID"),
        // Sec-WebSocket-Accept: the hash of the client's random Sec-WebSocket-Key.
        (#""[A-Za-z0-9+/]{27}=""#, #""WEBSOCKET-ACCEPT""#),
        (#"\b[0-9]+(\.[0-9]+)? ?(ms|s)\b"#, "N $2"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    func apply(_ text: String) -> String {
        var text = text
        for path in paths { text = text.replacingOccurrences(of: path, with: "TMPDIR") }
        for key in keys {
            // Our fingerprint (`sk-proj-…a1B2`) and the API's masked echo (`sk-proj-***...a1B2`).
            text = text.replacingOccurrences(of: "…" + key.suffix(4), with: "…TAIL")
            text = text.replacingOccurrences(of: "..." + key.suffix(4), with: "...TAIL")
        }
        for (pattern, template) in Self.rules {
            text = pattern.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return Self.maskingHeldBackStatusDocument(text)
    }

    /// The status page's api/v2 document is held back by the mock (``GoldenOutputTests/withMock``)
    /// so that the other document wins; check then stops waiting for it, and whether that finds
    /// it still connecting or already waiting for its answer is timing (on a loaded runner the
    /// connect can still be under way). Either way it says it stopped waiting because the answer
    /// was no longer needed, but in another phase (`connect` or `response`), with another attempt
    /// record and other phases. Its exchange is masked whole: the label stays, the rest of the
    /// object becomes one line.
    static func maskingHeldBackStatusDocument(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasSuffix("\"label\" : \"GET status (api/v2)\",") else {
                index += 1
                continue
            }
            let indent = String(line.prefix { $0 == " " })
            let outer = String(indent.dropLast(2))
            let closers: Set<String> = [outer + "}", outer + "},"]
            guard let open = lines[..<index].lastIndex(of: outer + "{"),
                let close = lines[index...].firstIndex(where: closers.contains)
            else {
                index += 1
                continue
            }
            let masked = [
                indent + "\"label\" : \"GET status (api/v2)\",",
                indent + "\"masked\" : \"held back by the mock: how far it got before check stopped is timing\"",
            ]
            lines.replaceSubrange((open + 1)..<close, with: masked)
            index = open + 1 + masked.count + 1
        }
        return lines.joined(separator: "\n")
    }
}
