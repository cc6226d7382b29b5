import DoctorCore
import Synchronization

/// What one request gets: the step to serve, the latency to add, and the settings in force
/// (read under the same lock, so one request takes the lock once).
struct Decision: Sendable {
    var step: ScenarioStep
    var latencyMilliseconds: Double?
    var organization: String? = nil
    var project: String? = nil
    var acceptedKeys: [String] = []
    var trace = TraceSettings()
    var incident: StatusIncident? = nil

    /// What the journal names as served: the step without its count (`rate_limit.exceeded`).
    var servedName: String {
        switch step.action {
        case .answer(let name): return name.cause == nil && name.variant == nil ? "ok" : name.description
        case .fault(let fault): return "fault:" + fault.rawValue
        }
    }
}

/// The mock's switchable state, shared by every connection: the plan, per-test plans and
/// their progress, faults, latency, edge settings, credentials and the seeded generator.
final class MockState: Sendable {
    struct Settings: Sendable {
        var plan: ScenarioPlan
        var testPlans: [String: ScenarioPlan] = [:]
        var served: [String: Int] = [:]
        var faults: [FaultRule]
        var latency: [LatencyRule]
        var trace: TraceSettings
        var incident: StatusIncident?
        var acceptedKeys: [String]
        var organization: String?
        var project: String?
        var random: SeededRandom

        init(_ configuration: MockConfiguration) {
            plan = configuration.plan
            faults = configuration.faults
            latency = configuration.latency
            trace = configuration.trace
            incident = configuration.incident
            acceptedKeys = configuration.acceptedKeys
            organization = configuration.organization
            project = configuration.project
            random = SeededRandom(seed: configuration.seed)
        }
    }

    /// The most test ids with their own plan or progress kept at once.
    static let maximumTrackedPlans = 50_000

    private let settings: Mutex<Settings>
    let configuration: MockConfiguration
    private let idCounter = Atomic<UInt64>(0)
    /// Bumped by every change, so connections can keep a snapshot and skip the lock.
    private let version = Atomic<UInt64>(1)

    /// Reads the settings under the lock.
    func read<T>(_ body: (Settings) -> T) -> T {
        settings.withLock { body($0) }
    }

    /// Changes the settings under the lock; cached snapshots become stale.
    func update(_ body: (inout Settings) -> Void) {
        settings.withLock { s in
            body(&s)
            version.add(1, ordering: .releasing)
        }
    }

    /// The settings a request needs when nothing in them counts or draws: a single-step plan,
    /// no per-test plans, no faults, no latency. Connections keep one and check its version.
    struct Snapshot: Sendable {
        let version: UInt64
        let step: ScenarioStep?
        let organization: String?
        let project: String?
        let acceptedKeys: [String]
        let trace: TraceSettings
        let incident: StatusIncident?
    }

    private func snapshot() -> Snapshot {
        settings.withLock { s in
            let simple = s.plan.steps.count == 1 && s.testPlans.isEmpty && s.faults.isEmpty && s.latency.isEmpty
            return Snapshot(
                version: version.load(ordering: .acquiring), step: simple ? s.plan.steps[0] : nil,
                organization: s.organization, project: s.project, acceptedKeys: s.acceptedKeys, trace: s.trace,
                incident: s.incident)
        }
    }

    init(_ configuration: MockConfiguration) {
        self.configuration = configuration
        self.settings = Mutex(Settings(configuration))
    }

