import DoctorCore

extension CheckContext {
    /// The authenticated probes: listing, the model, scopes, the optional generation, and the
    /// isolation steps that repeat a failing probe without the organization, project or proxy.
    func apiOutcomes(_ endpoint: EndpointURL) async -> [CheckOutcome] {
        guard let key = keyToSend, !key.isEmpty else {
            let reason = "no key (\(configuration.keyVariable) is not set): authenticated probes not run"
            let isolation = await proxyIsolationWithoutKey(endpoint)
            return [
                skipped(CheckID.models, reason), skipped(CheckID.model, reason), skipped(CheckID.scopes, reason),
                skipped(CheckID.realtime, reason), skipped(CheckID.spend, reason), isolation,
            ]
        }
        async let models = modelsOutcome(endpoint, key: key)
        async let model = modelOutcome(endpoint, key: key)
        async let scopes = scopesOutcome(endpoint, key: key)
        async let realtime = realtimeOutcome(endpoint, key: key)
        async let spend = spendOutcome(endpoint, key: key)
        let listed = await models
        let isolation = await proxyIsolation(listed.exchange, endpoint: endpoint)
        return [listed.outcome, await model, await scopes, await realtime, await spend, isolation]
    }

    /// The headers that carry the key and the identifiers.
    func authHeaders(_ key: String, organization: Bool = true, project: Bool = true) -> HeaderFields {
        var headers = HeaderFields()
        if flavor == .azure {
            headers.append(name: "api-key", value: key)
        } else {
            headers.append(name: "Authorization", value: "Bearer \(key)")
            if organization, let org = configuration.organization?.value {
                headers.append(name: "OpenAI-Organization", value: org.configTrimmedForDisplay)
            }
            if project, let id = configuration.project?.value {
                headers.append(name: "OpenAI-Project", value: id.configTrimmedForDisplay)
            }
        }
        return headers
    }

    func apiURL(_ endpoint: EndpointURL, _ path: String) -> EndpointURL {
        var url = endpoint.appending(path: path)
        if flavor == .azure, let version = configuration.apiVersion?.value { url.query = "api-version=\(version)" }
        return url
    }

    var modelsPath: String { flavor == .azure ? "/openai/models" : "/models" }

    // MARK: Listing

