import DoctorCore
import NIOCore

extension CheckContext {
    /// Runs every network check concurrently and returns their outcomes.
    func probeOutcomes() async -> [CheckOutcome] {
        guard let endpoint = configuration.endpoint else {
            let reason = "the base URL cannot be parsed"
            return [
                CheckID.dns, CheckID.trace, CheckID.compliance, CheckID.models, CheckID.model, CheckID.scopes,
                CheckID.realtime, CheckID.spend, CheckID.proxyIsolation, CheckID.familyIsolation,
            ].map { skipped($0, reason) } + [await statusOutcome()]
        }
        // The status page needs nothing from the API host: it starts at once, beside DNS, and it
        // may not hold the verdict (see `withStatusPage`).
        return await withStatusPage {
            // DNS first: it is fast, and it tells which address families the trace should try.
            let dns = await self.dnsOutcome(endpoint)
            self.options.progress?(dns.outcome.result)
            let families = dns.families
            let outcomes = await withTaskGroup(of: [CheckOutcome].self) { group in
                group.addTask { await self.report(self.egressOutcomes(endpoint, families: families)) }
                group.addTask { await self.report([self.complianceOutcome(endpoint)]) }
                group.addTask { await self.report(self.apiOutcomes(endpoint)) }
                var all: [CheckOutcome] = []
                for await batch in group { all += batch }
                return all
            }
            return [dns.outcome] + outcomes
        }
    }

    /// One piece of the run: the checks that decide, or the status page.
    private enum Piece: Sendable {
        case decisive([CheckOutcome])
        case status(CheckOutcome)
        case graceOver
    }

    /// Runs `decisive` and the status page concurrently. The status page never decides the cause,
    /// so it may not hold the verdict: once the deciding checks are done it gets half their time
    /// again (at least ``statusGraceFloor``), then it is cut and reported as a skip.
    func withStatusPage(_ decisive: @escaping @Sendable () async -> [CheckOutcome]) async -> [CheckOutcome] {
        await withTaskGroup(of: Piece.self) { group in
            group.addTask { .status(await self.report([self.statusOutcome()])[0]) }
            group.addTask { .decisive(await decisive()) }
            var decided: [CheckOutcome]?
            var status: CheckOutcome?
            var cut = false
            for await piece in group {
                switch piece {
                case .decisive(let outcomes):
                    decided = outcomes
                    if status == nil {
                        let elapsed = ContinuousClock.now - runStart
                        let grace = max(elapsed / 2, Self.statusGraceFloor)
                        let until = min(ContinuousClock.now + grace, deadline)
                        group.addTask {
                            try? await Task.sleep(until: until, clock: .continuous)
                            return .graceOver
                        }
                    }
                case .status(let outcome):
                    status = outcome
                    // Once the deciding checks are done, only the grace timer can still run.
                    if decided != nil { group.cancelAll() }
                case .graceOver:
                    if status == nil {
                        cut = true
                        group.cancelAll()  // the status page's requests stop at once
                    }
                }
            }
            var outcome = status ?? skipped(CheckID.status, "status page not read")
            if cut, outcome.result.status == .skip {
                let elapsed = (ContinuousClock.now - runStart).milliseconds
                outcome.result.summary = "status page still unanswered when the other checks were done (cut at \(elapsed) ms); it never decides the cause"
            }
            return (decided ?? []) + [outcome]
        }
    }

    /// The least time the status page gets after the deciding checks are done.
    static let statusGraceFloor = Duration.milliseconds(100)

    func report(_ outcomes: [CheckOutcome]) -> [CheckOutcome] {
        for outcome in outcomes { options.progress?(outcome.result) }
        return outcomes
    }

    func skipped(_ id: String, _ reason: String, title: String? = nil) -> CheckOutcome {
        CheckOutcome(
            result: CheckResult(id: id, title: title ?? Self.titles[id] ?? id, status: .skip, durationMS: 0, summary: reason),
            weight: .side)
    }

    static let titles: [String: String] = [
        CheckID.dns: "DNS", CheckID.trace: "Egress IP and country", CheckID.compliance: "Region (keyless probe)",
        CheckID.status: "Service status", CheckID.models: "List models", CheckID.model: "Model access",
        CheckID.scopes: "Key scopes", CheckID.realtime: "Realtime (WebSocket handshake)", CheckID.spend: "Minimal generation",
        CheckID.proxyIsolation: "Proxy vs direct", CheckID.familyIsolation: "IPv4 vs IPv6",
    ]

    var proxy: EndpointURL? {
        guard let proxy = configuration.proxy.proxy, proxy.scheme == "http" || proxy.scheme == "https" else { return nil }
        return proxy
    }

