import DoctorCore

/// `egress.compliance`: `/compliance/cookie_requirements` without a key, the API host's own
/// word on whether it serves this egress (the region verdict).
struct ComplianceProbe: Probe {
    let id = CheckID.compliance
    let title = "Region (keyless probe)"
    let dependencies: [CheckID] = [.dns]
    let role = ProbeRole.network

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        let flavor = context.flavor
        if flavor == .azure { return .skipped(id, title: title, "not an OpenAI host") }
        let start = context.clock.now
        let url = endpoint.origin.appending(path: "/compliance/cookie_requirements")
        let exchange = await context.send(
            ProbeRequest(label: "GET /compliance/cookie_requirements", url: url, proxy: context.proxy))
        let duration = context.elapsedMS(since: start)
        if exchange.answered, exchange.status == 200 {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .pass, durationMS: duration,
                    summary: "the API host serves this egress (200)",
                    evidence: CheckEvidence(requests: [exchange.trace])),
                weight: .reachability)
        }
        if exchange.answered, exchange.status == 404, flavor == .compatible {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .skip, durationMS: duration,
                    summary: "\(endpoint.host) has no compliance endpoint (404): not OpenAI's host",
                    evidence: CheckEvidence(requests: [exchange.trace])),
                weight: .side)
        }
        let diagnosis = exchange.diagnosis()
        let isRegion = diagnosis.cause == .regionUnsupported
        let summary =
            exchange.answered
            ? "\(exchange.status ?? 0) \(diagnosis.evidence.errorCode ?? diagnosis.evidence.message ?? ""): \(diagnosis.cause.rawValue)"
            : "no answer: \(diagnosis.cause.rawValue) (\(exchange.failure?.detail ?? ""))"
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title,
                status: exchange.answered && !isRegion && diagnosis.cause == .unknown ? .warn : .fail,
                durationMS: duration, summary: summary,
                evidence: CheckEvidence(cause: diagnosis.cause, requests: [exchange.trace], answer: diagnosis.evidence)),
            diagnosis: diagnosis, weight: isRegion ? .api : .reachability)
    }
}
