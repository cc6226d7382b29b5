import DoctorCore

/// `isolation.proxy`: the failing request repeated without the proxy — the models listing, or,
/// without a key, the keyless compliance probe through the proxy and direct.
struct ProxyIsolationProbe: Probe {
    let id = CheckID.proxyIsolation
    let title = "Proxy vs direct"
    let dependencies: [CheckID] = [.models]
    let role = ProbeRole.network

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        guard let listing = context.read(\.listing) else { return await withoutKey(endpoint, in: context) }
        guard let proxy = context.proxy else { return .skipped(id, title: title, "no proxy in use") }
        guard !(listing.answered && listing.status == 200) else {
            return .skipped(id, title: title, "the request through \(proxy.redacted) worked: nothing to isolate")
        }
        let start = context.clock.now
        var request = ProbeRequest(
            label: "\(listing.trace.label) direct (no proxy)", url: context.apiURL(endpoint, context.modelsPath),
            headers: context.authHeaders(context.keyToSend ?? ""), proxy: nil)
        request.method = listing.trace.method
        let direct = await context.send(request)
        return verdict(viaProxy: listing, direct: direct, duration: context.elapsedMS(since: start))
    }

    /// Without a key, the keyless compliance probe is what is compared through the proxy and direct.
    private func withoutKey(_ endpoint: EndpointURL, in context: CheckContext) async -> CheckOutcome {
        guard let proxy = context.proxy, context.flavor != .azure else {
            return .skipped(id, title: title, "no proxy in use")
        }
        let start = context.clock.now
        let url = endpoint.origin.appending(path: "/compliance/cookie_requirements")
        async let proxied = context.send(
            ProbeRequest(label: "GET /compliance/cookie_requirements via \(proxy.redacted)", url: url, proxy: proxy))
        async let direct = context.send(
            ProbeRequest(label: "GET /compliance/cookie_requirements direct", url: url, proxy: nil))
        let (p, d) = await (proxied, direct)
        if p.answered && p.status == 200 {
            return .skipped(id, title: title, "the request through \(proxy.redacted) worked: nothing to isolate")
        }
        return verdict(viaProxy: p, direct: d, duration: context.elapsedMS(since: start))
    }

    private func verdict(viaProxy: ProbeExchange, direct: ProbeExchange, duration: Int) -> CheckOutcome {
        let proxiedCause = viaProxy.diagnosis().cause
        let directWorks = direct.answered && (direct.status ?? 500) < 500 && direct.diagnosis().cause != proxiedCause
        let directCause = direct.answered && direct.status == 200 ? nil : direct.diagnosis().cause
        var facts = ["via_proxy": viaProxy.status.map(String.init) ?? (viaProxy.failure?.kind.rawValue ?? "failed")]
        facts["direct"] = direct.status.map(String.init) ?? (direct.failure?.kind.rawValue ?? "failed")
        let requests = [direct.trace]
        if directWorks || directCause == nil {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .warn, durationMS: duration,
                    summary:
                        "direct: \(facts["direct"] ?? "?") — the proxy is the difference (through it: \(proxiedCause.rawValue))",
                    evidence: CheckEvidence(cause: proxiedCause, facts: facts, requests: requests)),
                weight: .side)
        }
        if directCause == proxiedCause {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .pass, durationMS: duration,
                    summary: "direct fails the same way (\(proxiedCause.rawValue)): the proxy is not the difference",
                    evidence: CheckEvidence(facts: facts, requests: requests)),
                weight: .side)
        }
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: .warn, durationMS: duration,
                summary:
                    "direct fails differently (\(directCause?.rawValue ?? "?")): this network needs the proxy, and the proxy refuses (\(proxiedCause.rawValue))",
                evidence: CheckEvidence(cause: directCause, facts: facts, requests: requests)),
            weight: .side)
    }
}