    func send(_ request: ProbeRequest) async -> ProbeExchange {
        await transport.send(request, deadline: deadline, runStart: runStart)
    }

    func elapsedMS(since start: ContinuousClock.Instant) -> Int { (ContinuousClock.now - start).milliseconds }

    // MARK: DNS

    func dnsOutcome(_ endpoint: EndpointURL) async -> (outcome: CheckOutcome, families: [ProbeRequest.Family]) {
        let start = ContinuousClock.now
        let host = endpoint.host
        let title = "DNS for \(host)"
        if IPAddress(host) != nil {
            let family: ProbeRequest.Family = host.contains(":") ? .ipv6 : .ipv4
            return (
                CheckOutcome(
                    result: CheckResult(id: CheckID.dns, title: title, status: .pass, durationMS: 0, summary: "\(host) is an address: nothing to resolve"),
                    weight: .reachability), [family]
            )
        }
        if let override = options.transport.resolve.first(where: { $0.host == host && $0.port == endpoint.port }) {
            let families: [ProbeRequest.Family] =
                [override.addresses.contains { !$0.contains(":") } ? .ipv4 : nil, override.addresses.contains { $0.contains(":") } ? .ipv6 : nil]
                .compactMap { $0 }
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: CheckID.dns, title: title, status: .pass, durationMS: 0,
                        summary: "--resolve \(host):\(endpoint.port) → \(override.addresses.joined(separator: ", "))",
                        evidence: CheckEvidence(facts: ["source": "resolve"])),
                    weight: .reachability), families
            )
        }
        let loop = transport.group.next()
        async let a = Resolver.query(host, family: .v4, deadline: deadline, on: loop)
        async let aaaa = Resolver.query(host, family: .v6, deadline: deadline, on: loop)
        let (v4, v6) = await (a, aaaa)
        let trace = DNSTrace(
            host: host, source: "system", a: v4.addresses, aaaa: v6.addresses, aMS: v4.milliseconds, aaaaMS: v6.milliseconds,
            aError: v4.error?.rawValue, aaaaError: v6.error?.rawValue)
        var facts = ["a": v4.addresses.joined(separator: " "), "aaaa": v6.addresses.joined(separator: " ")]
        facts = facts.filter { !$0.value.isEmpty }
        let request = RequestTrace(
            label: "resolve \(host)", method: "DNS", url: host, startMS: (start - runStart).milliseconds,
            totalMS: elapsedMS(since: start),
            phases: [PhaseTiming(phase: .dns, startMS: 0, durationMS: max(v4.milliseconds, v6.milliseconds))], dns: trace)
        let families: [ProbeRequest.Family] = [v4.addresses.isEmpty ? nil : .ipv4, v6.addresses.isEmpty ? nil : .ipv6].compactMap { $0 }
        let duration = elapsedMS(since: start)
        if v4.addresses.isEmpty && v6.addresses.isEmpty {
            let kind = v4.error ?? v6.error ?? .nameNotFound
            if proxy != nil {
                return (
                    CheckOutcome(
                        result: CheckResult(
                            id: CheckID.dns, title: title, status: .warn, durationMS: duration,
                            summary: "\(host) does not resolve here (\(kind.rawValue)); the proxy resolves it for the API requests",
                            evidence: CheckEvidence(facts: facts, requests: [request])),
                        weight: .reachability), []
                )
            }
            let evidence = Evidence(
                form: .probe, transport: TransportFailure(phase: .dns, kind: kind, host: host, port: endpoint.port,
                                                          detail: "\(host): A \(v4.error?.rawValue ?? "none"), AAAA \(v6.error?.rawValue ?? "none")"))
            let diagnosis = Diagnoser.diagnose(evidence)
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: CheckID.dns, title: title, status: .fail, durationMS: duration,
                        summary: "\(host) does not resolve (\(kind.rawValue.replacingUnderscores))",
                        evidence: CheckEvidence(cause: diagnosis.cause, facts: facts, requests: [request], answer: diagnosis.evidence)),
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
                        id: CheckID.dns, title: title, status: .fail, durationMS: duration, summary: reason,
                        evidence: CheckEvidence(cause: diagnosis.cause, facts: facts, markers: evidence.markers, requests: [request])),
                    diagnosis: diagnosis, weight: .reachability), families
            )
        }
        return (
            CheckOutcome(
                result: CheckResult(
                    id: CheckID.dns, title: title, status: .pass, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(facts: facts, requests: [request])),
                weight: .reachability), families
        )
    }

    // MARK: Egress

    func egressOutcomes(_ endpoint: EndpointURL, families: [ProbeRequest.Family]) async -> [CheckOutcome] {
        let start = ContinuousClock.now
        if flavor == .azure {
            return [
                skipped(CheckID.trace, "Azure OpenAI is not served through Cloudflare: no trace endpoint"),
                skipped(CheckID.familyIsolation, "no trace endpoint on Azure"),
            ]
        }
        let url = endpoint.origin.appending(path: "/cdn-cgi/trace")
        let perFamily = proxy == nil && families.count == 2
        let requested: [ProbeRequest.Family] = perFamily ? [.ipv4, .ipv6] : [.any]
        let exchanges = await withTaskGroup(of: (ProbeRequest.Family, ProbeExchange).self) { group in
            for family in requested {
                group.addTask {
                    let label = family == .any ? "GET /cdn-cgi/trace" : "GET /cdn-cgi/trace (\(family == .ipv4 ? "IPv4" : "IPv6"))"
                    return (family, await self.send(ProbeRequest(label: label, url: url, proxy: self.proxy, family: family)))
                }
            }
            var all: [(ProbeRequest.Family, ProbeExchange)] = []
            for await item in group { all.append(item) }
            return all.sorted { $0.0.rawValue > $1.0.rawValue }
        }
        let duration = elapsedMS(since: start)
        let traces = exchanges.map { ($0.0, $0.1, $0.1.answered && $0.1.status == 200 ? CloudflareTrace.parse($0.1.body) : nil) }
        let requests = exchanges.map(\.1.trace)

        var traceOutcome: CheckOutcome
        if let (_, _, parsed) = traces.first(where: { $0.2 != nil }), let trace = parsed {
            traceOutcome = traceVerdict(trace, requests: requests, duration: duration, families: traces.map { ($0.0, $0.2) })
        } else if let (_, exchange, _) = traces.first, !exchange.answered {
            let diagnosis = exchange.diagnosis()
            traceOutcome = CheckOutcome(
                result: CheckResult(
                    id: CheckID.trace, title: "Egress IP and country", status: .fail, durationMS: duration,
                    summary: "the trace request failed: \(diagnosis.cause.rawValue) (\(exchange.failure?.detail ?? ""))",
                    evidence: CheckEvidence(cause: diagnosis.cause, requests: requests, answer: diagnosis.evidence)),
                diagnosis: diagnosis, weight: .reachability)
        } else {
            let status = traces.first?.1.status.map { "status \($0)" } ?? "no answer"
            traceOutcome = CheckOutcome(
                result: CheckResult(
                    id: CheckID.trace, title: "Egress IP and country", status: .skip, durationMS: duration,
                    summary: "\(endpoint.host) serves no Cloudflare trace (\(status)): not behind Cloudflare",
                    evidence: CheckEvidence(requests: requests)),
                weight: .side)
        }
        return [traceOutcome, familyOutcome(traces, duration: duration)]
    }

    func traceVerdict(
        _ trace: CloudflareTrace, requests: [RequestTrace], duration: Int, families: [(ProbeRequest.Family, CloudflareTrace?)]
    ) -> CheckOutcome {
        var facts = trace.fields.filter { ["ip", "loc", "colo", "warp", "gateway", "http", "tls", "h"].contains($0.key) }
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
            let bad = locs.filter { let s = SupportedCountries.status(of: $0); return s == .knownUnsupported || s == .notListed }
                .sorted()
            let reason =
                "Cloudflare places this egress in \(bad.joined(separator: ", ")), not on OpenAI's supported list (as of \(SupportedCountries.asOf))"
            var evidence = Evidence(form: .probe, signals: bad.map { .traceCountryUnsupported($0) })
            evidence.notes = [reason]
            let diagnosis = Diagnoser.diagnose(evidence)
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.trace, title: "Egress IP and country", status: .fail, durationMS: duration,
                    summary: summary + ": not a supported country",
                    evidence: CheckEvidence(cause: diagnosis.cause, facts: facts, markers: evidence.markers, requests: requests)),
                diagnosis: diagnosis, weight: .side)
        }
        let unknown = locs.isEmpty || statuses.contains(.unknown)
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.trace, title: "Egress IP and country", status: unknown ? .warn : .pass, durationMS: duration,
                summary: unknown ? summary + ": country unknown to Cloudflare (XX/Tor)" : summary + " (supported)",
                evidence: CheckEvidence(facts: facts, requests: requests)),
            weight: .side)
    }

    func familyOutcome(_ traces: [(ProbeRequest.Family, ProbeExchange, CloudflareTrace?)], duration: Int) -> CheckOutcome {
        let title = "IPv4 vs IPv6"
        guard traces.count == 2, let v4 = traces.first(where: { $0.0 == .ipv4 }), let v6 = traces.first(where: { $0.0 == .ipv6 })
        else {
            let reason =
                proxy != nil
                ? "through a proxy the address family is the proxy's"
                : traces.first?.1.failure?.phase == .dns ? "the host does not resolve" : "only one address family resolves"
            return skipped(CheckID.familyIsolation, reason, title: title)
        }
        let v4ok = v4.1.answered
        let v6ok = v6.1.answered
        var facts: [String: String] = [:]
        facts["ipv4"] = v4ok ? "answered \(v4.1.status ?? 0)" : (v4.1.failure?.kind.rawValue ?? "failed")
        facts["ipv6"] = v6ok ? "answered \(v6.1.status ?? 0)" : (v6.1.failure?.kind.rawValue ?? "failed")
        if v4ok != v6ok {
            let bad = v4ok ? v6 : v4
            let diagnosis = bad.1.diagnosis()
            let summary = "\(v4ok ? "IPv6" : "IPv4") fails (\(diagnosis.cause.rawValue)) while \(v4ok ? "IPv4" : "IPv6") works: clients that prefer it will fail"
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.familyIsolation, title: title, status: .warn, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(cause: diagnosis.cause, facts: facts)),
                weight: .side)
        }
        if let l4 = v4.2?.loc, let l6 = v6.2?.loc, l4 != l6 {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.familyIsolation, title: title, status: .warn, durationMS: duration,
                    summary: "IPv4 leaves from \(l4) but IPv6 from \(l6): the API may answer differently per family",
                    evidence: CheckEvidence(facts: facts)),
                weight: .side)
        }
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.familyIsolation, title: title, status: .pass, durationMS: duration,
                summary: v4ok ? "IPv4 and IPv6 agree" : "IPv4 and IPv6 fail alike", evidence: CheckEvidence(facts: facts)),
            weight: .side)
    }

    // MARK: Compliance

    func complianceOutcome(_ endpoint: EndpointURL) async -> CheckOutcome {
        let title = "Region (keyless probe)"
        if flavor == .azure { return skipped(CheckID.compliance, "not an OpenAI host", title: title) }
        let start = ContinuousClock.now
        let url = endpoint.origin.appending(path: "/compliance/cookie_requirements")
        let exchange = await send(ProbeRequest(label: "GET /compliance/cookie_requirements", url: url, proxy: proxy))
        let duration = elapsedMS(since: start)
        if exchange.answered, exchange.status == 200 {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.compliance, title: title, status: .pass, durationMS: duration,
                    summary: "the API host serves this egress (200)", evidence: CheckEvidence(requests: [exchange.trace])),
                weight: .reachability)
        }
        if exchange.answered, exchange.status == 404, flavor == .compatible {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.compliance, title: title, status: .skip, durationMS: duration,
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
                id: CheckID.compliance, title: title, status: exchange.answered && !isRegion && diagnosis.cause == .unknown ? .warn : .fail,
                durationMS: duration, summary: summary,
                evidence: CheckEvidence(cause: diagnosis.cause, requests: [exchange.trace], answer: diagnosis.evidence)),
            diagnosis: diagnosis, weight: isRegion ? .api : .reachability)
    }

    // MARK: Status page

    func statusOutcome() async -> CheckOutcome {
        let title = "Service status"
        guard let base = options.statusURL else { return skipped(CheckID.status, "no status page configured", title: title) }
        if flavor == .azure, base == CheckOptions.defaultStatusURL {
            return skipped(CheckID.status, "Azure publishes no JSON status API (see azure.status.microsoft)", title: title)
        }
        let start = ContinuousClock.now
        let statusProxy = configuration.proxy(for: base).proxy
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
                    let exchange = await self.send(
                        ProbeRequest(label: document.label, url: base.origin.appending(path: document.path), proxy: statusProxy))
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
        let duration = elapsedMS(since: start)
        guard let reading else {
            let why = native.failure.map { "\($0.phase.rawValue) \($0.kind.rawValue)" } ?? "no readable status document"
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.status, title: title, status: .skip, durationMS: duration,
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
            summary = ([reading.description] + (affected.isEmpty ? [] : ["affected: " + affected.joined(separator: ", ")]))
                .joined(separator: "; ")
        }
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.status, title: title, status: reading.allOperational ? .pass : .warn, durationMS: duration,
                summary: summary,
                evidence: CheckEvidence(cause: reading.apiAffected ? .serverError : nil, facts: facts, requests: requests)),
            weight: .side)
    }
}

extension String {
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
