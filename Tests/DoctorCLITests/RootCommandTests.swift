import ArgumentParser
import DoctorCLI
import Testing

@Suite("Root command")
struct RootCommandTests {
    @Test("with no subcommand the tool runs check")
    func defaultIsCheck() throws {
        let command = try RootCommand.parseAsRoot([])
        #expect(command is RootCommand.Check)
    }
}

#if os(Linux)
import Foundation

/// What the executable loads at start: every run pays for it before doing anything.
@Suite("Start-up")
struct StartupTests {
    /// The shared libraries `ldd` lists for the built tool.
    func sharedLibraries() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [ToolProcess.executable.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("the tool links FoundationEssentials only: not Foundation, its ICU data or FoundationNetworking")
    func noFullFoundation() throws {
        let libraries = try sharedLibraries()
        #expect(libraries.contains("libswiftCore.so"), "ldd listed: \(libraries)")
        for heavy in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so", "libFoundationNetworking.so"] {
            #expect(!libraries.contains(heavy), "\(heavy) is linked; every start would load it")
        }
    }
}
#endif
