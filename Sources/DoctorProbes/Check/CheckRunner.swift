import DoctorCore

/// Runs the whole `check` checklist at once and turns it into a ``CheckReport``.
///
/// Configuration checks need no network. The probes then run concurrently (structured
/// concurrency): DNS of the API host, the egress trace over IPv4 and IPv6, the keyless
/// compliance probe, the status page, and the authenticated zero-cost API probes with the
/// isolation steps that depend on them. Every request goes through one ``ProbeTransport`` and
/// every outcome becomes ``Evidence`` for the one classifier, so `check` and `explain` cannot
/// disagree. The run ends by `options.timeout` whatever the network does.
///
/// ```swift
/// let report = await CheckRunner.run(options)
/// report.verdict          // .problem
/// report.diagnosis?.cause // .regionUnsupported
/// ```
public enum CheckRunner {
    /// Runs the checklist.
    ///
    /// The run executes on its own thread (its own event loop), so a process whose cooperative
    /// threads are busy or blocked cannot stall its timers: the bound and the evidence hold.
    public static func run(_ options: CheckOptions) async -> CheckReport {
        await withTaskExecutorPreference(ProbeExecutor.shared) { await runHere(options) }
    }

    static func runHere(_ options: CheckOptions) async -> CheckReport {
        let runStart = ContinuousClock.now
        // Leave a little of the budget for rendering, so the process ends within --timeout.
        let margin = min(Duration.milliseconds(150), options.timeout / 10)
        let deadline = runStart + options.timeout - margin
        let context = CheckContext(options: options, runStart: runStart, deadline: deadline)

        var outcomes = context.configurationOutcomes()
        for outcome in outcomes { options.progress?(outcome.result) }
        let probed = await context.probeOutcomes()
        outcomes += probed

        let order = CheckID.displayOrder
        outcomes.sort { (order.firstIndex(of: $0.result.id) ?? 99) < (order.firstIndex(of: $1.result.id) ?? 99) }
        // The authenticated API answers speak first among equals (the keyless region probe is also the API's answer).
        let authenticated = [CheckID.models, CheckID.model, CheckID.scopes, CheckID.spend, CheckID.realtime]
        let byAuthority = outcomes.filter { authenticated.contains($0.result.id) } + outcomes.filter { !authenticated.contains($0.result.id) }
        var (verdict, diagnosis, findings) = CheckAssessment.assess(byAuthority)
        findings.sort { (order.firstIndex(of: $0.check) ?? 99) < (order.firstIndex(of: $1.check) ?? 99) }
        return CheckReport(
            tool: options.tool,
            startedAt: ISO8601Timestamp.format(secondsSince1970: options.startedAtSeconds, offsetSeconds: options.utcOffsetSeconds),
            timeZone: options.timeZone, target: context.target, checks: outcomes.map(\.result), verdict: verdict,
            diagnosis: diagnosis, findings: findings)
    }
}

/// The ids of the checks, in display order.
public enum CheckID {
    /// The API key: source, fingerprint, format.
    public static let key = "config.key"
    /// The base URL and the organization/project ids.
    public static let endpoint = "config.endpoint"
    /// Which proxy applies, and whether its URL makes sense.
    public static let proxy = "config.proxy"
    /// Name resolution of the API host.
    public static let dns = "network.dns"
    /// `/cdn-cgi/trace` on the API host: the egress IP and country.
    public static let trace = "egress.trace"
    /// `/compliance/cookie_requirements` without a key: the region verdict.
    public static let compliance = "egress.compliance"
    /// The provider's status page.
    public static let status = "service.status"
    /// `GET /v1/models` with the key (Azure: `GET /openai/models`).
    public static let models = "api.models"
    /// `GET /v1/models/{model}` (Azure: the deployment).
    public static let model = "api.model"
    /// Restricted-key scopes, probed without spending.
    public static let scopes = "api.scopes"
    /// The Realtime API's WebSocket handshake (`GET /v1/realtime` with `Upgrade: websocket`).
    public static let realtime = "api.realtime"
    /// One minimal generation (`--spend`).
    public static let spend = "api.spend"
    /// The failing probe repeated without the proxy.
    public static let proxyIsolation = "isolation.proxy"
    /// IPv4 against IPv6.
    public static let familyIsolation = "isolation.family"

    /// Every id in the order the report lists them.
    public static let displayOrder = [
        key, endpoint, proxy, dns, trace, compliance, status, models, model, scopes, realtime, spend, proxyIsolation,
        familyIsolation,
    ]
}
