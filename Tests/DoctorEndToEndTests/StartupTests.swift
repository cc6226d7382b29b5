#if os(Linux)
import DoctorTestSupport
import Testing

/// What the executable loads at start: every run pays for it before doing anything.
@Suite("Start-up")
struct StartupTests {
    /// The shared libraries `ldd` lists for the built tool.
    func sharedLibraries() throws -> String {
        try ChildProcess.runBlocking("/usr/bin/ldd", [ToolProcess.executable.path], timeout: 30).stdout
    }

    @Test("the tool links FoundationEssentials only: not Foundation, its ICU data or FoundationNetworking")
    func noFullFoundation() throws {
        let libraries = try sharedLibraries()
        #expect(libraries.contains("libswiftCore.so"), "ldd listed: \(libraries)")
        for heavy in [
            "libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so",
            "libFoundationNetworking.so",
        ] {
            #expect(!libraries.contains(heavy), "\(heavy) is linked; every start would load it")
        }
    }
}
#endif
