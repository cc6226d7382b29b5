import Foundation

/// Runs the real `openai-doctor` binary that `swift build` put next to the test bundle.
///
/// Every CLI test goes through here, so exit codes, standard output and standard error are
/// observed exactly as a person or another tool sees them.
struct ToolProcess {
    /// What a run produced.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The built executable.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On macOS the runner sits inside the .xctest bundle; on Linux beside it.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("openai-doctor").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("openai-doctor")
    }()

    /// Runs the tool with `arguments`, feeding `stdin`, in `environment` (default: a minimal one
    /// with no OpenAI or proxy variables, so the host's settings never leak into a test).
    ///
    /// The wait happens on a thread of its own: blocking one of Swift's cooperative threads (two
    /// on a 2-core machine) would stall every other test's async work in the same process.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: TimeInterval = 60
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result {
                    try runBlocking(arguments, stdin: stdin, environment: environment,
                        currentDirectory: currentDirectory, timeout: timeout)
                })
            }.start()
        }
    }

    /// The blocking run behind ``run(_:stdin:environment:currentDirectory:timeout:)``.
    static func runBlocking(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: TimeInterval = 60
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment ?? ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1"]
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw TimedOut(arguments: arguments)
        }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    /// The tool did not finish in time.
    struct TimedOut: Error, CustomStringConvertible {
        let arguments: [String]
        var description: String { "openai-doctor \(arguments.joined(separator: " ")) did not finish in time" }
    }
}
