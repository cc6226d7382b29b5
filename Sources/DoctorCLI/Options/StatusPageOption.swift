import ArgumentParser
import DoctorCore
import DoctorProbes

/// `--status-url URL`: the status page that `check`, `baseline` and `monitor` read.
///
/// Apart from ``LiveOptions`` so that only the commands that ask a status page list it: `verify`
/// asks none, and takes the flag hidden (docs/product.md lists it among the live commands' shared
/// flags, so a script that passes it to every live command keeps working).
///
/// ```swift
/// @OptionGroup var statusPage: StatusPageOption                       // listed
/// @OptionGroup(visibility: .hidden) var statusPage: StatusPageOption  // accepted, not listed
/// ```
public struct StatusPageOption: ParsableArguments, Sendable {
    /// `--status-url URL`.
    @Option(name: .customLong("status-url"), help: ArgumentHelp(CheckToolOption.statusURL.help))
    public var statusURL: String?

    /// Creates the option (ArgumentParser requirement).
    public init() {}

    /// Rejects a value that is not an absolute URL.
    public func validate() throws {
        if let statusURL, EndpointURL(statusURL) == nil {
            throw ValidationError("--status-url \(statusURL) is not an absolute URL")
        }
    }

    /// The status page to ask: the flag's, else OpenAI's.
    public var url: EndpointURL { statusURL.flatMap(EndpointURL.init) ?? CheckOptions.defaultStatusURL }
}
