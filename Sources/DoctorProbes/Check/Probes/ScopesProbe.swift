import DoctorCore

/// `api.scopes`: a restricted key's scopes, spending nothing. An invalid (empty) body goes to
/// each generation endpoint at once: the scope check answers before validation, so 400 means
/// the key may call it, and 401/403 `missing_scope` means it may not (the report names the scope).
struct ScopesProbe: Probe {
    let id = CheckID.scopes
    let title = "Key scopes"
    let dependencies: [CheckID] = [.key, .dns]
    let role = ProbeRole.apiAnswer

    /// The endpoints the scope probe asks, each with the scope it needs.
    static let scopeProbes: [(scope: String, path: String, endpoint: String)] = [
        ("model.request", "/chat/completions", "chat completions"),
        ("api.responses.write", "/responses", "the Responses API"),
    ]

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        guard let key = context.nonEmptyKey else { return .skipped(id, title: title, context.noKeyReason) }
        guard context.flavor != .azure else {
            return .skipped(id, title: title, "Azure keys have no scopes (RBAC applies to Entra ID)")
        }
        let start = context.clock.now
        let exchanges = await withTaskGroup(of: (Int, ProbeExchange).self) { group in
            for (index, probe) in Self.scopeProbes.enumerated() {
                group.addTask {
                    let exchange = await context.send(
                        ProbeRequest(
                            label:
                                "POST \(context.endpointPathForDisplay(endpoint))\(probe.path) (empty body, scope probe)",
                            method: "POST",
                            url: context.apiURL(endpoint, probe.path),
                            headers: context.authHeaders(key) + [("Content-Type", "application/json")],
                            body: Array("{}".utf8), proxy: context.proxy))
                    return (index, exchange)
                }
            }
            var all: [(Int, ProbeExchange)] = []
            for await item in group { all.append(item) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let duration = context.elapsedMS(since: start)
        let requests = exchanges.map(\.trace)
        var facts: [String: String] = [:]
        var granted: [String] = []
        var missing: [(scope: String, exchange: ProbeExchange, diagnosis: Diagnosis)] = []
        var undecided: [(scope: String, exchange: ProbeExchange, diagnosis: Diagnosis)] = []
        for (probe, exchange) in zip(Self.scopeProbes, exchanges) {
            if exchange.answered, exchange.status == 400 {
                facts[probe.scope] = "granted"
                granted.append(probe.scope)
                continue
            }
            let diagnosis = exchange.diagnosis()
            if diagnosis.cause == .keyInsufficientScopes {
                let named = Self.namedScope(diagnosis.evidence.message) ?? probe.scope
                facts[probe.scope] = "missing" + (named == probe.scope ? "" : " (the API names \(named))")
                missing.append((named, exchange, diagnosis))
            } else {
                facts[probe.scope] =
                    "not decidable: \(exchange.status.map(String.init) ?? "no answer") (\(diagnosis.cause.rawValue))"
                undecided.append((probe.scope, exchange, diagnosis))
            }
        }
        if let first = missing.first {
            var diagnosis = first.diagnosis
            let names = missing.map(\.scope)
            diagnosis.decidedBy.insert(
                "the zero-cost scope probe (\(first.exchange.trace.label)) was refused before validation: the key lacks \(names.joined(separator: ", "))",
                at: 0)
            var summary =
                "missing \(names.joined(separator: ", ")): " + context.failureSummary(first.exchange, first.diagnosis)
            if !granted.isEmpty { summary += "; granted: \(granted.joined(separator: ", "))" }
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .fail, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(
                        cause: diagnosis.cause, facts: facts, requests: requests, answer: diagnosis.evidence)),
                diagnosis: diagnosis, weight: .api)
        }
        if !granted.isEmpty {
            let described = Self.scopeProbes.filter { granted.contains($0.scope) }.map {
                "\($0.endpoint) (\($0.scope))"
            }
            var summary =
                "may call \(described.joined(separator: " and ")): empty bodies reached validation (400), nothing generated"
            if !undecided.isEmpty {
                summary +=
                    "; \(undecided.map { "\($0.scope) not decidable (\($0.exchange.status.map(String.init) ?? "no answer"))" }.joined(separator: ", "))"
            }
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .pass, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(facts: facts, requests: requests)),
                weight: .api)
        }
        let first = undecided.first
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: .skip, durationMS: duration,
                summary:
                    "not decidable: the probe got \(first?.exchange.status.map(String.init) ?? "no answer") (\(first?.diagnosis.cause.rawValue ?? "unknown"))",
                evidence: CheckEvidence(cause: first?.diagnosis.cause, facts: facts, requests: requests)),
            weight: .side)
    }

    /// The first scope a missing-scope message names ("Missing scopes: api.responses.write.").
    static func namedScope(_ message: String?) -> String? {
        guard let message, let range = message.firstRange(of: "Missing scopes: ") else { return nil }
        let scope = message[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
        let cleaned = scope.hasSuffix(".") ? scope.dropLast() : scope
        return cleaned.isEmpty ? nil : String(cleaned)
    }
}
