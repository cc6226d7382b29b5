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
/// The checks are the registry's probes (one type per check, `Check/Probes/`), run in the
/// order and with the concurrency their dependencies allow.
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
        await withTaskExecutorPreference(ProbeExecutor.shared) {
            guard !options.runtimes.isEmpty else { return await runHere(options) }
            // The user's runtimes start at once, beside the probes: the run waits for the slowest
            // of both, bounded by the same deadline.
            let margin = min(Duration.milliseconds(150), options.timeout / 10)
            let deadline = ContinuousClock.now + options.timeout - margin
            // The plan reads the machine's load: before the run's own work starts and counts in it.
            let plan = runtimePlan(options)
            async let runs = RuntimeRunner.run(options.runtimes, plan: plan, deadline: deadline)
            var report = await runHere(options)
            let environment = options.configuration.environment
            let noProxy = [environment["no_proxy"], environment["NO_PROXY"]].compactMap { $0 }.first { !$0.isEmpty }
            report.runtimes = RuntimeJudge.judge(
                await runs, report: report,
                context: RuntimeJudge.Context(
                    proxy: options.configuration.proxy, caFile: options.caFile, noProxy: noProxy))
            return report
        }
    }

    /// What the runtimes' probes are given: the same endpoint, key and ids as the probes, and the
    /// environment the tool itself runs in.
    static func runtimePlan(_ options: CheckOptions) -> RuntimePlan {
        let configuration = options.configuration
        let flavor = configuration.flavor
        var base = configuration.endpoint.map { "\($0.origin.redacted)\($0.path)" } ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        var models = base + (flavor == .azure ? "/openai/models" : "/models")
        if flavor == .azure, let version = configuration.apiVersion?.value { models += "?api-version=\(version)" }
        let key = configuration.key.map { KeyCleaning.clean($0.value) }.flatMap { $0.isEmpty ? nil : $0 }
        var root = configuration.environment["TMPDIR"] ?? "/tmp"
        if root.isEmpty { root = "/tmp" }
        // The trace goes to the API host itself, as egress.trace asks it (none for Azure, as there).
        let trace = flavor == .azure ? nil : configuration.endpoint?.origin.appending(path: "/cdn-cgi/trace").redacted
        return RuntimePlan(
            baseURL: base, modelsURL: models, traceURL: trace, key: key, apiKeyHeader: flavor == .azure,
            organization: flavor == .azure ? nil : configuration.organization?.value.configTrimmedForDisplay,
            project: flavor == .azure ? nil : configuration.project?.value.configTrimmedForDisplay,
            environment: configuration.environment, temporaryRoot: options.runtimeTemporaryRoot ?? root)
    }

    /// Runs `probes` (the registry's) through `transport` (the real one when `nil`) on `clock`.
    static func runHere(
        _ options: CheckOptions, probes: [any Probe] = CheckRegistry.probes, transport: (any CheckTransport)? = nil,
        clock: CheckClock = .continuous
    ) async -> CheckReport {
        let runStart = clock.now
        // Leave a little of the budget for rendering, so the process ends within --timeout.
        let margin = min(Duration.milliseconds(150), options.timeout / 10)
        let deadline = runStart + options.timeout - margin
        let context = CheckContext(
            options: options, runStart: runStart, deadline: deadline, transport: transport, clock: clock)
        let outcomes = await CheckSchedule(probes: probes).run(in: context)

        // The authenticated API answers speak first among equals (the keyless region probe is also the API's answer).
        let apiAnswers = Set(probes.filter { $0.role == .apiAnswer }.map { $0.id.rawValue })
        let byAuthority =
            outcomes.filter { apiAnswers.contains($0.result.id) }
            + outcomes.filter { !apiAnswers.contains($0.result.id) }
        var (verdict, diagnosis, findings) = CheckAssessment.assess(byAuthority)
        let order = probes.map { $0.id.rawValue }
        findings.sort { (order.firstIndex(of: $0.check) ?? 99) < (order.firstIndex(of: $1.check) ?? 99) }
        return CheckReport(
            tool: options.tool,
            startedAt: ISO8601Timestamp.format(
                secondsSince1970: options.startedAtSeconds, offsetSeconds: options.utcOffsetSeconds),
            timeZone: options.timeZone, target: context.target, checks: outcomes.map(\.result), verdict: verdict,
            diagnosis: diagnosis, findings: findings)
    }
}
