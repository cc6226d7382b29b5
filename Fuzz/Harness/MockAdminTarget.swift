@testable import DoctorMock

/// What the mock's admin API and `mock --latency`/`--fault`/`--scenario` read: the JSON body,
/// scenario plans, latency and fault rules. (The request line and headers: `mock-request`.)
enum MockAdminTarget {
    static let target = FuzzTarget(
        name: "mock-admin",
        property:
            "mock admin bodies and rules: no crash; a plan written back reads back equal; a latency drawn is finite within 0...600000 ms; a fault's probability within 0...1; routes start with /"
    ) { input in
        var texts: [String] = input.text.split(separator: "\n").prefix(16).map(String.init)
        if let body = JSONBody.parse(input.bytes), let object = body.object {
            for key in ["scenario", "latency", "faults"] {
                if let text = object[key]?.string { texts.append(text) }
                if let list = object[key]?.strings { texts += list }
            }
        }
        var random = SeededRandom(seed: input.seed)
        for text in texts {
            if let plan = ScenarioPlan(text) {
                FuzzCheck.require(
                    ScenarioPlan(plan.description) == plan, "plan \(plan.description) reads back differently")
                for index in [0, 1, 7, 1_000_001] { _ = plan.step(at: index) }
            }
            if let rule = LatencyRule(text) {
                for _ in 0..<4 {
                    let ms = rule.distribution.draw(&random)
                    FuzzCheck.require(ms.isFinite && ms >= 0 && ms <= 600_000, "latency \(ms) ms drawn from \(text)")
                }
                if let route = rule.routePrefix { FuzzCheck.require(route.hasPrefix("/"), "route \(route)") }
            }
            if let rule = FaultRule(text) {
                FuzzCheck.require((0...1).contains(rule.probability), "fault probability \(rule.probability)")
                if let route = rule.routePrefix { FuzzCheck.require(route.hasPrefix("/"), "route \(route)") }
            }
        }
    }
}
