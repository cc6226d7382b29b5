import DoctorCore

/// One check of `check`: its id, its title, what it needs first, and how it runs against a run's context.
///
/// Each probe lives in its own file under `Probes/`; ``CheckRegistry`` lists them once, in the
/// report's order. A probe reads the run's inputs and the earlier checks' results from the
/// ``CheckContext``, sends through the context's transport, and returns its line of the report.
protocol Probe: Sendable {
    /// The check's id.
    var id: CheckID { get }
    /// The check's title when it does not run; a run may name it more precisely ("DNS for api.openai.com").
    var title: String { get }
    /// The checks that finish before this one starts. When one of them could not run (it threw
    /// a ``ProbeSkip``), this one does not run either and is skipped for the same reason.
    var dependencies: [CheckID] { get }
    /// Its part in the run: local, deciding, or in the background.
    var role: ProbeRole { get }
    /// Runs the check.
    ///
    /// - Throws: ``ProbeSkip`` when what it needs is missing (the base URL does not parse): it is
    ///   reported as a skip, and the checks that depend on it are skipped for the same reason.
    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome
    /// The summary of a background check cut after the deciding checks were done, `elapsedMS` into the run.
    func cutSummary(atMS elapsedMS: Int) -> String
}

extension Probe {
    /// "… still unanswered when the other checks were done (cut at … ms)".
    func cutSummary(atMS elapsedMS: Int) -> String {
        "\(title) still unanswered when the other checks were done (cut at \(elapsedMS) ms)"
    }
}

/// A probe's part in the run.
enum ProbeRole: Sendable, Equatable {
    /// Judges the local configuration and sends nothing: runs first, in order, before the network.
    case local
    /// An authenticated API answer: among failures of equal weight, these speak first.
    case apiAnswer
    /// Any other network check whose failure may decide the cause.
    case network
    /// Never decides the cause, so it may not hold the verdict (the status page): once the
    /// deciding checks are done it gets half their time again, then it is cut.
    case background

    /// Whether the verdict waits for checks of this role.
    var decides: Bool { self != .background }
}

/// Why a probe could not run at all; the checks that depend on it are skipped for the same reason.
struct ProbeSkip: Error, Equatable {
    /// The skip's summary ("the base URL cannot be parsed").
    var reason: String

    /// The base URL does not parse: nothing can be sent to the API host.
    static let noEndpoint = ProbeSkip(reason: "the base URL cannot be parsed")
}
