import DoctorCore

/// `network.dns`: name resolution of the API host, A and AAAA asked separately; it also tells
/// the trace which address families to try. It runs first among the network checks (it is fast).
struct DNSProbe: Probe {
    let id = CheckID.dns
    let title = "DNS"
    let dependencies: [CheckID] = [.endpoint]
    let role = ProbeRole.network

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        let (outcome, families) = await resolve(endpoint, in: context)
        context.record { $0.families = families }
        return outcome
    }

    private func resolve(
        _ endpoint: EndpointURL, in context: CheckContext
    ) async -> (CheckOutcome, [ProbeRequest.Family]) {
        let start = context.clock.now
        let host = endpoint.host
        let title = "DNS for \(host)"
        if IPAddress(host) != nil {
            let family: ProbeRequest.Family = host.contains(":") ? .ipv6 : .ipv4
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: id.rawValue, title: title, status: .pass, durationMS: 0,
                        summary: "\(host) is an address: nothing to resolve"),
                    weight: .reachability), [family]
            )
        }
        if let override = context.options.transport.resolve.first(where: { $0.host == host && $0.port == endpoint.port }
        ) {
            let families: [ProbeRequest.Family] =
                [
                    override.addresses.contains { !$0.contains(":") } ? .ipv4 : nil,
                    override.addresses.contains { $0.contains(":") } ? .ipv6 : nil,
                ]
                .compactMap { $0 }
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: id.rawValue, title: title, status: .pass, durationMS: 0,
                        summary: "--resolve \(host):\(endpoint.port) → \(override.addresses.joined(separator: ", "))",
                        evidence: CheckEvidence(facts: ["source": "resolve"])),
                    weight: .reachability), families
            )
        }
        let lookup = await context.transport.lookUp(host, deadline: context.deadline)
        let (v4, v6) = (lookup.v4, lookup.v6)
        let trace = DNSTrace(
            host: host, source: "system", a: v4.addresses, aaaa: v6.addresses, aMS: v4.milliseconds,
            aaaaMS: v6.milliseconds,
            aError: v4.error?.rawValue, aaaaError: v6.error?.rawValue)
        var facts = ["a": v4.addresses.joined(separator: " "), "aaaa": v6.addresses.joined(separator: " ")]
        facts = facts.filter { !$0.value.isEmpty }
        let request = RequestTrace(
            label: "resolve \(host)", method: "DNS", url: host, startMS: (start - context.runStart).milliseconds,
            totalMS: context.elapsedMS(since: start),
            phases: [PhaseTiming(phase: .dns, startMS: 0, durationMS: max(v4.milliseconds, v6.milliseconds))],
            dns: trace)
        let families: [ProbeRequest.Family] = [v4.addresses.isEmpty ? nil : .ipv4, v6.addresses.isEmpty ? nil : .ipv6]
            .compactMap { $0 }
        let duration = context.elapsedMS(since: start)
        if v4.addresses.isEmpty && v6.addresses.isEmpty {
            let kind = v4.error ?? v6.error ?? .nameNotFound
            if context.proxy != nil {
                return (
                    CheckOutcome(
                        result: CheckResult(
                            id: id.rawValue, title: title, status: .warn, durationMS: duration,
                            summary:
                                "\(host) does not resolve here (\(kind.rawValue)); the proxy resolves it for the API requests",
                            evidence: CheckEvidence(facts: facts, requests: [request])),
                        weight: .reachability), []
                )
            }
            let evidence = Evidence(
                form: .probe,
                transport: TransportFailure(
                    phase: .dns, kind: kind, host: host, port: endpoint.port,
                    detail: "\(host): A \(v4.error?.rawValue ?? "none"), AAAA \(v6.error?.rawValue ?? "none")"))
            let diagnosis = Diagnoser.diagnose(evidence)
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: id.rawValue, title: title, status: .fail, durationMS: duration,
                        summary: "\(host) does not resolve (\(kind.rawValue.replacingUnderscores))",
                        evidence: CheckEvidence(
                            cause: diagnosis.cause, facts: facts, requests: [request], answer: diagnosis.evidence)),
                    diagnosis: diagnosis, weight: .reachability), []
            )
        }
        let all = v4.addresses + v6.addresses
        var summary = all.prefix(4).joined(separator: ", ") + (all.count > 4 ? ", …" : "")
        summary += " (A \(v4.milliseconds) ms, AAAA \(v6.milliseconds) ms)"
        let outside = CloudflareRanges.unexpectedAddresses(forHost: host, all)
        if !outside.isEmpty {
            let reason =
                "\(host) resolved to \(outside.joined(separator: ", ")), outside Cloudflare's published ranges (cloudflare.com/ips, as of \(CloudflareRanges.asOf))"
            // The probe hands the addresses to the classifier, as `explain` of the same evidence would.
            var evidence = Evidence(form: .probe, signals: outside.map { .dnsOutsideProviderRanges($0) })
            evidence.notes = [reason]
            let diagnosis = Diagnoser.diagnose(evidence)
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: id.rawValue, title: title, status: .fail, durationMS: duration, summary: reason,
                        evidence: CheckEvidence(
                            cause: diagnosis.cause, facts: facts, markers: evidence.markers, requests: [request])),
                    diagnosis: diagnosis, weight: .reachability), families
            )
        }
        return (
            CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .pass, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(facts: facts, requests: [request])),
                weight: .reachability), families
        )
    }
}
