import DoctorCore
import Synchronization

/// What the checks of one run share: the options, the transport and the clock they are given,
/// the deadline, what the configuration says to send, and the results later checks read
/// (the address families DNS found, the trace exchanges, the models listing).
final class CheckContext: Sendable {
    let options: CheckOptions
    let runStart: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    /// Every request and name lookup goes through it.
    let transport: any CheckTransport
    /// Every instant, duration and timer of the run is read from it.
    let clock: CheckClock
    let keyInspection: KeyInspection?
    /// The key as it will be sent: the configured one with surrounding damage removed.
    let keyToSend: String?
    /// What earlier checks found that later ones read.
    private let shared = Mutex(SharedResults())

    var configuration: LiveConfiguration { options.configuration }
    var flavor: CheckTarget.Flavor { configuration.flavor }

    /// A context for one run; without `transport`, the real one (on the probes' own event loops).
    init(
        options: CheckOptions, runStart: ContinuousClock.Instant, deadline: ContinuousClock.Instant,
        transport: (any CheckTransport)? = nil, clock: CheckClock = .continuous
    ) {
        self.options = options
        self.runStart = runStart
        self.deadline = deadline
        self.clock = clock
        if let transport {
            self.transport = transport
        } else {
            var settings = options.transport
            settings.userAgent = "\(options.tool.name)/\(options.tool.version)"
            self.transport = ProbeTransport(settings: settings, group: ProbeExecutor.shared.group)
        }
        if let raw = options.configuration.key?.value {
            let audience: KeyInspector.Audience =
                switch options.configuration.flavor {
                case .openai: .openAI
                case .azure: .azure
                case .compatible: .compatible
                }
            keyInspection = KeyInspector.inspect(raw, for: audience)
            keyToSend = KeyCleaning.clean(raw)
        } else {
            keyInspection = nil
            keyToSend = nil
        }
    }

    /// What the report says was checked.
    var target: CheckTarget {
        CheckTarget(
            baseURL: configuration.endpoint?.redacted ?? configuration.baseURL.value.configTrimmedForDisplay,
            host: configuration.endpoint?.host ?? "", flavor: flavor, model: configuration.model?.value,
            organization: configuration.organization?.value, project: configuration.project?.value,
            key: keyInspection?.fingerprint, proxy: configuration.proxy.proxy?.redacted,
            apiVersion: configuration.apiVersion?.value, sources: configuration.sources)
    }

    /// The parsed base URL, which every network check needs.
    func requireEndpoint() throws(ProbeSkip) -> EndpointURL {
        guard let endpoint = configuration.endpoint else { throw .noEndpoint }
        return endpoint
    }

    /// The key to send, or `nil` when none is configured (the authenticated probes then report a skip).
    var nonEmptyKey: String? {
        guard let key = keyToSend, !key.isEmpty else { return nil }
        return key
    }

    /// Why the authenticated probes do not run without a key.
    var noKeyReason: String { "no key (\(configuration.keyVariable) is not set): authenticated probes not run" }

    // MARK: Shared results

    /// Reads what earlier checks found.
    func read<T: Sendable>(_ body: (SharedResults) -> T) -> T { shared.withLock { body($0) } }

    /// Records what a check found for the checks after it.
    func record(_ body: (inout SharedResults) -> Void) { shared.withLock { body(&$0) } }

    // MARK: Sending

    /// The proxy the API requests go through, when it is one the transport speaks (http, https).
    var proxy: EndpointURL? {
        guard let proxy = configuration.proxy.proxy, proxy.scheme == "http" || proxy.scheme == "https" else {
            return nil
        }
        return proxy
    }

    /// Sends one request, bounded by the run's deadline.
    func send(_ request: ProbeRequest) async -> ProbeExchange {
        await transport.send(request, deadline: deadline, runStart: runStart)
    }

    /// Whole milliseconds from `start` to now, on the run's clock.
    func elapsedMS(since start: ContinuousClock.Instant) -> Int { clock.elapsedMS(since: start) }

