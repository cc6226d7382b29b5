import DoctorCore
import DoctorMonitor
import DoctorProbes
import Testing

/// The per-check state machine, fed observation sequences directly (no sockets, no clock).
@Suite struct MonitorStateMachineTests {
    static let up = CheckObservation(health: .up)
    static let region = CheckObservation(health: .down, signature: "region.unsupported", cause: .regionUnsupported)
    static let keyInvalid = CheckObservation(health: .down, signature: "key.invalid", cause: .keyInvalid)
    static let skipped = CheckObservation(health: .skipped)
    static let inDE = CheckObservation(health: .up, signature: "loc=DE")
    static let inFR = CheckObservation(health: .up, signature: "loc=FR")

    /// Records a sequence and returns the kind reported after each observation (`nil` for `.none`).
    static func kinds(
        _ sequence: [CheckObservation], configuration: MonitorStateMachine.Configuration = .init()
    ) -> [MonitorStateMachine.Transition.Kind?] {
        var machine = MonitorStateMachine(check: "api.models", configuration: configuration)
        return sequence.map { observation in
            if case .report(let transition) = machine.record(observation) { return transition.kind }
            return nil
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var sequence: [CheckObservation]
        var expected: [MonitorStateMachine.Transition.Kind?]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "first observation is reported once, then silence", sequence: [up, up, up],
            expected: [.first, nil, nil]),
        Case(
            name: "ok → region.unsupported → ok", sequence: [up, region, region, up, up],
            expected: [.first, .down, nil, .up, nil]),
        Case(
            name: "another cause while down is a change", sequence: [region, keyInvalid, keyInvalid],
            expected: [.first, .changed, nil]),
        Case(
            name: "another country while up is a change", sequence: [inDE, inDE, inFR],
            expected: [.first, nil, .changed]),
        Case(
            name: "a skipped run tells nothing", sequence: [up, skipped, up, skipped, region],
            expected: [.first, nil, nil, nil, .down]),
        Case(
            name: "skipped before anything is not a first observation", sequence: [skipped, up],
            expected: [nil, .first]),
        Case(
            name: "the fourth change in ten runs is flapping, then quiet until five identical runs settle it",
            sequence: [up, region, up, region, up, region, up, up, up, up, up, up],
            expected: [.first, .down, .up, .down, .flapping, nil, nil, nil, nil, nil, .settled, nil]),
        Case(
            name: "after settling, a single change is reported normally",
            sequence: [up, region, up, region, up, up, up, up, up, region],
            expected: [.first, .down, .up, .down, .flapping, nil, nil, nil, .settled, .down]),
        Case(
            name: "changes spread wider than the window never flap",
            sequence: [up, region] + Array(repeating: region, count: 9) + [up] + Array(repeating: up, count: 9) + [
                region
            ],
            expected: [.first, .down] + Array(repeating: nil, count: 9) + [.up] + Array(repeating: nil, count: 9) + [
                .down
            ]),
    ]

    @Test(arguments: cases)
    func transitions(_ testCase: Case) {
        #expect(Self.kinds(testCase.sequence) == testCase.expected)
    }

    @Test func transitionsCarryBothEndsAndTheState() {
        var machine = MonitorStateMachine(check: "api.models")
        #expect(machine.state == .pending)
        _ = machine.record(Self.up)
        #expect(machine.state == .up)
        guard case .report(let down) = machine.record(Self.region) else {
            Issue.record("expected a report")
            return
        }
        #expect(down.check == "api.models")
        #expect(down.kind == .down)
        #expect(down.from == Self.up)
        #expect(down.to.cause == .regionUnsupported)
        #expect(machine.state == .down)
        #expect(machine.last == Self.region)
    }

    @Test func flappingStateAndRecentChanges() {
        var machine = MonitorStateMachine(check: "c", configuration: .init(window: 6, flapThreshold: 3, settleRuns: 2))
        for observation in [Self.up, Self.region, Self.up] { _ = machine.record(observation) }
        #expect(machine.recentChanges == 2)
        #expect(machine.state == .up)
        #expect(
            machine.record(Self.region) == .report(.init(check: "c", kind: .flapping, from: Self.up, to: Self.region)))
        #expect(machine.state == .flapping)
        #expect(machine.record(Self.up) == .none)
        // The run that flipped back to `up` starts the streak; the next identical one completes it.
        guard case .report(let settled) = machine.record(Self.up) else {
            Issue.record("expected settled after two identical runs")
            return
        }
        #expect(settled.kind == .settled)
        #expect(settled.to == Self.up)
        #expect(machine.state == .up)
        #expect(machine.recentChanges == 0)
    }

    @Test func configurationIsClamped() {
        let configuration = MonitorStateMachine.Configuration(window: 500, flapThreshold: 1, settleRuns: 0)
        #expect(configuration.window == 64)
        #expect(configuration.flapThreshold == 2)
        #expect(configuration.settleRuns == 1)
    }

    @Test func observationsFromCheckResults() {
        let failing = CheckResult(
            id: "api.models", title: "t", status: .fail, durationMS: 3, summary: "s",
            evidence: CheckEvidence(cause: .regionUnsupported))
        #expect(CheckObservation(failing) == Self.region)
        let trace = CheckResult(
            id: "egress.trace", title: "t", status: .pass, durationMS: 3, summary: "s",
            evidence: CheckEvidence(facts: ["loc": "DE", "colo": "FRA"]))
        #expect(CheckObservation(trace) == Self.inDE)
        let status = CheckResult(
            id: "service.status", title: "t", status: .warn, durationMS: 3, summary: "s",
            evidence: CheckEvidence(facts: ["indicator": "minor"]))
        #expect(CheckObservation(status) == CheckObservation(health: .up, signature: "indicator=minor"))
        let skipped = CheckResult(id: "api.model", title: "t", status: .skip, durationMS: 0, summary: "no --model")
        #expect(CheckObservation(skipped).health == .skipped)
    }
}
