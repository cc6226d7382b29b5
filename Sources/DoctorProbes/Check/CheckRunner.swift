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
        await withTaskExecutorPreference(ProbeExecutor.shared) { await runHere(options) }
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