    func modelsOutcome(_ endpoint: EndpointURL, key: String) async -> (outcome: CheckOutcome, exchange: ProbeExchange) {
        let start = ContinuousClock.now
        let label = "GET \(flavor == .azure ? "/openai/models" : "/v1/models")"
        let exchange = await send(
            ProbeRequest(label: label, url: apiURL(endpoint, modelsPath), headers: authHeaders(key), proxy: proxy))
        let title = "List models"
        if exchange.answered, exchange.status == 200 {
            var facts: [String: String] = [:]
            for (name, header) in [
                ("request_id", "x-request-id"), ("request_id", "apim-request-id"), ("organization", "openai-organization"),
                ("project", "openai-project"), ("ratelimit_limit_requests", "x-ratelimit-limit-requests"),
                ("ratelimit_remaining_requests", "x-ratelimit-remaining-requests"),
                ("ratelimit_limit_tokens", "x-ratelimit-limit-tokens"), ("processing_ms", "openai-processing-ms"),
            ] {
                if let value = exchange.headers[header] { facts[name] = value }
            }
            let count = Self.countModels(exchange.body)
            facts["models"] = String(count)
            var summary = "200, \(count) models"
            if let id = facts["request_id"] { summary += ", request \(id)" }
            if let org = facts["organization"] { summary += ", org \(org)" }
            return (
                CheckOutcome(
                    result: CheckResult(
                        id: CheckID.models, title: title, status: .pass, durationMS: elapsedMS(since: start), summary: summary,
                        evidence: CheckEvidence(facts: facts, requests: [exchange.trace],
                                                answer: Diagnoser.summary(of: exchange.evidence()))),
                    weight: .api), exchange
            )
        }
        var diagnosis = exchange.diagnosis()
        var requests = [exchange.trace]
        var facts: [String: String] = [:]
        // Isolate an organization or project refusal by repeating without that header.
        let isolations: [(String, Bool, Bool)] = [
            diagnosis.cause == .orgMismatch || diagnosis.cause == .orgMembership ? ("organization", false, true) : nil,
            diagnosis.cause == .projectMismatch || diagnosis.cause == .projectIPNotAllowed ? ("project", true, false) : nil,
        ].compactMap { $0 }
        for (name, keepOrg, keepProject) in isolations where exchange.answered {
            guard (name == "organization" && configuration.organization != nil) || (name == "project" && configuration.project != nil)
            else { continue }
            let retry = await send(
                ProbeRequest(
                    label: "\(label) without the \(name) header", url: apiURL(endpoint, modelsPath),
                    headers: authHeaders(key, organization: keepOrg, project: keepProject), proxy: proxy))
            requests.append(retry.trace)
            if retry.answered, retry.status == 200 {
                facts["without_\(name)"] = "200: the \(name) header is what is refused"
                diagnosis.decidedBy.append("the same request without the OpenAI-\(name == "organization" ? "Organization" : "Project") header succeeded")
            } else {
                facts["without_\(name)"] = "\(retry.status.map(String.init) ?? "no answer"): still refused without it"
            }
        }
        var summary = failureSummary(exchange, diagnosis)
        // Data residency: the API names the project's regional host; ask it once, the same way.
        if exchange.answered, let host = Self.residencyHost(exchange, diagnosis) {
            var regional = endpoint
            regional.host = host
            let regionalProxy = configuration.proxy(for: regional).proxy.flatMap { $0.scheme == "http" || $0.scheme == "https" ? $0 : nil }
            let retry = await send(
                ProbeRequest(
                    label: "\(label) on \(host)", url: apiURL(regional, modelsPath), headers: authHeaders(key), proxy: regionalProxy))
            requests.append(retry.trace)
            facts["regional_host"] = host
            if retry.answered, retry.status == 200 {
                facts["regional_host_answer"] = "200: the same key works on \(host)"
                diagnosis.decidedBy.append("the same request to \(host) succeeded (200): use https://\(host)/v1")
                summary += "; \(host) answers 200 with this key"
            } else {
                let answer = retry.answered ? "\(retry.status ?? 0) (\(retry.diagnosis().cause.rawValue))" : "no answer (\(retry.diagnosis().cause.rawValue))"
                facts["regional_host_answer"] = answer
                diagnosis.decidedBy.append("the same request to \(host) got \(answer)")
                summary += "; \(host) answers \(answer)"
            }
        }
        return (
            CheckOutcome(
                result: CheckResult(
                    id: CheckID.models, title: title, status: .fail, durationMS: elapsedMS(since: start), summary: summary,
                    evidence: CheckEvidence(cause: diagnosis.cause, facts: facts, requests: requests, answer: diagnosis.evidence)),
                diagnosis: diagnosis, weight: .api), exchange
        )
    }

    /// The regional host a data-residency refusal (401 `incorrect_hostname`) names, if this is one.
    static func residencyHost(_ exchange: ProbeExchange, _ diagnosis: Diagnosis) -> String? {
        guard diagnosis.cause == .endpointWrong else { return nil }
        let message = diagnosis.evidence.message ?? ""
        guard diagnosis.evidence.errorCode == "incorrect_hostname" || message.lowercased().contains("incorrect regional hostname")
        else { return nil }
        guard let host = OpenAIHosts.regionalHost(namedIn: message.isEmpty ? exchange.body : message),
            host != EndpointURL(exchange.trace.url)?.host
        else { return nil }
        return host
    }

    func failureSummary(_ exchange: ProbeExchange, _ diagnosis: Diagnosis) -> String {
        if exchange.answered || exchange.isProxyAnswer {
            var text = "\(exchange.isProxyAnswer ? "proxy answered CONNECT with " : "")\(exchange.status ?? 0)"
            if let code = diagnosis.evidence.errorCode { text += " \(code)" }
            if let message = diagnosis.evidence.message { text += " \"\(message.prefix(120))\"" }
            return text + ": \(diagnosis.cause.rawValue)"
        }
        return "\(diagnosis.cause.rawValue): \(exchange.failure?.detail ?? "no answer")"
    }

