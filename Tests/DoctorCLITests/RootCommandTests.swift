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