    /// The headers that carry the key and the identifiers.
    func authHeaders(_ key: String, organization: Bool = true, project: Bool = true) -> HeaderFields {
        var headers = HeaderFields()
        if flavor == .azure {
            headers.append(name: "api-key", value: key)
        } else {
            headers.append(name: "Authorization", value: "Bearer \(key)")
            if organization, let org = configuration.organization?.value {
                headers.append(name: "OpenAI-Organization", value: org.configTrimmedForDisplay)
            }
            if project, let id = configuration.project?.value {
                headers.append(name: "OpenAI-Project", value: id.configTrimmedForDisplay)
            }
        }
        return headers
    }

    /// `path` under the base URL (Azure: with the `api-version` query).
    func apiURL(_ endpoint: EndpointURL, _ path: String) -> EndpointURL {
        var url = endpoint.appending(path: path)
        if flavor == .azure, let version = configuration.apiVersion?.value { url.query = "api-version=\(version)" }
        return url
    }

    /// The models listing's path under the base URL.
    var modelsPath: String { flavor == .azure ? "/openai/models" : "/models" }

    /// The base URL's path for labels (`/v1`), `/openai` shapes aside.
    func endpointPathForDisplay(_ endpoint: EndpointURL) -> String {
        var path = endpoint.path
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The failed line of a check that asked the API about `model` (model access, the minimal
    /// generation): the answer's diagnosis decides, with the API's weight.
    func modelFailure(
        _ id: CheckID, title: String, model: String, since start: ContinuousClock.Instant, _ exchange: ProbeExchange
    ) -> CheckOutcome {
        let diagnosis = exchange.diagnosis()
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: .fail, durationMS: elapsedMS(since: start),
                summary: failureSummary(exchange, diagnosis),
                evidence: CheckEvidence(
                    cause: diagnosis.cause, facts: ["model": model], requests: [exchange.trace],
                    answer: diagnosis.evidence)),
            diagnosis: diagnosis, weight: .api)
    }

    /// One line for a failed API answer: status, error code, message and cause (or the transport failure).
    func failureSummary(_ exchange: ProbeExchange, _ diagnosis: Diagnosis) -> String {
        if exchange.answered || exchange.isProxyAnswer {
            var text = "\(exchange.isProxyAnswer ? "proxy answered CONNECT with " : "")\(exchange.status ?? 0)"
            if let code = diagnosis.evidence.errorCode { text += " \(code)" }
            if let message = diagnosis.evidence.message { text += " \"\(message.prefix(120))\"" }
            return text + ": \(diagnosis.cause.rawValue)"
        }
        return "\(diagnosis.cause.rawValue): \(exchange.failure?.detail ?? "no answer")"
    }
}

/// What earlier checks of a run found that later ones read.
struct SharedResults: Sendable {
    /// The address families the API host resolves to (``DNSProbe``), which the trace tries.
    var families: [ProbeRequest.Family] = []
    /// The trace requests (``TraceProbe``), which ``FamilyIsolationProbe`` compares.
    var egress: EgressTraces?
    /// The authenticated models listing (``ListModelsProbe``), which ``ProxyIsolationProbe`` repeats without the proxy.
    var listing: ProbeExchange?
}

extension CheckOutcome {
    /// A check that did not run: a skip with `reason` as its summary, weighing nothing.
    static func skipped(_ id: CheckID, title: String, _ reason: String) -> CheckOutcome {
        CheckOutcome(
            result: CheckResult(id: id.rawValue, title: title, status: .skip, durationMS: 0, summary: reason),
            weight: .side)
    }
}

extension HeaderFields {
    /// These fields followed by `extra` name/value pairs.
    static func + (lhs: HeaderFields, rhs: [(String, String)]) -> HeaderFields {
        var copy = lhs
        for (name, value) in rhs { copy.append(name: name, value: value) }
        return copy
    }
}
