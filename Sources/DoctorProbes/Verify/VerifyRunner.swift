import DoctorCore

/// Verifies a fix the way the guide asks: re-run what failed with the inputs held constant,
/// then one known-good request and one controlled failure that must be refused cleanly.
///
/// It reuses `check`'s probes (same transport, same headers, same classifier), so a
/// verification and a check cannot disagree. The retry-limit step needs the retry client and
/// a local failing server, which live above this module: the CLI adds it.
///
/// ```swift
/// let steps = await VerifyRunner.run(options, saved: savedReport)
/// steps.steps.map(\.outcome)   // [.fixed, .ok, .cleanFailure]
/// ```
public enum VerifyRunner {
    /// What a verification found, before the CLI adds its retry-limit step.
    public struct Result: Sendable {
        /// The current inputs.
        public var target: CheckTarget
        /// Inputs that differ from the saved report's.
        public var inputsChanged: [String]
        /// The steps run.
        public var steps: [VerifyStep]
    }

    /// The model id of the controlled failure: no provider will ever list it.
    public static func nonexistentModelID(suffix: String) -> String { "openai-doctor-no-such-model-\(suffix)" }

    /// Runs the re-runs, the known-good request and the controlled failure.
    ///
    /// - Parameters:
    ///   - options: The current configuration and transport (the same as `check`'s).
    ///   - saved: The saved check report whose failures are re-run, if any.
    ///   - randomSuffix: Makes the controlled failure's model id unique.
    public static func run(_ options: CheckOptions, saved: CheckReport?, randomSuffix: String) async -> Result {
        let runStart = ContinuousClock.now
        let deadline = runStart + options.timeout
        let context = CheckContext(options: options, runStart: runStart, deadline: deadline)
        var steps: [VerifyStep] = []
        var changed = saved.map { changedInputs(saved: $0.target, now: context.target) } ?? []

        guard let endpoint = context.configuration.endpoint else {
            let step = VerifyStep(
                id: "known_good.models", kind: .knownGood, title: "Known-good request", status: .fail,
                outcome: .skipped,
                summary: "the base URL cannot be parsed")
            return Result(target: context.target, inputsChanged: changed, steps: [step])
        }
        if let saved, let loc = saved.check(CheckID.trace)?.evidence.facts["loc"] {
            if let now = await context.egressCountry(endpoint), now != loc { changed.append("region") }
        }
        if let saved {
            steps += await context.reruns(of: saved, endpoint: endpoint)
        }
        guard let key = context.keyToSend, !key.isEmpty else {
            let reason = "no key (\(context.configuration.keyVariable) is not set)"
            steps.append(
                VerifyStep(
                    id: "known_good.models", kind: .knownGood, title: "Known-good request", status: .fail,
                    outcome: .skipped, summary: reason))
            steps.append(
                VerifyStep(
                    id: "known_bad.model", kind: .knownBad, title: "Controlled failure", status: .skip,
                    outcome: .skipped, summary: reason))
            return Result(target: context.target, inputsChanged: changed, steps: steps)
        }
        steps.append(await context.knownGood(endpoint, key: key))
        steps.append(await context.knownBad(endpoint, key: key, model: nonexistentModelID(suffix: randomSuffix)))
        return Result(target: context.target, inputsChanged: changed, steps: steps)
    }

    /// The inputs that differ between a saved target and the current one.
    public static func changedInputs(saved: CheckTarget, now: CheckTarget) -> [String] {
        var changed: [String] = []
        if saved.key != now.key { changed.append("key") }
        if saved.baseURL != now.baseURL { changed.append("base_url") }
        if saved.model != now.model { changed.append("model") }
        if saved.proxy != now.proxy { changed.append("proxy") }
        if saved.organization != now.organization { changed.append("organization") }
        if saved.project != now.project { changed.append("project") }
        return changed
    }
}

extension CheckContext {
    /// The egress country `/cdn-cgi/trace` on the API host reports now.
    func egressCountry(_ endpoint: EndpointURL) async -> String? {
        let exchange = await send(
            ProbeRequest(
                label: "GET /cdn-cgi/trace", url: endpoint.origin.appending(path: "/cdn-cgi/trace"), proxy: proxy))
        guard exchange.answered, exchange.status == 200 else { return nil }
        return CloudflareTrace.parse(exchange.body)?.loc
    }

