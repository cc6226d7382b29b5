import DoctorCore

/// `egress.trace`: `/cdn-cgi/trace` on the API host, the egress IP and country Cloudflare sees —
/// over IPv4 and IPv6 separately when both resolve and no proxy is in the way.
struct TraceProbe: Probe {
    let id = CheckID.trace
    let title = "Egress IP and country"
    let dependencies: [CheckID] = [.dns]
    let role = ProbeRole.network

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        let start = context.clock.now
        if context.flavor == .azure {
            return .skipped(id, title: title, "Azure OpenAI is not served through Cloudflare: no trace endpoint")
        }
        let families = context.read(\.families)
        let url = endpoint.origin.appending(path: "/cdn-cgi/trace")
        let proxy = context.proxy
        let perFamily = proxy == nil && families.count == 2
        let requested: [ProbeRequest.Family] = perFamily ? [.ipv4, .ipv6] : [.any]
        let exchanges = await withTaskGroup(of: (ProbeRequest.Family, ProbeExchange).self) { group in
            for family in requested {
                group.addTask {
                    let label =
                        family == .any
                        ? "GET /cdn-cgi/trace" : "GET /cdn-cgi/trace (\(family == .ipv4 ? "IPv4" : "IPv6"))"
                    return (
                        family, await context.send(ProbeRequest(label: label, url: url, proxy: proxy, family: family))
                    )
                }
            }
            var all: [(ProbeRequest.Family, ProbeExchange)] = []
            for await item in group { all.append(item) }
            return all.sorted { $0.0.rawValue > $1.0.rawValue }
        }
        let duration = context.elapsedMS(since: start)
        let traces = exchanges.map {
            ($0.0, $0.1, $0.1.answered && $0.1.status == 200 ? CloudflareTrace.parse($0.1.body) : nil)
        }
        context.record { $0.egress = EgressTraces(traces: traces, durationMS: duration) }
        let requests = exchanges.map(\.1.trace)

        if let (_, _, parsed) = traces.first(where: { $0.2 != nil }), let trace = parsed {
            return verdict(trace, requests: requests, duration: duration, families: traces.map { ($0.0, $0.2) })
        } else if let (_, exchange, _) = traces.first, !exchange.answered {
            let diagnosis = exchange.diagnosis()
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .fail, durationMS: duration,
                    summary:
                        "the trace request failed: \(diagnosis.cause.rawValue) (\(exchange.failure?.detail ?? ""))",
                    evidence: CheckEvidence(cause: diagnosis.cause, requests: requests, answer: diagnosis.evidence)),
                diagnosis: diagnosis, weight: .reachability)
        } else {
            let status = traces.first?.1.status.map { "status \($0)" } ?? "no answer"
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .skip, durationMS: duration,
                    summary: "\(endpoint.host) serves no Cloudflare trace (\(status)): not behind Cloudflare",
                    evidence: CheckEvidence(requests: requests)),
                weight: .side)
        }
    }

    /// The line for a readable trace: the egress, and whether its country is on the supported list.
    private func verdict(
        _ trace: CloudflareTrace, requests: [RequestTrace], duration: Int,
        families: [(ProbeRequest.Family, CloudflareTrace?)]
    ) -> CheckOutcome {
        var facts = trace.fields.filter {
            ["ip", "loc", "colo", "warp", "gateway", "http", "tls", "h"].contains($0.key)
        }
        for (family, parsed) in families where family != .any {
            if let parsed {
                facts["\(family.rawValue)_ip"] = parsed.ip ?? "?"
                facts["\(family.rawValue)_loc"] = parsed.loc ?? "?"
            }
        }
        let locs = Set(families.compactMap { $0.1?.loc })
        let loc = trace.loc ?? "?"
        let name = SupportedCountries.name(of: loc).map { " \($0)" } ?? ""
        var summary = "egress \(trace.ip ?? "?") in \(loc)\(name)"
        if let colo = trace.colo { summary += ", Cloudflare \(colo)" }
        if trace.viaWARP { summary += ", via Cloudflare WARP" }
        if trace.gateway == "on" { summary += ", Zero Trust Gateway on" }
        let statuses = locs.map(SupportedCountries.status(of:))
        let unsupported = statuses.contains(.knownUnsupported) || statuses.contains(.notListed)
        if unsupported {
            let bad = locs.filter {
                let s = SupportedCountries.status(of: $0)
                return s == .knownUnsupported || s == .notListed
            }
            .sorted()
            let reason =
                "Cloudflare places this egress in \(bad.joined(separator: ", ")), not on OpenAI's supported list (as of \(SupportedCountries.asOf))"
            var evidence = Evidence(form: .probe, signals: bad.map { .traceCountryUnsupported($0) })
            evidence.notes = [reason]
            let diagnosis = Diagnoser.diagnose(evidence)
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .fail, durationMS: duration,
                    summary: summary + ": not a supported country",
                    evidence: CheckEvidence(
                        cause: diagnosis.cause, facts: facts, markers: evidence.markers, requests: requests)),
                diagnosis: diagnosis, weight: .side)
        }
        let unknown = locs.isEmpty || statuses.contains(.unknown)
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: unknown ? .warn : .pass, durationMS: duration,
                summary: unknown ? summary + ": country unknown to Cloudflare (XX/Tor)" : summary + " (supported)",
                evidence: CheckEvidence(facts: facts, requests: requests)),
            weight: .side)
    }
}

/// The trace requests of a run, per address family, with what each answer parsed to.
struct EgressTraces: Sendable {
    /// Each requested family, its exchange, and the parsed trace when it answered 200.
    var traces: [(ProbeRequest.Family, ProbeExchange, CloudflareTrace?)]
    /// How long the trace requests took together.
    var durationMS: Int
}
