import Foundation

/// Runs the real curl against the mock: the client whose exit codes name each transport failure.
struct Curl {
    /// What one curl run produced.
    struct Result {
        var exitCode: Int32
        var output: String
        var errorOutput: String

        /// The status code of the first response, from `-i` output.
        var status: Int? {
            guard let line = output.split(separator: "\r\n").first, line.hasPrefix("HTTP/") else { return nil }
            let parts = line.split(separator: " ")
            return parts.count > 1 ? Int(parts[1]) : nil
        }

        /// The body after the header block of `-i` output.
        var body: String {
            guard let range = output.range(of: "\r\n\r\n") else { return output }
            return String(output[range.upperBound...])
        }

        /// The header lines of `-i` output (not including the status line).
        var headerLines: [String] {
            guard let range = output.range(of: "\r\n\r\n") else { return [] }
            return output[..<range.lowerBound].components(separatedBy: "\r\n").dropFirst().map { $0 }
        }

        /// The first value of a header, name compared without case.
        func header(_ name: String) -> String? {
            for line in headerLines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].lowercased() == name.lowercased() {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// Runs `curl -sS ARGUMENTS` on a thread of its own, with a 20-second bound so that no test
    /// hangs. Waiting for a process blocks; doing it on Swift's cooperative threads (two on this
    /// machine) would stall every other test's async work in the same process.
    static func run(_ arguments: [String]) async throws -> Result {
        try await offload { try runBlocking(arguments) }
    }

    /// Runs blocking `work` on a dedicated thread and resumes with its result.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Swift.Result { try work() }) }
            thread.start()
        }
    }

    static func runBlocking(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "--max-time", "20"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            exitCode: process.terminationStatus,
            output: String(decoding: outData, as: UTF8.self),
            errorOutput: String(decoding: errData, as: UTF8.self))
    }

    /// `curl -i` a path of the server with optional headers and JSON body.
    static func request(
        _ base: String, _ path: String, method: String = "GET", headers: [String] = [], json: String? = nil,
        extra: [String] = []
    ) async throws -> Result {
        var arguments = ["-i", "-X", method]
        for header in headers { arguments += ["-H", header] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        return try await run(arguments + extra + [base + path])
    }
}

/// A key of a real shape, made at run time with random characters (never a committed literal).
func generatedKey(prefix: String = "sk-proj-", length: Int = 164) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    return prefix + String((0..<(length - prefix.count)).map { _ in alphabet.randomElement()! })
}