    /// Chooses what to serve. `consumePlan` is false for side endpoints (trace, status), which
    /// look at the plan's current step without using it up; faults and latency apply to all.
    func decide(
        testID: String?, headerPlan: ScenarioPlan?, path: String, consumePlan: Bool, cache: inout Snapshot?
    ) -> Decision {
        if cache?.version != version.load(ordering: .acquiring) { cache = snapshot() }
        if let snapshot = cache, let globalStep = snapshot.step, (headerPlan?.steps.count ?? 1) == 1 {
            // Lock-free: nothing to count or draw.
            return Decision(
                step: headerPlan?.steps[0] ?? globalStep, latencyMilliseconds: nil,
                organization: snapshot.organization, project: snapshot.project, acceptedKeys: snapshot.acceptedKeys,
                trace: snapshot.trace, incident: snapshot.incident)
        }
        return settings.withLock { s in
            let plan = headerPlan ?? testID.flatMap { s.testPlans[$0] } ?? s.plan
            var step: ScenarioStep
            if plan.steps.count == 1 {
                step = plan.steps[0]
            } else {
                let key = (testID ?? "") + "\u{1}" + plan.description
                let index = s.served[key] ?? 0
                step = plan.step(at: index)
                if consumePlan, s.served[key] != nil || s.served.count < Self.maximumTrackedPlans {
                    s.served[key] = index + 1
                }
            }
            do {
                for rule in s.faults where rule.applies(to: path) {
                    if rule.probability >= 1 || s.random.unit() < rule.probability {
                        step = ScenarioStep(.fault(rule.fault))
                        break
                    }
                }
            }
            var latency: Double?
            if let rule = s.latency.first(where: { $0.applies(to: path) }) {
                latency = rule.distribution.draw(&s.random)
            }
            return Decision(
                step: step, latencyMilliseconds: latency, organization: s.organization, project: s.project,
                acceptedKeys: s.acceptedKeys, trace: s.trace, incident: s.incident)
        }
    }

    /// Whether a new connection is to be reset at once: the server-wide plan's current step is
    /// `fault:reset-on-connect` (which it then uses up), or a `reset-on-connect` rule fires.
    func resetsOnConnect() -> Bool {
        if let cached = connectCache.withLock({ $0 }), cached.version == version.load(ordering: .acquiring) {
            return cached.resets
        }
        return settings.withLock { s in
            let plan = s.plan
            if plan.steps.count == 1 {
                if case .fault(.resetOnConnect) = plan.steps[0].action { return true }
            } else {
                let key = "\u{1}" + plan.description
                let index = s.served[key] ?? 0
                if case .fault(.resetOnConnect) = plan.step(at: index).action {
                    s.served[key] = index + 1
                    return true
                }
            }
            var possible = false
            for rule in s.faults where rule.fault == .resetOnConnect {
                possible = true
                if rule.probability >= 1 || s.random.unit() < rule.probability { return true }
            }
            if !possible, !plan.steps.contains(where: { $0.action == .fault(.resetOnConnect) }) {
                let current = version.load(ordering: .acquiring)
                connectCache.withLock { $0 = (current, false) }
            }
            return false
        }
    }

    /// Whether new connections can be reset at all, per settings version (most never are).
    private let connectCache = Mutex<(version: UInt64, resets: Bool)?>(nil)

    /// Sets the plan for everyone, or for one test id.
    func setPlan(_ plan: ScenarioPlan, testID: String?) {
        update { s in
            if let testID {
                if s.testPlans[testID] != nil || s.testPlans.count < Self.maximumTrackedPlans {
                    s.testPlans[testID] = plan
                }
                s.served = s.served.filter { !$0.key.hasPrefix(testID + "\u{1}") }
            } else {
                s.plan = plan
                s.served = s.served.filter { !$0.key.hasPrefix("\u{1}") }
            }
        }
    }

    /// Back to the configuration's state (everything), or forgets one test id's plan and progress.
    func reset(testID: String?) {
        update { s in
            if let testID {
                s.testPlans[testID] = nil
                s.served = s.served.filter { !$0.key.hasPrefix(testID + "\u{1}") }
            } else {
                s = Settings(configuration)
            }
        }
    }

    /// A fresh 64-bit value for ids; deterministic for a seed, lock-free.
    func nextID() -> UInt64 {
        let n = idCounter.wrappingAdd(1, ordering: .relaxed).newValue
        return SeededRandom.mix(configuration.seed &+ n &* 0x9E37_79B9_7F4A_7C15)
    }
}

/// Lowercase hexadecimal digits of `value`, zero-padded to 16, written straight into the string.
func hex16(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: 16) { buffer in
        var v = value
        for i in stride(from: 15, through: 0, by: -1) {
            let nibble = UInt8(truncatingIfNeeded: v & 0xF)
            buffer[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            v >>= 4
        }
        return 16
    }
}
