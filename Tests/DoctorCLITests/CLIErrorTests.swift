import ArgumentParser
import DoctorCLI
import DoctorCore
import DoctorMonitor
import DoctorTestSupport
import Testing

/// The one mapping from a failure to what a person sees: the line on standard error and the
/// exit code docs/product.md assigns (the end-to-end tests see the same through the binary).
@Suite("CLI errors: message and exit code")
struct CLIErrorTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let address = ListenAddress(host: "127.0.0.1", port: 9464)

    static let cases: [(CLIError, message: String?, code: Int32)] = [
        (
            .unreadableInput(path: "r.json", reason: "No such file or directory"),
            "openai-doctor: cannot read r.json: No such file or directory", 66
        ),
        (
            .usage("--timeout must be between 0 and 3600 seconds"),
            "openai-doctor: --timeout must be between 0 and 3600 seconds", 64
        ),
        (
            .notAWorkingConfiguration(cause: .keyInvalid),
            "openai-doctor: check finds a problem (key.invalid): not a working configuration; nothing saved (use --force to save anyway)",
            1
        ),
        (
            .notAWorkingConfiguration(cause: nil),
            "openai-doctor: check finds a problem (see check): not a working configuration; nothing saved (use --force to save anyway)",
            1
        ),
        (.metricsNotServed(.addressInUse(address)), "openai-doctor: \(MonitorError.addressInUse(address))", 1),
        (
            .metricsNotServed(.addressNotAvailable(address)),
            "openai-doctor: \(MonitorError.addressNotAvailable(address))", 64
        ),
        (
            .mockNotStarted(reason: "--accept-key-env K: the variable is not set"),
            "Error: --accept-key-env K: the variable is not set", 1
        ),
        (
            .inputNotRedacted(Failure(description: "cannot read a.bin: binary file")),
            "openai-doctor: cannot read a.bin: binary file", 66
        ),
        (
            .redactionOutputNotCreated(Failure(description: "cannot open o: denied")),
            "openai-doctor: cannot open o: denied", 66
        ),
        (
            .redactionOutputFailed(Failure(description: "cannot write o: full")), "openai-doctor: cannot write o: full",
            70
        ),
        (
            .auditReportNotWritten(Failure(description: "cannot open r: denied")),
            "openai-doctor: cannot open r: denied", 70
        ),
        (.namedPathsUnreadable, nil, 66),
        (
            .mcpServerMissing(buildCommand: nil),
            "openai-doctor: mcp: openai-doctor-mcp is not installed beside openai-doctor",
            70
        ),
        (
            .mcpServerMissing(buildCommand: "swift build --package-path /src/od --product openai-doctor-mcp"),
            "openai-doctor: mcp: the MCP server openai-doctor-mcp is not built in this checkout; build it with: "
                + "swift build --package-path /src/od --product openai-doctor-mcp", 70
        ),
        (
            .mcpServerNotStarted(path: "/bin/x", reason: "Permission denied"),
            "openai-doctor: mcp: cannot start /bin/x: Permission denied", 70
        ),
    ]

    @Test("each failure has its message and exit code", arguments: 0..<cases.count)
    func mapping(_ index: Int) {
        let (error, message, code) = Self.cases[index]
        #expect(error.message == message)
        #expect(error.exitCode == ExitCode(code))
    }

    @Test("an MCP server failure is redacted before it is shown")
    func mcpFailureIsRedacted() {
        let key = TestKey.project()
        let message = CLIError.mcpServerFailed(Failure(description: "broken pipe near \(key)")).message ?? ""
        #expect(message.hasPrefix("openai-doctor: mcp: broken pipe near "))
        #expect(!message.contains(key))
    }
}
