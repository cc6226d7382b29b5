import DoctorCLI
import Testing

/// `openai-doctor mcp` run from a checkout where only the CLI was built names the command that
/// builds the server into the same folder; installed elsewhere it names none.
@Suite("mcp: the command that builds openai-doctor-mcp in a checkout")
struct MCPServerBuildCommandTests {
    static func command(_ executable: String, packages: Set<String>) -> String? {
        RootCommand.MCP.serverBuildCommand(executable: executable) { packages.contains($0) }
    }

    @Test("a debug build in .build names the package only")
    func debugBuild() {
        let command = Self.command(
            "/src/od/.build/x86_64-unknown-linux-gnu/debug/openai-doctor", packages: ["/src/od/Package.swift"])
        #expect(command == "swift build --package-path /src/od --product openai-doctor-mcp")
    }

    @Test("SwiftPM's .build/debug link gives the same command")
    func debugLink() {
        let command = Self.command("/src/od/.build/debug/openai-doctor", packages: ["/src/od/Package.swift"])
        #expect(command == "swift build --package-path /src/od --product openai-doctor-mcp")
    }

    @Test("a release build in a scratch path of its own names the configuration and the scratch path")
    func releaseScratch() {
        let command = Self.command(
            "/src/od/.build/static/aarch64-unknown-linux-gnu/release/openai-doctor", packages: ["/src/od/Package.swift"]
        )
        #expect(
            command
                == "swift build -c release --package-path /src/od --scratch-path /src/od/.build/static --product openai-doctor-mcp"
        )
    }

    @Test("a path with a space is quoted for the shell")
    func quoted() {
        let command = Self.command(
            "/home/me/my code/od/.build/x86_64-unknown-linux-gnu/debug/openai-doctor",
            packages: ["/home/me/my code/od/Package.swift"])
        #expect(command == "swift build --package-path '/home/me/my code/od' --product openai-doctor-mcp")
    }

    @Test(
        "outside a build folder of a checkout there is no command",
        arguments: [
            "/usr/local/bin/openai-doctor",
            "/venv/lib/python3.11/site-packages/openai_doctor/bin/openai-doctor",
            "/src/od/.build/x86_64-unknown-linux-gnu/debug/openai-doctor",  // no Package.swift above
            "openai-doctor",
        ])
    func elsewhere(_ executable: String) {
        #expect(Self.command(executable, packages: []) == nil)
    }
}
