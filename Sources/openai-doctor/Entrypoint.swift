import DoctorCLI

/// The `openai-doctor` executable: a shim over ``DoctorCLI/RootCommand`` and its one error edge.
@main
struct Entrypoint {
    static func main() async {
        await CommandEdge.main(RootCommand.self)
    }
}
