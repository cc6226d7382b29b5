import DoctorCore

/// `api.models`: `GET /v1/models` with the key (Azure: `GET /openai/models`). A refusal of the
/// organization or project is isolated by repeating without that header, and a data-residency
/// refusal by asking the regional host the API names. Proxy isolation repeats this request.
struct ListModelsProbe: Probe {
    let id = CheckID.models
    let title = "List models"
    let dependencies: [CheckID] = [.key, .dns]
    let role = ProbeRole.apiAnswer

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        guard let key = context.nonEmptyKey else { return .skipped(id, title: title, context.noKeyReason) }
        let (outcome, exchange) = await list(endpoint, key: key, in: context)
        context.record { $0.listing = exchange }
        return outcome
    }

    /// Lists the models: the report line, and the first exchange (what proxy isolation repeats).
    func list(
        _ endpoint: EndpointURL, key: String, in context: CheckContext
    ) async -> (outcome: CheckOutcome, exchange: ProbeExchange) {
        let configuration = context.configuration
        let flavor = context.flavor
        let proxy = context.proxy
        let modelsPath = context.modelsPath
        let start = context.clock.now
        let label = "GET \(flavor == .azure ? "/openai/models" : "/v1/models")"
        let exchange = await context.send(
            ProbeRequest(
                label: label, url: context.apiURL(endpoint, modelsPath), headers: context.authHeaders(key), proxy: proxy
            ))
        if exchange.answered, exchange.status == 200 {
            var facts: [String: String] = [:]
            for (name, header) in [
                ("request_id", "x-request-id"), ("request_id", "apim-request-id"),
                ("organization", "openai-organization"),
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
                        id: id.rawValue, title: title, status: .pass, durationMS: context.elapsedMS(since: start),
                        summary: summary,
                        evidence: CheckEvidence(
                            facts: facts, requests: [exchange.trace],
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
            diagnosis.cause == .projectMismatch || diagnosis.cause == .projectIPNotAllowed
                ? ("project", true, false) : nil,
        ].compactMap { $0 }
        for (name, keepOrg, keepProject) in isolations where exchange.answered {
            guard
                (name == "organization" && configuration.organization != nil)
                    || (name == "project" && configuration.project != nil)
            else { continue }
            let retry = await context.send(
                ProbeRequest(
                    label: "\(label) without the \(name) header", url: context.apiURL(endpoint, modelsPath),
                    headers: context.authHeaders(key, organization: keepOrg, project: keepProject), proxy: proxy))
            requests.append(retry.trace)
            if retry.answered, retry.status == 200 {
                facts["without_\(name)"] = "200: the \(name) header is what is refused"
                diagnosis.decidedBy.append(
                    "the same request without the OpenAI-\(name == "organization" ? "Organization" : "Project") header succeeded"
                )
            } else {
                facts["without_\(name)"] = "\(retry.status.map(String.init) ?? "no answer"): still refused without it"
            }
        }
        var summary = context.failureSummary(exchange, diagnosis)
        // Data residency: the API names the project's regional host; ask it once, the same way.
        if exchange.answered, let host = Self.residencyHost(exchange, diagnosis) {
            var regional = endpoint
            regional.host = host
            let regionalProxy = configuration.proxy(for: regional).proxy.flatMap {
                $0.scheme == "http" || $0.scheme == "https" ? $0 : nil
            }
            let retry = await context.send(
                ProbeRequest(
                    label: "\(label) on \(host)", url: context.apiURL(regional, modelsPath),
                    headers: context.authHeaders(key),
                    proxy: regionalProxy))
            requests.append(retry.trace)
            facts["regional_host"] = host
            if retry.answered, retry.status == 200 {
                facts["regional_host_answer"] = "200: the same key works on \(host)"
                diagnosis.decidedBy.append("the same request to \(host) succeeded (200): use https://\(host)/v1")
                summary += "; \(host) answers 200 with this key"
            } else {
                let answer =
                    retry.answered
                    ? "\(retry.status ?? 0) (\(retry.diagnosis().cause.rawValue))"
                    : "no answer (\(retry.diagnosis().cause.rawValue))"
                facts["regional_host_answer"] = answer
                diagnosis.decidedBy.append("the same request to \(host) got \(answer)")
                summary += "; \(host) answers \(answer)"
            }
        }
        return (
            CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .fail, durationMS: context.elapsedMS(since: start),
                    summary: summary,
                    evidence: CheckEvidence(
                        cause: diagnosis.cause, facts: facts, requests: requests, answer: diagnosis.evidence)),
                diagnosis: diagnosis, weight: .api), exchange
        )
    }

    /// The regional host a data-residency refusal (401 `incorrect_hostname`) names, if this is one.
    static func residencyHost(_ exchange: ProbeExchange, _ diagnosis: Diagnosis) -> String? {
        guard diagnosis.cause == .endpointWrong else { return nil }
        let message = diagnosis.evidence.message ?? ""
        guard
            diagnosis.evidence.errorCode == "incorrect_hostname"
                || message.lowercased().contains("incorrect regional hostname")
        else { return nil }
        guard let host = OpenAIHosts.regionalHost(namedIn: message.isEmpty ? exchange.body : message),
            host != EndpointURL(exchange.trace.url)?.host
        else { return nil }
        return host
    }

    /// How many models a listing's `data` array holds.
    static func countModels(_ body: String) -> Int {
        guard let root = LenientJSONReader.parse(body), case .array(let items)? = root["data"] else { return 0 }
        return items.count
    }
}

extension CheckContext {
    /// The models listing's line and first exchange (`verify`'s known-good request).
    func modelsOutcome(_ endpoint: EndpointURL, key: String) async -> (outcome: CheckOutcome, exchange: ProbeExchange) {
        await ListModelsProbe().list(endpoint, key: key, in: self)
    }
}
