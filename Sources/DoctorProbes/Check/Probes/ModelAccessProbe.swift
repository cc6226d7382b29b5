import DoctorCore

/// `api.model`: `GET /v1/models/{model}`; on Azure, the deployment, asked with an empty chat
/// body that validation refuses (400) once the deployment is found, so nothing is generated.
struct ModelAccessProbe: Probe {
    let id = CheckID.model
    let title = "Model access"
    let dependencies: [CheckID] = [.key, .dns]
    let role = ProbeRole.apiAnswer

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        guard let key = context.nonEmptyKey else { return .skipped(id, title: title, context.noKeyReason) }
        let flavor = context.flavor
        let proxy = context.proxy
        let title = flavor == .azure ? "Deployment" : self.title
        guard let model = context.configuration.model?.value.configTrimmedForDisplay, !model.isEmpty else {
            return .skipped(id, title: title, flavor == .azure ? "no deployment given (--model)" : "no --model given")
        }
        let start = context.clock.now
        let request: ProbeRequest
        if flavor == .azure {
            // An empty body is refused by validation (400) once the deployment is found: nothing is generated.
            request = ProbeRequest(
                label: "POST /openai/deployments/\(model)/chat/completions (empty body)", method: "POST",
                url: context.apiURL(endpoint, "/openai/deployments/\(model)/chat/completions"),
                headers: context.authHeaders(key) + [("Content-Type", "application/json")], body: Array("{}".utf8),
                proxy: proxy)
        } else {
            request = ProbeRequest(
                label: "GET /v1/models/\(model)", url: context.apiURL(endpoint, "/models/\(model)"),
                headers: context.authHeaders(key),
                proxy: proxy)
        }
        let exchange = await context.send(request)
        let ok = exchange.answered && (flavor == .azure ? exchange.status == 400 : exchange.status == 200)
        if ok {
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .pass, durationMS: context.elapsedMS(since: start),
                    summary: flavor == .azure
                        ? "deployment \(model) exists (validation answered 400 to an empty body)"
                        : "\(model) is visible to this key",
                    evidence: CheckEvidence(facts: ["model": model], requests: [exchange.trace])),
                weight: .api)
        }
        return context.modelFailure(id, title: title, model: model, since: start, exchange)
    }
}
