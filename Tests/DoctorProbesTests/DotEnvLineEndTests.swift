import DoctorProbes
import Testing

/// Found by the `dotenv` fuzz target (Fuzz/README.md): a single-quoted value spanning lines kept
/// `\r\n` from a Windows file where python-dotenv, reading the file in text mode, gives `\n`.
@Suite(".env line ends")
struct DotEnvLineEndTests {
    @Test("the fuzzer's file reads the same with \\n, \\r\\n and \\r line ends", arguments: ["\n", "\r\n", "\r"])
    func quotedValueAcrossLines(ending: String) {
        // The exact input (its three last bytes invalid UTF-8, read as U+FFFD), its line ends replaced.
        let input = String(
            decoding: [0x0A, 0x2B, 0x3D, 0x27, 0x0A, 0x25, 0xFF, 0xFF, 0xBF, 0x27] as [UInt8], as: UTF8.self)
        let file = DotEnv.parse(input.replacing("\n", with: ending))
        #expect(file.entries.map(\.name) == ["+"])
        #expect(file.value(for: "+") == "\n%\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(file.entry(for: "+")?.line == 2)
    }
}
