#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An executable `swift build` put beside the test runner: the one place the suite finds a built
/// product (`openai-doctor`, `openai-doctor-mcp`, `doctor-sdk-example`).
///
/// On Linux the runner sits in the build folder beside the products; on macOS inside the
/// `.xctest` bundle, a few folders below them. The search walks up from the runner's real path
/// until it finds the name, so both layouts work.
///
/// ```swift
/// let tool = BuiltExecutable.openaiDoctor
/// try await ChildProcess.run(tool.path, ["--version"])
/// ```
public struct BuiltExecutable: Sendable, CustomStringConvertible {
    /// The product's name.
    public let name: String
    /// The absolute path found (the bare name, looked up in `PATH`, when none was found).
    public let path: String

    /// `openai-doctor`.
    public static let openaiDoctor = BuiltExecutable(named: "openai-doctor")
    /// `openai-doctor-mcp`, the MCP server `openai-doctor mcp` execs.
    public static let openaiDoctorMCP = BuiltExecutable(named: "openai-doctor-mcp")
    /// `doctor-sdk-example`, the URLSession drop-in under an SDK-style call.
    public static let sdkExample = BuiltExecutable(named: "doctor-sdk-example")

    /// Finds `name` beside (or above) the running test binary.
    public init(named name: String) {
        self.name = name
        var directory = Self.runnerPath()
        while let slash = directory.lastIndex(of: "/") {
            directory = String(directory[..<slash])
            let candidate = (directory.isEmpty ? "" : directory) + "/" + name
            if access(candidate, X_OK) == 0 {
                path = candidate
                return
            }
        }
        path = name
    }

    /// ``path``.
    public var description: String { path }

    /// The running test binary's real path (symbolic links resolved).
    private static func runnerPath() -> String {
        let argument = CommandLine.arguments.first ?? "."
        guard let resolved = realpath(argument, nil) else { return argument }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
