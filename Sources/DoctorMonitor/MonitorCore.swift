/// Every state machine of a monitor plus its schedule: one run's ``MonitorSnapshot`` in, the
/// transitions to report and the wait before the next run out.
///
/// Pure and synchronous; ``Monitor`` is the async shell that runs the probes, performs the
/// returned actions (log lines, metrics) and sleeps.
public struct MonitorCore: Sendable {
    /// The pseudo-check that follows the run's verdict and primary cause.
    public static let verdictCheck = "verdict"

    /// What one run produced.
    public struct Step: Sendable, Equatable {
        /// The transitions to report, in report order, the verdict's last.
        public var transitions: [MonitorStateMachine.Transition]
        /// The wait before the next run, and whether back-off started or ended.
        public var decision: MonitorSchedule.Decision
        /// Every check followed so far, with whether it is flapping now.
        public var flapping: [String: Bool]
    }

    /// The machines, by check id.
    public private(set) var machines: [String: MonitorStateMachine] = [:]
    /// The schedule.
    public private(set) var schedule: MonitorSchedule
    /// The flap-detection thresholds every machine uses.
    public let stateConfiguration: MonitorStateMachine.Configuration

    /// Creates a core.
    public init(schedule: MonitorSchedule, stateConfiguration: MonitorStateMachine.Configuration = .init()) {
        self.schedule = schedule
        self.stateConfiguration = stateConfiguration
    }

    /// Feeds one run to every machine and the schedule.
    ///
    /// - Parameters:
    ///   - snapshot: The run.
    ///   - randomUnit: A random number in `0..<1` for the jitter.
    public mutating func ingest(_ snapshot: MonitorSnapshot, randomUnit: Double) -> Step {
        var transitions: [MonitorStateMachine.Transition] = []
        let observed = snapshot.checks.map { ($0.id, $0.observation) } + [(Self.verdictCheck, snapshot.verdict)]
        for (id, observation) in observed {
            var machine = machines[id] ?? MonitorStateMachine(check: id, configuration: stateConfiguration)
            if case .report(let transition) = machine.record(observation) {
                transitions.append(transition)
            }
            machines[id] = machine
        }
        let decision = schedule.next(after: snapshot.pacing, randomUnit: randomUnit)
        let flapping = machines.filter { $0.value.state != .pending }.mapValues { $0.state == .flapping }
        return Step(transitions: transitions, decision: decision, flapping: flapping)
    }

    /// Where each check stands.
    public var states: [String: MonitorStateMachine.State] { machines.mapValues(\.state) }
}
