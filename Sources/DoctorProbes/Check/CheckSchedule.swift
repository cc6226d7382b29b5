import DoctorCore

/// Runs a list of probes against one context: the order, the concurrency, the skipping of checks
/// whose dependencies could not run, and the cut of the checks that never decide.
///
/// 1. The local checks (configuration, nothing sent) run first, in order.
/// 2. The background checks (the status page) start at once; the deciding checks start each as
///    soon as every check it depends on has finished, all that can run at once running at once.
/// 3. A check whose dependency could not run (threw ``ProbeSkip``) is skipped for the same reason, unrun.
/// 4. A background check may not hold the verdict: once the deciding checks are done it gets half
///    their time again (at least ``graceFloor``, never past the deadline), then it is cancelled and
///    its skip says it was cut. When no deciding check could run at all, it has the whole run.
///
/// Each check that ran is reported to the options' progress callback as it finishes.
struct CheckSchedule: Sendable {
    /// The probes, in the report's order.
    let probes: [any Probe]

    /// The least time a background check gets after the deciding checks are done.
    static let graceFloor = Duration.milliseconds(100)

    /// Runs every probe; the outcomes come back in the probes' order.
    func run(in context: CheckContext) async -> [CheckOutcome] {
        var outcomes: [CheckID: CheckOutcome] = [:]
        var blocked: [CheckID: ProbeSkip] = [:]
        for probe in probes where probe.role == .local {
            let outcome = await Self.outcome(of: probe, in: context, blocked: &blocked)
            outcomes[probe.id] = outcome
        }
        let background = probes.filter { $0.role == .background }
        let deciding = probes.filter { $0.role != .local && $0.role != .background }
        let localBlocked = blocked
        let decided = await withTaskGroup(of: Piece.self, returning: [CheckID: CheckOutcome].self) { group in
            for (index, probe) in background.enumerated() {
                group.addTask {
                    var blocked = localBlocked
                    return .background(index, await Self.outcome(of: probe, in: context, blocked: &blocked))
                }
            }
            group.addTask {
                let (outcomes, anyRan) = await Self.runDeciding(deciding, in: context, blocked: localBlocked)
                return .deciding(outcomes, anyRan: anyRan)
            }
            var decided: [CheckID: CheckOutcome]?
            var finished: [Int: CheckOutcome] = [:]
            var pendingAtCut: Set<Int> = []
            for await piece in group {
                switch piece {
                case .deciding(let results, let anyRan):
                    decided = results
                    if finished.count < background.count, anyRan {
                        let now = context.clock.now
                        let grace = max((now - context.runStart) / 2, Self.graceFloor)
                        let until = min(now + grace, context.deadline)
                        group.addTask {
                            try? await context.clock.sleep(until: until)
                            return .graceOver
                        }
                    }
                case .background(let index, let outcome):
                    finished[index] = outcome
                    // Once the deciding checks are done, only the grace timer can still run.
                    if decided != nil, finished.count == background.count { group.cancelAll() }
                case .graceOver:
                    if finished.count < background.count {
                        pendingAtCut = Set(background.indices).subtracting(finished.keys)
                        group.cancelAll()  // the background checks' requests stop at once
                    }
                }
            }
            var all = decided ?? [:]
            let elapsed = context.elapsedMS(since: context.runStart)
            for (index, probe) in background.enumerated() {
                var outcome = finished[index] ?? .skipped(probe.id, title: probe.title, "not run")
                if pendingAtCut.contains(index), outcome.result.status == .skip {
                    outcome.result.summary = probe.cutSummary(atMS: elapsed)
                }
                all[probe.id] = outcome
            }
            return all
        }
        outcomes.merge(decided) { local, _ in local }
        return probes.compactMap { outcomes[$0.id] }
    }

    /// One piece of the run: the deciding checks, one background check, or the end of the grace.
    private enum Piece: Sendable {
        case deciding([CheckID: CheckOutcome], anyRan: Bool)
        case background(Int, CheckOutcome)
        case graceOver
    }

    /// Runs the deciding checks, each once its dependencies are done.
    ///
    /// - Returns: Their outcomes, and whether any of them ran (rather than being skipped unrun).
    private static func runDeciding(
        _ probes: [any Probe], in context: CheckContext, blocked initial: [CheckID: ProbeSkip]
    ) async -> ([CheckID: CheckOutcome], anyRan: Bool) {
        let scheduled = Set(probes.map { $0.id })
        var blocked = initial
        var outcomes: [CheckID: CheckOutcome] = [:]
        var started: Set<CheckID> = []
        var anyRan = false
        await withTaskGroup(of: (CheckID, Result<CheckOutcome, ProbeSkip>).self) { group in
            /// Starts every probe whose dependencies are done; a probe whose dependency could not
            /// run is skipped at once, which may make others ready in turn.
            func startReady() {
                var progressed = true
                while progressed {
                    progressed = false
                    for probe in probes where !started.contains(probe.id) {
                        let ready = probe.dependencies.allSatisfy { !scheduled.contains($0) || outcomes[$0] != nil }
                        guard ready else { continue }
                        started.insert(probe.id)
                        if let skip = Self.blocker(of: probe, blocked) {
                            blocked[probe.id] = skip
                            outcomes[probe.id] = .skipped(probe.id, title: probe.title, skip.reason)
                            progressed = true
                        } else {
                            group.addTask { (probe.id, await Self.attempt(probe, in: context)) }
                        }
                    }
                }
            }
            startReady()
            for await (id, result) in group {
                let probe = probes.first { $0.id == id }
                switch result {
                case .success(let outcome):
                    anyRan = true
                    outcomes[id] = outcome
                    context.options.progress?(outcome.result)
                case .failure(let skip):
                    blocked[id] = skip
                    outcomes[id] = .skipped(id, title: probe?.title ?? id.rawValue, skip.reason)
                }
                startReady()
            }
        }
        return (outcomes, anyRan)
    }

    /// Runs one probe now (unless a dependency could not run), reporting its progress.
    private static func outcome(
        of probe: any Probe, in context: CheckContext, blocked: inout [CheckID: ProbeSkip]
    ) async -> CheckOutcome {
        if let skip = Self.blocker(of: probe, blocked) {
            blocked[probe.id] = skip
            return .skipped(probe.id, title: probe.title, skip.reason)
        }
        switch await attempt(probe, in: context) {
        case .success(let outcome):
            context.options.progress?(outcome.result)
            return outcome
        case .failure(let skip):
            blocked[probe.id] = skip
            return .skipped(probe.id, title: probe.title, skip.reason)
        }
    }

    /// The skip of the first dependency of `probe` that could not run, if one could not.
    private static func blocker(of probe: any Probe, _ blocked: [CheckID: ProbeSkip]) -> ProbeSkip? {
        probe.dependencies.lazy.compactMap { blocked[$0] }.first
    }

    /// Runs one probe; a thrown skip comes back as a value.
    private static func attempt(_ probe: any Probe, in context: CheckContext) async -> Result<CheckOutcome, ProbeSkip> {
        do {
            return .success(try await probe.run(in: context))
        } catch {
            return .failure(error)
        }
    }
}
