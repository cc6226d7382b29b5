/// The state of one check across runs — up, down or flapping — and the one event worth a log
/// line when it moves: up, down, changed, flapping, settled.
///
/// A pure value: each run's ``CheckObservation`` goes into ``record(_:)``, which returns what to
/// do (``Action``); the monitor's loop performs it. Nothing here knows about sockets, clocks or
/// loggers, so every transition is tested directly.
///
/// - A change of health is reported as ``Transition/Kind/up`` or ``Transition/Kind/down``.
/// - Same health, other signature (another cause, another egress country, another status
///   indicator) is ``Transition/Kind/changed``.
/// - When at least ``Configuration/flapThreshold`` of the last ``Configuration/window``
///   observations differ from the one before them, the check is ``State/flapping``: one
///   ``Transition/Kind/flapping`` line, then silence until ``Configuration/settleRuns``
///   identical observations in a row end it with one ``Transition/Kind/settled`` line.
/// - A skipped check tells nothing and changes nothing.
///
/// ```swift
/// var machine = MonitorStateMachine(check: "api.models")
/// machine.record(.init(health: .up))                     // .report(first: up)
/// machine.record(.init(health: .up))                     // .none
/// machine.record(.init(health: .down, signature: "region.unsupported", cause: .regionUnsupported))
///                                                        // .report(down: region.unsupported)
/// ```
public struct MonitorStateMachine: Sendable {
    /// Where a check stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Nothing observed yet.
        case pending
        /// Its last observation passed.
        case up
        /// Its last observation failed.
        case down
        /// It keeps changing; individual changes are not reported until it settles.
        case flapping
    }

    /// The thresholds of flap detection.
    public struct Configuration: Sendable, Equatable {
        /// How many recent observations are looked at (2…64).
        public var window: Int
        /// How many of them must be changes for the check to be flapping.
        public var flapThreshold: Int
        /// How many identical observations in a row end flapping.
        public var settleRuns: Int

        /// Creates thresholds; values are clamped to a usable range.
        public init(window: Int = 10, flapThreshold: Int = 4, settleRuns: Int = 5) {
            self.window = min(64, max(2, window))
            self.flapThreshold = min(self.window, max(2, flapThreshold))
            self.settleRuns = max(1, settleRuns)
        }
    }

    /// A move worth one log line.
    public struct Transition: Sendable, Hashable {
        /// What kind of move.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// The first observation of the check.
            case first
            /// It works again.
            case up
            /// It stopped working.
            case down
            /// Same health, another cause, country or indicator.
            case changed
            /// It keeps changing; further changes are quiet until it settles.
            case flapping
            /// It stopped flapping; ``Transition/to`` is where it settled.
            case settled
        }

        /// The check's id (`api.models`).
        public var check: String
        /// What kind of move.
        public var kind: Kind
        /// The observation before, when there was one.
        public var from: CheckObservation?
        /// The observation now.
        public var to: CheckObservation

        /// Creates a transition.
        public init(check: String, kind: Kind, from: CheckObservation?, to: CheckObservation) {
            self.check = check
            self.kind = kind
            self.from = from
            self.to = to
        }
    }

    /// What the caller must do after an observation.
    public enum Action: Sendable, Hashable {
        /// Nothing: no change, or a change hidden by flapping, or a skipped check.
        case none
        /// Report this transition (one log line, one counter increment).
        case report(Transition)
    }

    /// The check this machine follows.
    public let check: String
    /// The thresholds in use.
    public let configuration: Configuration
    /// Where the check stands now.
    public private(set) var state: State = .pending
    /// The last observation that was not skipped.
    public private(set) var last: CheckObservation?
    /// One bit per recent observation, newest lowest: 1 when it differed from the one before.
    private var changeBits: UInt64 = 0
    /// How many identical observations end the current streak.
    private var streak = 0

    /// Creates a machine for one check.
    public init(check: String, configuration: Configuration = Configuration()) {
        self.check = check
        self.configuration = configuration
    }

    /// How many of the last ``Configuration/window`` observations were changes.
    public var recentChanges: Int {
        let mask: UInt64 = configuration.window >= 64 ? .max : (1 << UInt64(configuration.window)) - 1
        return (changeBits & mask).nonzeroBitCount
    }

    /// Records one run's observation and says what to report.
    public mutating func record(_ observation: CheckObservation) -> Action {
        guard observation.health != .skipped else { return .none }
        guard let previous = last else {
            last = observation
            streak = 1
            state = Self.state(of: observation)
            return .report(Transition(check: check, kind: .first, from: nil, to: observation))
        }
        let changed = observation != previous
        changeBits = (changeBits << 1) | (changed ? 1 : 0)
        streak = changed ? 1 : streak + 1
        last = observation

        if state == .flapping {
            guard streak >= configuration.settleRuns else { return .none }
            state = Self.state(of: observation)
            changeBits = 0
            return .report(Transition(check: check, kind: .settled, from: nil, to: observation))
        }
        guard changed else { return .none }
        if recentChanges >= configuration.flapThreshold {
            state = .flapping
            return .report(Transition(check: check, kind: .flapping, from: previous, to: observation))
        }
        state = Self.state(of: observation)
        let kind: Transition.Kind =
            observation.health == previous.health ? .changed : (observation.health == .up ? .up : .down)
        return .report(Transition(check: check, kind: kind, from: previous, to: observation))
    }

    private static func state(of observation: CheckObservation) -> State {
        observation.health == .up ? .up : .down
    }
}
