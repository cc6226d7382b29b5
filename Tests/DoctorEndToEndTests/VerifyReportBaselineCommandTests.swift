import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// verify, report and baseline through the real binary, against the mock in-process.
@Suite("verify, report and baseline through the real binary", .serialized)
struct VerifyReportBaselineCommandTests {
    static func environment(key: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1", "OPENAI_API_KEY": key].merging(extra)
        { $1 }
    }

    static func live(_ server: MockServer) -> [String] {
        ["--base-url", server.baseURL + "/v1", "--status-url", server.baseURL, "--no-dotenv", "--timeout", "8"]
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func steps(_ json: [String: Any]) -> [String: String] {
        var outcomes: [String: String] = [:]
        for step in json["steps"] as? [[String: Any]] ?? [] {
            outcomes[step["id"] as? String ?? "?"] = step["outcome"] as? String
        }
        return outcomes
    }

    @Test("verify against a working API: known-good ok, controlled failure clean, retry limit held, exit 0")
    func verifyWorking() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let result = try await ToolProcess.run(
                ["verify", "--format", "json"] + Self.live(server), environment: Self.environment(key: key))
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let json = try Self.json(result.stdout)
            #expect(json["kind"] as? String == "verify")
            #expect(json["verdict"] as? String == "ok")
            #expect(
                Self.steps(json) == [
                    "known_good.models": "ok", "known_bad.model": "clean_failure", "retry_limit": "held",
                ])
            #expect(!result.stdout.contains(key) && !result.stderr.contains(key))
        }
    }

    @Test("verify --from: still failing (same cause), new failure, then fixed — inputs held constant")
    func verifyFromSavedReport() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let directory = try CheckCommandTests.emptyDirectory()
            let saved = directory.appendingPathComponent("check.json").path
            server.setScenario(ScenarioName(cause: .modelNoAccess))
            let check = try await ToolProcess.run(
                ["check", "--format", "json", "--output", saved] + Self.live(server),
                environment: Self.environment(key: key))
            #expect(check.status == 1)

            let still = try await ToolProcess.run(
                ["verify", "--from", saved, "--format", "json"] + Self.live(server),
                environment: Self.environment(key: key))
            #expect(still.status == 1)
            let stillJSON = try Self.json(still.stdout)
            #expect(Self.steps(stillJSON)["rerun.api.models"] == "still_failing")
            #expect(stillJSON["inputs_changed"] as? [String] == [])

            server.setScenario(ScenarioName(cause: .accountDeactivated))
            let other = try await ToolProcess.run(
                ["verify", "--from", saved, "--format", "json"] + Self.live(server),
                environment: Self.environment(key: key))
            #expect(other.status == 1)
            #expect(Self.steps(try Self.json(other.stdout))["rerun.api.models"] == "new_failure")

            server.setScenario(ScenarioName.ok)
            let fixed = try await ToolProcess.run(
                ["verify", "--from", saved] + Self.live(server), environment: Self.environment(key: key))
            #expect(fixed.status == 0, "\(fixed.stdout)")
            #expect(fixed.stdout.hasPrefix("openai-doctor verify: fixed"))
            #expect(fixed.stdout.contains("inputs  held constant"))

            let otherKey = TestKey.project()
            let changed = try await ToolProcess.run(
                ["verify", "--from", saved, "--format", "json"] + Self.live(server),
                environment: Self.environment(key: otherKey))
            #expect(try Self.json(changed.stdout)["inputs_changed"] as? [String] == ["key"])
        }
    }

    @Test(
        "verify --from with no live flags: every step goes to the saved target; a flag given overrides it and is listed"
    )
    func verifyFromHoldsTheSavedTarget() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let directory = try CheckCommandTests.emptyDirectory()
            let saved = directory.appendingPathComponent("r.json").path
            server.setScenario(ScenarioName(cause: .regionUnsupported))
            let check = try await ToolProcess.run(
                ["check", "--format", "json", "--output", saved, "--model", "gpt-4o-mini"] + Self.live(server),
                environment: Self.environment(key: key))
            #expect(check.status == 1)

            server.setScenario(ScenarioName.ok)
            // No --base-url, no --model: the saved report's target, not today's default host.
            let bare = ["--no-dotenv", "--timeout", "8"]
            let fixed = try await ToolProcess.run(
                ["verify", "--from", saved, "--format", "json"] + bare, environment: Self.environment(key: key))
            #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
            let json = try Self.json(fixed.stdout)
            #expect(json["inputs_changed"] as? [String] == [])
            let steps = Self.steps(json)
            #expect(steps["known_good.models"] == "ok")
            #expect(steps["known_bad.model"] == "clean_failure")
            #expect(steps.filter { $0.key.hasPrefix("rerun.") }.values.allSatisfy { $0 == "fixed" })
            let target = try #require(json["target"] as? [String: Any])
            #expect(target["base_url"] as? String == server.baseURL + "/v1")
            #expect(target["model"] as? String == "gpt-4o-mini")
            let sources = try #require(target["sources"] as? [String: String])
            #expect(sources["base_url"] == "saved report \(saved)")

            // An explicit flag wins over the saved value and is named as a changed input.
            let overridden = try await ToolProcess.run(
                ["verify", "--from", saved, "--format", "json", "--model", "gpt-4o"] + bare,
                environment: Self.environment(key: key))
            #expect(try Self.json(overridden.stdout)["inputs_changed"] as? [String] == ["model"])
            #expect(!fixed.stdout.contains(key) && !overridden.stdout.contains(key))
        }
    }

    @Test("verify: an unreadable --from is exit 66, a bad --retry-attempts is 64")
    func verifyUsage() async throws {
        let key = TestKey.project()
        #expect(
            try await ToolProcess.run(
                ["verify", "--from", "/nonexistent/check.json"], environment: Self.environment(key: key)
            ).status == 66)
        #expect(
            try await ToolProcess.run(["verify", "--retry-attempts", "0"], environment: Self.environment(key: key))
                .status == 64)
    }

    @Test(
        "report renders a saved check as text, ticket Markdown and HTML; check --format html writes the same kind of page"
    )
    func reportFormats() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let directory = try CheckCommandTests.emptyDirectory()
            let saved = directory.appendingPathComponent("check.json").path
            server.setScenario(ScenarioName(cause: .regionUnsupported))
            _ = try await ToolProcess.run(
                ["check", "--format", "json", "--output", saved] + Self.live(server),
                environment: Self.environment(key: key))

            let markdown = try await ToolProcess.run(
                ["report", saved, "--format", "markdown", "--tried", "Turned the VPN off"],
                environment: Self.environment(key: key))
            #expect(markdown.status == 0)
            for expected in [
                "# OpenAI API support request:", "| Time zone |", "| Model |", "| OS |", "| Swift |", "x-request-id",
                "cf-ray", "- Turned the VPN off", "## Sanitized request shape", "region.unsupported",
            ] {
                #expect(markdown.stdout.contains(expected), "missing \(expected)")
            }
            let text = try await ToolProcess.run(["report", saved], environment: Self.environment(key: key))
            #expect(text.status == 0)
            #expect(text.stdout.contains("region.unsupported"))

            let page = directory.appendingPathComponent("report.html").path
            let html = try await ToolProcess.run(
                ["report", saved, "--format", "html", "--output", page], environment: Self.environment(key: key))
            #expect(html.status == 0)
            let fromCheck = directory.appendingPathComponent("check.html").path
            _ = try await ToolProcess.run(
                ["check", "--format", "html", "--output", fromCheck] + Self.live(server),
                environment: Self.environment(key: key))
            for file in [page, fromCheck] {
                let content = try String(contentsOfFile: file, encoding: .utf8)
                #expect(content.hasPrefix("<!doctype html>"))
                #expect(content.contains("class=\"wf-row\""))
                #expect(content.contains("region.unsupported"))
                #expect(!content.contains(key))
            }
            for output in [markdown.stdout, text.stdout] { #expect(!output.contains(key)) }
        }
    }

    @Test("report: not a report is exit 66, a missing file 66")
    func reportBadInput() async throws {
        let directory = try CheckCommandTests.emptyDirectory()
        let junk = directory.appendingPathComponent("junk.json")
        try #"{"hello": "world"}"#.write(to: junk, atomically: true, encoding: .utf8)
        let result = try await ToolProcess.run(["report", junk.path])
        #expect(result.status == 66)
        #expect(result.stderr.contains("not a report") || result.stderr.contains("schema_version"))
        #expect(try await ToolProcess.run(["report", "/nonexistent.json"]).status == 66)
    }

    @Test(
        "the HTML report renders in headless Chromium (scripts/check-html-render.sh)",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
                || ProcessInfo.processInfo.environment["CI"] == "true"))
    func htmlRendersInChromium() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let directory = try CheckCommandTests.emptyDirectory()
            let page = directory.appendingPathComponent("check.html").path
            server.setScenario(ScenarioName(cause: .billingQuotaExceeded))
            _ = try await ToolProcess.run(
                ["check", "--format", "html", "--output", page] + Self.live(server),
                environment: Self.environment(key: key))
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent("scripts/check-html-render.sh").path
            let run = try await ChildProcess.run(
                "/bin/bash", [script, page, directory.appendingPathComponent("check.png").path], stderr: .sameAsStdout,
                timeout: 120)
            let log = run.stdout
            #expect(run.status == 0, "\(log)")
            let png = try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent("check.png").path)
            #expect((png[.size] as? Int ?? 0) > 10_000)
        }
    }

    @Test(
        "baseline save then compare: unchanged is exit 0; a new egress country is flagged, exit 1; nothing secret saved"
    )
    func baselineSaveCompare() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let directory = try CheckCommandTests.emptyDirectory()
            let file = directory.appendingPathComponent("baseline.json").path
            let save = try await ToolProcess.run(
                ["baseline", "save", "--file", file, "--model", "gpt-4o-mini"] + Self.live(server),
                environment: Self.environment(key: key))
            #expect(save.status == 0, "\(save.stdout)\(save.stderr)")
            let content = try String(contentsOfFile: file, encoding: .utf8)
            #expect(!content.contains(key))
            let saved = try Self.json(content)
            #expect(saved["kind"] as? String == "baseline")
            #expect(saved["egress_country"] as? String == "US")
            #expect((saved["saved_at"] as? String)?.count == 29)

            let same = try await ToolProcess.run(
                ["baseline", "compare", "--file", file, "--model", "gpt-4o-mini"] + Self.live(server),
                environment: Self.environment(key: key))
            #expect(same.status == 0, "\(same.stdout)")

            var trace = TraceSettings()
            trace.loc = "KP"
            server.setTrace(trace)
            let moved = try await ToolProcess.run(
                ["baseline", "compare", "--file", file, "--model", "gpt-4o-mini", "--format", "json"]
                    + Self.live(server),
                environment: Self.environment(key: key))
            #expect(moved.status == 1)
            let changes = try Self.json(moved.stdout)["changes"] as? [[String: Any]] ?? []
            #expect(changes.contains { $0["field"] as? String == "egress_country" && $0["after"] as? String == "KP" })
            #expect(!moved.stdout.contains(key))

            #expect(
                try await ToolProcess.run(
                    ["baseline", "compare", "--file", directory.appendingPathComponent("none.json").path]
                        + Self.live(server),
                    environment: Self.environment(key: key)
                ).status == 66)
            server.setScenario(ScenarioName(cause: .keyInvalid))
            let broken = directory.appendingPathComponent("broken.json").path
            let refused = try await ToolProcess.run(
                ["baseline", "save", "--file", broken] + Self.live(server), environment: Self.environment(key: key))
            #expect(refused.status == 1)
            #expect(!FileManager.default.fileExists(atPath: broken))
        }
    }

    @Test("the most verbose logging of check, verify and mock never shows a planted key")
    func plantedKeyNeverLogged() async throws {
        let key = TestKey.project()
        let env = Self.environment(key: key, ["OPENAI_DOCTOR_LOG_LEVEL": "trace"])
        var seen = ""
        // The mock as a process, at trace level, receiving the key in requests.
        let mock = try ChildProcess(
            ToolProcess.executable.path,
            ["mock", "--port", "0", "--scenario", "rate_limit.exceeded*2,key.invalid*1,ok"],
            environment: env)
        defer { mock.send(SIGKILL) }
        let line = await mock.firstLine() ?? ""
        let base = try #require(line.split(separator: " ").last.map(String.init))
        let live = [
            "--base-url", base + "/v1", "--status-url", base, "--no-dotenv", "--timeout", "8", "--model", "gpt-4o",
        ]
        for arguments in [
            ["check", "-v"] + live, ["check", "--format", "json"] + live, ["verify"] + live,
            ["verify", "--format", "markdown"] + live,
            ["baseline", "save", "--force", "--file", "/dev/null"] + live,
        ] {
            let result = try await ToolProcess.run(arguments, environment: env)
            seen += result.stdout + result.stderr
        }
        mock.terminate()
        #expect(await mock.wait(seconds: 20) != nil, "the mock stops on SIGTERM")
        mock.send(SIGKILL)
        let mockRun = await mock.result()
        seen += mockRun.stdout + mockRun.stderr
        #expect(seen.contains("doctor.attempt="), "trace-level logs were expected from verify's retry client")
        #expect(!seen.contains(key))
        #expect(!seen.contains(String(key.dropFirst(8).prefix(24))))
        #expect(!seen.contains(String(key.suffix(24))))
    }
}
