import ArgumentParser
import DoctorCLI
import DoctorTestSupport
import Testing

@Suite("Root command")
struct RootCommandTests {
    @Test("with no subcommand the tool runs check")
    func defaultIsCheck() throws {
        let command = try RootCommand.parseAsRoot([])
        #expect(command is RootCommand.Check)
    }

    /// The option names and values a command's help lists.
    static func help(_ command: any ParsableCommand.Type) -> String {
        RootCommand.helpMessage(for: command, columns: 200)
    }

    @Test("every help lists only what its command takes: explain and baseline no html, monitor no output flags")
    func helpListsOnlyWhatIsTaken() throws {
        let explain = Self.help(RootCommand.Explain.self)
        #expect(explain.contains("--format <format>"))
        #expect(explain.contains("values: text, json, markdown"), "\(explain)")
        #expect(!explain.contains("html"))
        #expect(!explain.contains("--output"))
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(["explain", "--format", "html"]) }

        let monitor = Self.help(RootCommand.Monitor.self)
        for ignored in ["--format", "--output", "--color"] {
            #expect(!monitor.contains(ignored), "monitor help lists \(ignored)")
        }
        #expect(monitor.contains("--base-url") && monitor.contains("--interval"))
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(["monitor", "--format", "json"]) }

        for baseline in [RootCommand.Baseline.Save.self, RootCommand.Baseline.Compare.self]
            as [any ParsableCommand.Type]
        {
            let text = Self.help(baseline)
            #expect(text.contains("--format") && !text.contains("html") && !text.contains("--color"), "\(text)")
        }
        for report in [RootCommand.Check.self, RootCommand.Verify.self] as [any ParsableCommand.Type] {
            let text = Self.help(report)
            #expect(
                text.contains("values: text, json, markdown, html") && text.contains("--output")
                    && text.contains("--color"))
        }

        // verify asks no status page: --status-url is accepted (a shared live flag) but not listed.
        #expect(!Self.help(RootCommand.Verify.self).contains("--status-url"))
        #expect(throws: Never.self) { try RootCommand.parseAsRoot(["verify", "--status-url", "http://127.0.0.1:9"]) }
        for asks in [RootCommand.Check.self, RootCommand.Monitor.self, RootCommand.Baseline.Save.self]
            as [any ParsableCommand.Type]
        {
            #expect(Self.help(asks).contains("--status-url"), "\(asks)")
        }
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(["check", "--status-url", "not a url"]) }
    }

    @Test(
        "mock --latency with an empty or malformed rule is a usage error, not a crash (issue 20)",
        arguments: [
            "", "@", "@/v1", "fixed:5@", "fixed:5@v1", "fixed:nan", "fixed:inf", "uniform:0-inf", "lognormal:inf",
        ])
    func badLatencyRule(rule: String) {
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(["mock", "--latency", rule]) }
    }

    @Test("mock --latency still takes a rule with a route")
    func goodLatencyRule() throws {
        let command = try RootCommand.parseAsRoot(["mock", "--latency", "fixed:5@/v1/models"])
        #expect(command is RootCommand.Mock)
    }
}
