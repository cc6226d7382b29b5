import DoctorCore

/// `isolation.family`: IPv4 against IPv6, from the trace's per-family requests.
struct FamilyIsolationProbe: Probe {
    let id = CheckID.familyIsolation
    let title = "IPv4 vs IPv6"
    let dependencies: [CheckID] = [.trace]
    let role = ProbeRole.network

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        _ = try context.requireEndpoint()
        guard context.flavor != .azure else { return .skipped(id, title: title, "no trace endpoint on Azure") }
        let egress = context.read(\.egress) ?? EgressTraces(traces: [], durationMS: 0)
        let traces = egress.traces
        let duration = egress.durationMS
        guard traces.count == 2, let v4 = traces.first(where: { $0.0 == .ipv4 }),
            let v6 = traces.first(where: { $0.0 == .ipv6 })
        else {
            let reason =
                context.proxy != nil
                ? "through a proxy the address family is the proxy's"
                : traces.first?.1.failure?.phase == .dns
                    ? "the host does not resolve" : "only one address family resolves"
            return .skipped(id, title: title, reason)
        }
        let v4ok = v4.1.answered
        let v6ok = v6.1.answered
        var facts: [String: String] = [:]
        facts["ipv4"] = v4ok ? "answered \(v4.1.status ?? 0)" : (v4.1.failure?.kind.rawValue ?? "failed")
        facts["ipv6"] = v6ok ? "answered \(v6.1.status ?? 0)" : (v6.1.failure?.kind.rawValue ?? "failed")
        if v4ok != v6ok {
            let bad = v4ok ? v6 : v4
            let diagnosis = bad.1.diagnosis()
            let summary =
                "\(v4ok ? "IPv6" : "IPv4") fails (\(diagnosis.cause.rawValue)) while \(v4ok ? "IPv4" : "IPv6") works: clients that prefer it will fail"
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .warn, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(cause: diagnosis.cause, facts: facts)),
                weight: .side)
        }
        if let l4 = v4.2?.loc, let l6 = v6.2?.loc, l4 != l6 {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .warn, durationMS: duration,
                    summary: "IPv4 leaves from \(l4) but IPv6 from \(l6): the API may answer differently per family",
                    evidence: CheckEvidence(facts: facts)),
                weight: .side)
        }
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: .pass, durationMS: duration,
                summary: v4ok ? "IPv4 and IPv6 agree" : "IPv4 and IPv6 fail alike",
                evidence: CheckEvidence(facts: facts)),
            weight: .side)
    }
}
