import ArgumentParser
import DoctorCLI

/// The `openai-doctor` executable: a shim over ``DoctorCLI/RootCommand``.
@main
struct Entrypoint {
    static func main() async {
        await RootCommand.main()
    }
}