    /// Sends again the first request of each failed check of `saved`, with today's key.
    func reruns(of saved: CheckReport, endpoint: EndpointURL) async -> [VerifyStep] {
        var steps: [VerifyStep] = []
        for check in saved.failedChecks {
            let expected = check.evidence.cause ?? saved.diagnosis?.cause
            guard let original = check.evidence.requests.first, let url = EndpointURL(original.url) else {
                steps.append(
                    VerifyStep(
                        id: "rerun.\(check.id)", kind: .rerun, title: "Re-run: \(check.title)", status: .skip,
                        outcome: .skipped,
                        expectedCause: expected,
                        summary:
                            "the saved report holds no request for this check (a configuration check): fix it and run check again"
                    ))
                continue
            }
            if original.method != "GET" {
                steps.append(
                    VerifyStep(
                        id: "rerun.\(check.id)", kind: .rerun, title: "Re-run: \(check.title)", status: .skip,
                        outcome: .skipped,
                        expectedCause: expected,
                        summary: "\(original.method) requests are not re-sent (their body is not saved)"))
                continue
            }
            let start = ContinuousClock.now
            let isAPI = check.id.hasPrefix("api.") || check.id.hasPrefix("isolation.")
            let headers = isAPI ? keyToSend.map { authHeaders($0) } ?? HeaderFields() : HeaderFields()
            // The Realtime check's request is a WebSocket handshake: it is re-sent as one, and its 101 is the fix.
            let handshake = check.id == CheckID.realtime
            let exchange = await send(
                ProbeRequest(
                    label: "re-run \(original.label)", method: original.method, url: url, headers: headers,
                    proxy: proxy,
                    upgradeToWebSocket: handshake))
            let elapsed = elapsedMS(since: start)
            let opened = handshake && exchange.webSocket?.stage == .opened
            if exchange.answered, let status = exchange.status, (200..<300).contains(status) || opened {
                steps.append(
                    VerifyStep(
                        id: "rerun.\(check.id)", kind: .rerun, title: "Re-run: \(check.title)", status: .pass,
                        outcome: .fixed,
                        expectedCause: expected, summary: "\(original.label) now answers \(status)",
                        durationMS: elapsed,
                        requests: [exchange.trace]))
                continue
            }
            let diagnosis = exchange.diagnosis()
            let same = diagnosis.cause == expected
            steps.append(
                VerifyStep(
                    id: "rerun.\(check.id)", kind: .rerun, title: "Re-run: \(check.title)", status: .fail,
                    outcome: same ? .stillFailing : .newFailure, expectedCause: expected,
                    observedCause: diagnosis.cause,
                    summary: same
                        ? "still failing with the same cause: \(diagnosis.cause.rawValue)"
                        : "a new failure: \(diagnosis.cause.rawValue) (was \(expected?.rawValue ?? "unknown"))",
                    durationMS: elapsed, requests: [exchange.trace], diagnosis: diagnosis))
        }
        return steps
    }

    /// Listing the models must succeed.
    func knownGood(_ endpoint: EndpointURL, key: String) async -> VerifyStep {
        let (outcome, _) = await modelsOutcome(endpoint, key: key)
        let result = outcome.result
        let passed = result.status == .pass
        return VerifyStep(
            id: "known_good.models", kind: .knownGood, title: "Known-good request: \(result.title)",
            status: passed ? .pass : .fail,
            outcome: passed ? .ok : .newFailure,
            observedCause: outcome.diagnosis?.cause, summary: result.summary, durationMS: result.durationMS,
            requests: result.evidence.requests, diagnosis: outcome.diagnosis)
    }

    /// Asking for a model that does not exist must come back as a clean `model.not_found`
    /// whose message holds no secret.
    func knownBad(_ endpoint: EndpointURL, key: String, model: String) async -> VerifyStep {
        let title = "Controlled failure: a nonexistent model"
        guard flavor != .azure else {
            return VerifyStep(
                id: "known_bad.model", kind: .knownBad, title: title, status: .skip, outcome: .skipped,
                expectedCause: .modelNotFound,
                summary: "not applicable to Azure (deployments are checked by check's api.model)")
        }
        let start = ContinuousClock.now
        let exchange = await send(
            ProbeRequest(
                label: "GET /v1/models/\(model)", url: apiURL(endpoint, "/models/\(model)"), headers: authHeaders(key),
                proxy: proxy))
        let elapsed = elapsedMS(since: start)
        let diagnosis = exchange.diagnosis()
        let message = diagnosis.evidence.message ?? ""
        let sanitized = !message.contains(key) && !Redactor.containsSecret(message) && !exchange.body.contains(key)
        let clean = exchange.answered && exchange.status == 404 && diagnosis.cause == .modelNotFound && sanitized
        var summary: String
        if clean {
            summary = "404 model.not_found, message sanitized"
        } else if !exchange.answered {
            summary = "no answer: \(diagnosis.cause.rawValue)"
        } else {
            summary = "\(exchange.status ?? 0) \(diagnosis.cause.rawValue)"
            if !sanitized { summary += ", and the answer echoes a secret" }
            summary += " (expected 404 model.not_found)"
        }
        return VerifyStep(
            id: "known_bad.model", kind: .knownBad, title: title, status: clean ? .pass : .fail,
            outcome: clean ? .cleanFailure : .uncleanFailure, expectedCause: .modelNotFound,
            observedCause: diagnosis.cause,
            summary: summary, durationMS: elapsed, requests: [exchange.trace], diagnosis: diagnosis)
    }
}
