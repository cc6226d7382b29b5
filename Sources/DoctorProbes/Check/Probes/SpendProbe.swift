import DoctorCore

/// `api.spend`: one minimal, billable generation (1 token), only with `--spend`.
struct SpendProbe: Probe {
    let id = CheckID.spend
    let title = "Minimal generation"
    let dependencies: [CheckID] = [.key, .dns]
    let role = ProbeRole.apiAnswer

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        guard let key = context.nonEmptyKey else { return .skipped(id, title: title, context.noKeyReason) }
        guard context.options.spend else {
            return .skipped(
                id, title: title, "not run: check spends nothing by default (--spend makes one 1-token request)")
        }
        let flavor = context.flavor
        let model = context.configuration.model?.value.configTrimmedForDisplay ?? "gpt-4o-mini"
        let start = context.clock.now
        let path = flavor == .azure ? "/openai/deployments/\(model)/chat/completions" : "/chat/completions"
        var body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Reply with ok.\"}],\"max_tokens\":1"
        if flavor != .azure { body += ",\"model\":\"\(model)\"" }
        body += "}"
        let exchange = await context.send(
            ProbeRequest(
                label: "POST \(flavor == .azure ? path : "/v1/chat/completions") (1 token)", method: "POST",
                url: context.apiURL(endpoint, path),
                headers: context.authHeaders(key) + [("Content-Type", "application/json")],
                body: Array(body.utf8), proxy: context.proxy))
        if exchange.answered, exchange.status == 200 {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .pass, durationMS: context.elapsedMS(since: start),
                    summary: "\(model) generated one token: billing and model access work",
                    evidence: CheckEvidence(facts: ["model": model], requests: [exchange.trace])),
                weight: .api)
        }
        return context.modelFailure(id, title: title, model: model, since: start, exchange)
    }
}
