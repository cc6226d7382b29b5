import DoctorCore

/// The inputs of `verify --from`: the saved report's target, held constant, except where a flag
/// given now says otherwise.
///
/// The guide asks to re-run the failing request "with everything else held constant". So every
/// step of a verification from a saved report — the re-runs, the known-good and the controlled
/// failure — goes to the saved base URL with the saved model, organization, project and proxy
/// choice. A flag given on today's command line overrides the saved value; the override then
/// shows in the report's `inputs_changed`, because the target no longer matches.
///
/// ```swift
/// let held = HeldInputs(flags: LiveInputs(model: "gpt-4o"), saved: report.target, proxyNow: config.proxy)
/// held.inputs.baseURL   // the saved base URL
/// held.inputs.model     // "gpt-4o" (the flag wins)
/// held.held             // ["base_url", "organization", "project", "proxy"]
/// ```
public struct HeldInputs: Sendable, Equatable {
    /// The inputs to resolve the configuration with.
    public var inputs: LiveInputs
    /// The names of the inputs taken from the saved report (`base_url`, `model`, …), in report order.
    public var held: [String]

    /// Holds `saved` constant under `flags`.
    ///
    /// - Parameters:
    ///   - flags: What today's command line says.
    ///   - saved: The saved report's target.
    ///   - proxyNow: The proxy today's environment would choose for the saved base URL; it is kept
    ///     when it is the saved one (its password, which the report never holds, is then still sent).
    public init(flags: LiveInputs, saved: CheckTarget, proxyNow: EndpointURL?) {
        var inputs = flags
        var held: [String] = []
        if flags.baseURL == nil, !saved.baseURL.isEmpty {
            inputs.baseURL = saved.baseURL
            held.append("base_url")
        }
        if flags.model == nil, let model = saved.model {
            inputs.model = model
            held.append("model")
        }
        if flags.organization == nil, let organization = saved.organization {
            inputs.organization = organization
            held.append("organization")
        }
        if flags.project == nil, let project = saved.project {
            inputs.project = project
            held.append("project")
        }
        if flags.proxy == nil, !flags.noProxy {
            switch (saved.proxy, proxyNow) {
            case (nil, nil):
                break
            case (nil, .some):
                inputs.noProxy = true
            case (let savedProxy?, let now) where now?.redacted == savedProxy:
                break
            case (let savedProxy?, _):
                inputs.proxy = savedProxy
            }
            held.append("proxy")
        }
        self.inputs = inputs
        self.held = held
    }

    /// The source label of a held value in the report's `target.sources`.
    public static func source(from path: String) -> String { "saved report \(path)" }

    /// Relabels the sources of the held values of `configuration` as the saved report's.
    public func relabel(_ configuration: inout LiveConfiguration, from path: String) {
        let label = Self.source(from: path)
        for name in held {
            switch name {
            case "base_url": configuration.baseURL.source = label
            case "model": configuration.model?.source = label
            case "organization": configuration.organization?.source = label
            case "project": configuration.project?.source = label
            case "proxy": configuration.proxy.source = label
            default: break
            }
        }
    }
}
