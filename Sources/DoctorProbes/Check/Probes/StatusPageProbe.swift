import DoctorCore

/// `service.status`: the provider's status page. It needs nothing from the API host, so it
/// starts at once; it never decides the cause, so it runs in the background and may be cut
/// (see ``CheckSchedule``).
struct StatusPageProbe: Probe {
    let id = CheckID.status
    let title = "Service status"
    let dependencies: [CheckID] = []
    let role = ProbeRole.background

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        guard let base = context.options.statusURL else {
            return .skipped(id, title: title, "no status page configured")
        }
        if context.flavor == .azure, base == CheckOptions.defaultStatusURL {
            return .skipped(id, title: title, "Azure publishes no JSON status API (see azure.status.microsoft)")
        }
        let start = context.clock.now
        let statusProxy = context.configuration.proxy(for: base).proxy
        let pageHost = IPAddress(base.host) != nil || base.host == "localhost" ? "status.openai.com" : base.host
        // Both documents at once, and the first readable one wins: the fallback never waits for the
        // other's failure, and a slow document never holds a readable one.
        let documents: [(label: String, path: String, parse: @Sendable (String) -> StatusPage?)] = [
            ("GET status (incident.io)", "/proxy/\(pageHost)", StatusPage.parseIncidentIO),
            ("GET status (api/v2)", "/api/v2/status.json", StatusPage.parseStatuspage),
        ]
        let (reading, exchanges) = await withTaskGroup(of: (Int, ProbeExchange, StatusPage?).self) { group in
            for (index, document) in documents.enumerated() {
                group.addTask {
                    let exchange = await context.send(
                        ProbeRequest(
                            label: document.label, url: base.origin.appending(path: document.path), proxy: statusProxy))
                    let parsed = exchange.answered && exchange.status == 200 ? document.parse(exchange.body) : nil
                    return (index, exchange, parsed)
                }
            }
            var reading: StatusPage?
            var seen: [(Int, ProbeExchange)] = []
            for await (index, exchange, parsed) in group {
                seen.append((index, exchange))
                if reading == nil, let parsed {
                    reading = parsed
                    group.cancelAll()  // the other document is not needed any more
                }
            }
            return (reading, seen.sorted { $0.0 < $1.0 }.map(\.1))
        }
        let requests = exchanges.map(\.trace)
        let native = exchanges[0]
        let duration = context.elapsedMS(since: start)
        guard let reading else {
            let why = native.failure.map { "\($0.phase.rawValue) \($0.kind.rawValue)" } ?? "no readable status document"
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .skip, durationMS: duration,
                    summary: "status page not reachable (\(why)); it never decides the cause",
                    evidence: CheckEvidence(requests: requests)),
                weight: .side)
        }
        var facts = ["indicator": reading.indicator, "format": reading.format.rawValue]
        if !reading.affected.isEmpty {
            facts["affected"] = reading.affected.map { "\($0.name) (\($0.status))" }.joined(separator: ", ")
        }
        if !reading.incidents.isEmpty { facts["incidents"] = reading.incidents.joined(separator: "; ") }
        let summary: String
        if reading.allOperational {
            summary = reading.description
        } else {
            let affected = reading.affected.map { "\($0.name) \($0.status.replacingUnderscores)" }
            summary =
                ([reading.description] + (affected.isEmpty ? [] : ["affected: " + affected.joined(separator: ", ")]))
                .joined(separator: "; ")
        }
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: reading.allOperational ? .pass : .warn, durationMS: duration,
                summary: summary,
                evidence: CheckEvidence(
                    cause: reading.apiAffected ? .serverError : nil, facts: facts, requests: requests)),
            weight: .side)
    }

    func cutSummary(atMS elapsedMS: Int) -> String {
        "status page still unanswered when the other checks were done (cut at \(elapsedMS) ms); it never decides the cause"
    }
}