    static func countModels(_ body: String) -> Int {
        guard let root = LenientJSONReader.parse(body), case .array(let items)? = root["data"] else { return 0 }
        return items.count
    }

    // MARK: One model (Azure: the deployment)

    func modelOutcome(_ endpoint: EndpointURL, key: String) async -> CheckOutcome {
        let title = flavor == .azure ? "Deployment" : "Model access"
        guard let model = configuration.model?.value.configTrimmedForDisplay, !model.isEmpty else {
            return skipped(CheckID.model, flavor == .azure ? "no deployment given (--model)" : "no --model given", title: title)
        }
        let start = ContinuousClock.now
        let request: ProbeRequest
        if flavor == .azure {
            // An empty body is refused by validation (400) once the deployment is found: nothing is generated.
            request = ProbeRequest(
                label: "POST /openai/deployments/\(model)/chat/completions (empty body)", method: "POST",
                url: apiURL(endpoint, "/openai/deployments/\(model)/chat/completions"),
                headers: authHeaders(key) + [("Content-Type", "application/json")], body: Array("{}".utf8), proxy: proxy)
        } else {
            request = ProbeRequest(
                label: "GET /v1/models/\(model)", url: apiURL(endpoint, "/models/\(model)"), headers: authHeaders(key), proxy: proxy)
        }
        let exchange = await send(request)
        let ok = exchange.answered && (flavor == .azure ? exchange.status == 400 : exchange.status == 200)
        if ok {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.model, title: title, status: .pass, durationMS: elapsedMS(since: start),
                    summary: flavor == .azure ? "deployment \(model) exists (validation answered 400 to an empty body)" : "\(model) is visible to this key",
                    evidence: CheckEvidence(facts: ["model": model], requests: [exchange.trace])),
                weight: .api)
        }
        let diagnosis = exchange.diagnosis()
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.model, title: title, status: .fail, durationMS: elapsedMS(since: start),
                summary: failureSummary(exchange, diagnosis),
                evidence: CheckEvidence(cause: diagnosis.cause, facts: ["model": model], requests: [exchange.trace], answer: diagnosis.evidence)),
            diagnosis: diagnosis, weight: .api)
    }

    // MARK: Scopes (restricted keys), spending nothing

    /// The endpoints the scope probe asks, each with the scope it needs.
    static let scopeProbes: [(scope: String, path: String, endpoint: String)] = [
        ("model.request", "/chat/completions", "chat completions"),
        ("api.responses.write", "/responses", "the Responses API"),
    ]

    /// Sends an invalid (empty) body to each generation endpoint at once: the scope check answers
    /// before validation, so 400 means the key may call it, and 401/403 `missing_scope` means it
    /// may not (the report names the scope). Nothing is generated.
    func scopesOutcome(_ endpoint: EndpointURL, key: String) async -> CheckOutcome {
        let title = "Key scopes"
        guard flavor != .azure else { return skipped(CheckID.scopes, "Azure keys have no scopes (RBAC applies to Entra ID)", title: title) }
        let start = ContinuousClock.now
        let exchanges = await withTaskGroup(of: (Int, ProbeExchange).self) { group in
            for (index, probe) in Self.scopeProbes.enumerated() {
                group.addTask {
                    let exchange = await self.send(
                        ProbeRequest(
                            label: "POST \(self.endpointPathForDisplay(endpoint))\(probe.path) (empty body, scope probe)", method: "POST",
                            url: self.apiURL(endpoint, probe.path), headers: self.authHeaders(key) + [("Content-Type", "application/json")],
                            body: Array("{}".utf8), proxy: self.proxy))
                    return (index, exchange)
                }
            }
            var all: [(Int, ProbeExchange)] = []
            for await item in group { all.append(item) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let duration = elapsedMS(since: start)
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
                facts[probe.scope] = "not decidable: \(exchange.status.map(String.init) ?? "no answer") (\(diagnosis.cause.rawValue))"
                undecided.append((probe.scope, exchange, diagnosis))
            }
        }
        if let first = missing.first {
            var diagnosis = first.diagnosis
            let names = missing.map(\.scope)
            diagnosis.decidedBy.insert(
                "the zero-cost scope probe (\(first.exchange.trace.label)) was refused before validation: the key lacks \(names.joined(separator: ", "))",
                at: 0)
            var summary = "missing \(names.joined(separator: ", ")): " + failureSummary(first.exchange, first.diagnosis)
            if !granted.isEmpty { summary += "; granted: \(granted.joined(separator: ", "))" }
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.scopes, title: title, status: .fail, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(cause: diagnosis.cause, facts: facts, requests: requests, answer: diagnosis.evidence)),
                diagnosis: diagnosis, weight: .api)
        }
        if !granted.isEmpty {
            let described = Self.scopeProbes.filter { granted.contains($0.scope) }.map { "\($0.endpoint) (\($0.scope))" }
            var summary = "may call \(described.joined(separator: " and ")): empty bodies reached validation (400), nothing generated"
            if !undecided.isEmpty {
                summary += "; \(undecided.map { "\($0.scope) not decidable (\($0.exchange.status.map(String.init) ?? "no answer"))" }.joined(separator: ", "))"
            }
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.scopes, title: title, status: .pass, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(facts: facts, requests: requests)),
                weight: .api)
        }
        let first = undecided.first
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.scopes, title: title, status: .skip, durationMS: duration,
                summary: "not decidable: the probe got \(first?.exchange.status.map(String.init) ?? "no answer") (\(first?.diagnosis.cause.rawValue ?? "unknown"))",
                evidence: CheckEvidence(cause: first?.diagnosis.cause, facts: facts, requests: requests)),
            weight: .side)
    }

    /// The base URL's path for labels (`/v1`), `/openai` shapes aside.
    func endpointPathForDisplay(_ endpoint: EndpointURL) -> String {
        var path = endpoint.path
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The first scope a missing-scope message names ("Missing scopes: api.responses.write.").
    static func namedScope(_ message: String?) -> String? {
        guard let message, let range = message.firstRange(of: "Missing scopes: ") else { return nil }
        let scope = message[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
        let cleaned = scope.hasSuffix(".") ? scope.dropLast() : scope
        return cleaned.isEmpty ? nil : String(cleaned)
    }

    // MARK: --spend

    func spendOutcome(_ endpoint: EndpointURL, key: String) async -> CheckOutcome {
        let title = "Minimal generation"
        guard options.spend else {
            return skipped(CheckID.spend, "not run: check spends nothing by default (--spend makes one 1-token request)", title: title)
        }
        let model = configuration.model?.value.configTrimmedForDisplay ?? "gpt-4o-mini"
        let start = ContinuousClock.now
        let path = flavor == .azure ? "/openai/deployments/\(model)/chat/completions" : "/chat/completions"
        var body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Reply with ok.\"}],\"max_tokens\":1"
        if flavor != .azure { body += ",\"model\":\"\(model)\"" }
        body += "}"
        let exchange = await send(
            ProbeRequest(
                label: "POST \(flavor == .azure ? path : "/v1/chat/completions") (1 token)", method: "POST",
                url: apiURL(endpoint, path), headers: authHeaders(key) + [("Content-Type", "application/json")],
                body: Array(body.utf8), proxy: proxy))
        if exchange.answered, exchange.status == 200 {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.spend, title: title, status: .pass, durationMS: elapsedMS(since: start),
                    summary: "\(model) generated one token: billing and model access work",
                    evidence: CheckEvidence(facts: ["model": model], requests: [exchange.trace])),
                weight: .api)
        }
        let diagnosis = exchange.diagnosis()
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.spend, title: title, status: .fail, durationMS: elapsedMS(since: start),
                summary: failureSummary(exchange, diagnosis),
                evidence: CheckEvidence(cause: diagnosis.cause, facts: ["model": model], requests: [exchange.trace], answer: diagnosis.evidence)),
            diagnosis: diagnosis, weight: .api)
    }

    // MARK: Proxy vs direct

    func proxyIsolation(_ viaProxy: ProbeExchange, endpoint: EndpointURL) async -> CheckOutcome {
        let title = "Proxy vs direct"
        guard let proxy else { return skipped(CheckID.proxyIsolation, "no proxy in use", title: title) }
        guard !(viaProxy.answered && viaProxy.status == 200) else {
            return skipped(CheckID.proxyIsolation, "the request through \(proxy.redacted) worked: nothing to isolate", title: title)
        }
        let start = ContinuousClock.now
        var request = ProbeRequest(
            label: "\(viaProxy.trace.label) direct (no proxy)", url: apiURL(endpoint, modelsPath),
            headers: authHeaders(keyToSend ?? ""), proxy: nil)
        request.method = viaProxy.trace.method
        let direct = await send(request)
        return isolationVerdict(viaProxy: viaProxy, direct: direct, duration: elapsedMS(since: start))
    }

    /// Without a key, the keyless compliance probe is what is compared through the proxy and direct.
    func proxyIsolationWithoutKey(_ endpoint: EndpointURL) async -> CheckOutcome {
        let title = "Proxy vs direct"
        guard let proxy, flavor != .azure else { return skipped(CheckID.proxyIsolation, "no proxy in use", title: title) }
        let start = ContinuousClock.now
        let url = endpoint.origin.appending(path: "/compliance/cookie_requirements")
        async let proxied = send(ProbeRequest(label: "GET /compliance/cookie_requirements via \(proxy.redacted)", url: url, proxy: proxy))
        async let direct = send(ProbeRequest(label: "GET /compliance/cookie_requirements direct", url: url, proxy: nil))
        let (p, d) = await (proxied, direct)
        if p.answered && p.status == 200 {
            return skipped(CheckID.proxyIsolation, "the request through \(proxy.redacted) worked: nothing to isolate", title: title)
        }
        return isolationVerdict(viaProxy: p, direct: d, duration: elapsedMS(since: start))
    }

    func isolationVerdict(viaProxy: ProbeExchange, direct: ProbeExchange, duration: Int) -> CheckOutcome {
        let title = "Proxy vs direct"
        let proxiedCause = viaProxy.diagnosis().cause
        let directWorks = direct.answered && (direct.status ?? 500) < 500 && direct.diagnosis().cause != proxiedCause
        let directCause = direct.answered && direct.status == 200 ? nil : direct.diagnosis().cause
        var facts = ["via_proxy": viaProxy.status.map(String.init) ?? (viaProxy.failure?.kind.rawValue ?? "failed")]
        facts["direct"] = direct.status.map(String.init) ?? (direct.failure?.kind.rawValue ?? "failed")
        let requests = [direct.trace]
        if directWorks || directCause == nil {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.proxyIsolation, title: title, status: .warn, durationMS: duration,
                    summary: "direct: \(facts["direct"] ?? "?") — the proxy is the difference (through it: \(proxiedCause.rawValue))",
                    evidence: CheckEvidence(cause: proxiedCause, facts: facts, requests: requests)),
                weight: .side)
        }
        if directCause == proxiedCause {
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.proxyIsolation, title: title, status: .pass, durationMS: duration,
                    summary: "direct fails the same way (\(proxiedCause.rawValue)): the proxy is not the difference",
                    evidence: CheckEvidence(facts: facts, requests: requests)),
                weight: .side)
        }
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.proxyIsolation, title: title, status: .warn, durationMS: duration,
                summary: "direct fails differently (\(directCause?.rawValue ?? "?")): this network needs the proxy, and the proxy refuses (\(proxiedCause.rawValue))",
                evidence: CheckEvidence(cause: directCause, facts: facts, requests: requests)),
            weight: .side)
    }
}

extension HeaderFields {
    /// These fields followed by `extra` name/value pairs.
    static func + (lhs: HeaderFields, rhs: [(String, String)]) -> HeaderFields {
        var copy = lhs
        for (name, value) in rhs { copy.append(name: name, value: value) }
        return copy
    }
}
