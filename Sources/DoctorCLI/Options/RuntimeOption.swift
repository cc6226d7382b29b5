import ArgumentParser
import DoctorProbes

/// `--runtime NAME[=PATH]` (repeatable, or `all`): the user's own runtimes probed beside `check`'s
/// path. Its help is ``CheckToolOption/runtime``'s, the one declaration the MCP `check` tool reads too.
public struct RuntimeOption: ParsableArguments, Sendable {
    /// `--runtime` values, as given.
    @Option(
        name: .customLong("runtime"),
        help: ArgumentHelp(CheckToolOption.runtime.help, valueName: "name[=path]"))
    public var runtime: [String] = []

    /// Creates the option (ArgumentParser requirement).
    public init() {}

    /// Refuses a name the tool carries no probe for.
    public func validate() throws {
        do {
            _ = try RuntimeRequest.parse(runtime)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The runtimes asked for (none when the flag is absent).
    public var requests: [RuntimeRequest] { (try? RuntimeRequest.parse(runtime)) ?? [] }
}
