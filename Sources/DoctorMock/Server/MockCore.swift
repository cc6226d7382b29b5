import DoctorCore
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared brain of a running mock: state, journal, and the request → answer logic.
///
/// It takes a parsed request and returns the ``PlannedAnswer`` (a value); connection handlers
/// carry that out on their event loop, and tests call it in process. It holds no
/// per-connection state: each connection passes its own ``ConnectionMemory``.
final class MockCore: Sendable {
    let state: MockState
    let journal: Journal
    let dates = HTTPDateCache()
    let startedAt: UInt64
    let isTLS: Bool
    let modelListBody: String
    private let sequence = Atomic<UInt64>(0)

    init(_ configuration: MockConfiguration, isTLS: Bool) {
        state = MockState(configuration)
        journal = Journal(capacity: configuration.journalCapacity)
        startedAt = NIODeadline.now().uptimeNanoseconds
        self.isTLS = isTLS
        modelListBody = OpenAIEndpoints.modelList(configuration.models)
    }

    var configuration: MockConfiguration { state.configuration }

    /// The next journal sequence number (1-based).
    func nextSequence() -> UInt64 { sequence.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Nanoseconds since start.
    func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds &- startedAt }

    // MARK: - Planning

    /// Plans the answer to `request`: the admin API's, or the scenario's with its fault and wait.
    func plan(_ request: MockRequest, connection memory: inout ConnectionMemory) -> PlannedAnswer {
        if Self.route(of: request.path) == .admin {
            return PlannedAnswer(
                reply: AdminAPI.handle(request, core: self), fault: nil, delayMilliseconds: nil,
                keepAlive: request.keepAlive, journal: nil)
        }
        let second = Int(time(nil))
        if memory.date.second != second { memory.date = (second, dates.now()) }
        let (decision, reply) = answer(request, cache: &memory.snapshot, date: memory.date.text)
        let sequence = nextSequence()
        var fingerprint: String?
        if case .key(let key) = request.credential {
            if let lastKey = memory.lastKey, lastKey.key == key {
                fingerprint = lastKey.fingerprint
            } else {
                let computed = KeyFingerprint.fingerprint(key)
                memory.lastKey = (key, computed)
                fingerprint = computed
            }
        }
        var fault: TransportFault?
        if case .fault(let chosen) = decision.step.action { fault = chosen }
        // An upgrade request's connection is not reused for HTTP: the decoder stopped at it.
        let keepAlive = request.keepAlive && request.headers["upgrade"] == nil
        return PlannedAnswer(
            reply: reply, fault: fault, delayMilliseconds: decision.latencyMilliseconds, keepAlive: keepAlive,
            journal: PlannedAnswer.JournalNote(decision: decision, sequence: sequence, fingerprint: fingerprint))
    }

    /// Journals a planned answer once it is out, or broken by its fault.
    func recordAnswered(_ request: MockRequest, _ planned: PlannedAnswer) {
        guard let note = planned.journal else { return }
        record(
            request, decision: note.decision, reply: planned.reply, fault: planned.fault, answeredAt: now(),
            sequence: note.sequence, fingerprint: note.fingerprint)
    }

    /// Whether a new connection is to be reset at once (`fault:reset-on-connect`); journals the reset.
    func resetsNewConnection() -> Bool {
        guard state.resetsOnConnect() else { return false }
        let resetAt = now()
        if configuration.journalEnabled {
            journal.append(
                JournalEntry(
                    sequence: nextSequence(), receivedAtMilliseconds: Double(resetAt) / 1e6,
                    answeredAtMilliseconds: Double(resetAt) / 1e6, method: "", path: "", testID: nil,
                    served: "fault:reset-on-connect", cause: nil, status: nil, fault: .resetOnConnect,
                    retryAfterMilliseconds: nil, keyFingerprint: nil, organization: nil, project: nil, userAgent: nil))
        }
        return true
    }

    /// The whole answer, as bytes to write, to a request NIO's decoder could not parse: 431 for
    /// headers over the limits, else 400; the connection then closes.
    static func unparsableRequestAnswer(_ error: HTTPParserError) -> String {
        let status = error == .headerOverflow ? 431 : 400
        let body = AdminAPI.errorBody(status == 431 ? "request headers too large" : "malformed HTTP request: \(error)")
        return "HTTP/1.1 \(status) \(ScenarioCatalog.reasonPhrase(status))\r\ncontent-type: application/json\r\n"
            + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n\(body)"
    }

    /// The resilience verdict over the journal (all requests, or one test id's).
    func verdict(testID: String?) -> ResilienceVerdict {
        ResilienceVerdict(entries: journal.entries(testID: testID), retryCap: configuration.verdictRetryCap)
    }

    // MARK: - Routing

    enum Route {
        case admin
        case side
        case api
    }

    static func route(of path: String) -> Route {
        if path.hasPrefix("/__mock/") || path == "/__mock" { return .admin }
        switch path {
        case "/cdn-cgi/trace", "/compliance/cookie_requirements", "/proxy/status.openai.com", "/api/v2/status.json",
            "/api/v2/summary.json":
            return .side
        default:
            return .api
        }
    }

    /// The plan a request names in `X-Mock-Scenario`, if valid.
    static func headerPlan(_ request: MockRequest) -> (plan: ScenarioPlan?, invalid: String?) {
        guard let text = request.headers["x-mock-scenario"] else { return (nil, nil) }
        guard let plan = ScenarioPlan(text) else { return (nil, text) }
        return (plan, nil)
    }

    /// Decides the step and builds the reply it stands for (for a fault step, the reply the
    /// fault then breaks: what `ok` would have answered).
    func answer(
        _ request: MockRequest, cache: inout MockState.Snapshot?, date: String? = nil
    ) -> (decision: Decision, reply: Reply) {
        let route = Self.route(of: request.path)
        let testID = request.headers["x-mock-test-id"]
        let (plan, invalid) = Self.headerPlan(request)
        let generation = route == .api && request.method == "POST" ? GenerationRequest(body: request.body) : nil
        if let invalid {
            let body = AdminAPI.errorBody(
                "unknown scenario in X-Mock-Scenario: \(invalid); valid: \(ScenarioCatalog.allNames.joined(separator: ", "))"
            )
            return (Decision(step: ScenarioStep(.answer(.ok))), AdminAPI.json(400, body, context: makeContext(request)))
        }
        let decision = state.decide(
            testID: testID, headerPlan: plan, path: request.path, consumePlan: route == .api, cache: &cache)
        let context = makeContext(request, model: generation?.model, decision: decision, date: date)
        var name: ScenarioName
        switch decision.step.action {
        case .answer(let answer): name = answer
        case .fault: name = .ok
        }
        name = Self.scoped(name, request)
        if request.bodyTooLarge {
            let body = ErrorBody.openAI(
                message: "Request body too large: the mock reads at most \(configuration.maximumBodyBytes) bytes.",
                type: "invalid_request_error", code: nil)
            return (
                decision,
                Reply(
                    CannedResponse(
                        status: 413, reason: "Payload Too Large",
                        headers: HeaderTemplate.openAI(context, bodyLength: body.utf8.count), body: body),
                    cause: .requestInvalid)
            )
        }
        if route == .side {
            return (decision, sideReply(request, name: name, context: context, decision: decision))
        }
        if let cause = name.cause, let canned = ScenarioCatalog.response(for: name, context: context) {
            return (decision, Reply(canned, cause: cause))
        }
        return (
            decision,
            okReply(
                request, context: context, generation: generation ?? GenerationRequest(body: nil), decision: decision)
        )
    }

    /// Scenarios that refuse only some requests, as the API would: the residency 401 everywhere but
    /// on the regional host it names, the Responses scope only on `POST /v1/responses`.
    static func scoped(_ name: ScenarioName, _ request: MockRequest) -> ScenarioName {
        switch (name.cause, name.variant) {
        case (.endpointWrong?, "incorrect-hostname"?):
            let host = request.headers["host"].map { $0.split(separator: ":").first.map(String.init) ?? $0 }
            return host?.lowercased() == Messages.residencyHost ? .ok : name
        case (.keyInsufficientScopes?, "responses-write"?):
            return request.path == "/v1/responses" ? name : .ok
        default:
            return name
        }
    }

    // MARK: - Context

    func makeContext(
        _ request: MockRequest, model: String? = nil, decision: Decision? = nil, date: String? = nil
    ) -> ScenarioContext {
        let a = state.nextID()
        let b = state.nextID()
        let hexA = hex16(a)
        let hexB = hex16(b)
        let organization =
            decision?.organization ?? request.headers["openai-organization"]
            ?? "user-mockdoctor0organization00"
        let project = decision?.project ?? request.headers["openai-project"]
        var presented: String?
        if case .key(let key) = request.credential { presented = key }
        return ScenarioContext(
            requestID: "req_" + hexA + hexB, legacyRequestID: hexB + hexA, uuid: uuidString(a, b),
            cfRay: hexA + "-" + (decision?.trace.colo ?? "SJC"), date: date ?? dates.now(), organization: organization,
            project: project, method: request.method, path: request.path, model: model, presentedKey: presented,
            host: request.headers["host"] ?? "127.0.0.1")
    }

    // MARK: - Side endpoints

    func sideReply(_ request: MockRequest, name: ScenarioName, context: ScenarioContext, decision: Decision) -> Reply {
        if let cause = name.cause, cause == .proxyBlocked || cause == .proxyAuthRequired,
            let canned = ScenarioCatalog.response(for: name, context: context)
        {
            return Reply(canned, cause: cause)
        }
        let (trace, incident) = (decision.trace, decision.incident)
        switch request.path {
        case "/cdn-cgi/trace":
            if name.cause == .edgeBlocked, let canned = ScenarioCatalog.response(for: name, context: context) {
                return Reply(canned, cause: .edgeBlocked)
            }
            let body = EdgeEndpoints.trace(
                trace, host: context.host, userAgent: request.headers["user-agent"] ?? "",
                tls: isTLS, now: HTTPDateCache.unixTime())
            return plain(200, body, contentType: "text/plain", context: context)
        case "/compliance/cookie_requirements":
            if name.cause == .regionUnsupported {
                return Reply(ScenarioCatalog.cookieRequirementsBlocked(context: context), cause: .regionUnsupported)
            }
            if let cause = name.cause, cause == .edgeBlocked,
                let canned = ScenarioCatalog.response(for: name, context: context)
            {
                return Reply(canned, cause: cause)
            }
            return plain(200, EdgeEndpoints.cookieRequirements, contentType: "application/json", context: context)
        case "/proxy/status.openai.com":
            return plain(
                200, EdgeEndpoints.incidentIOSummary(incident), contentType: "application/json", context: context)
        case "/api/v2/status.json":
            return plain(
                200, EdgeEndpoints.atlassianStatus(incident), contentType: "application/json", context: context)
        default:
            return plain(
                200, EdgeEndpoints.atlassianSummary(incident), contentType: "application/json", context: context)
        }
    }

    func plain(_ status: Int, _ body: String, contentType: String, context: ScenarioContext) -> Reply {
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "date", value: date) }
        headers.append(name: "content-type", value: contentType)
        headers.append(name: "content-length", value: String(body.utf8.count))
        headers.append(name: "connection", value: "keep-alive")
        headers.append(name: "server", value: "cloudflare")
        headers.append(name: "cf-ray", value: context.cfRay)
        return Reply(
            CannedResponse(status: status, reason: ScenarioCatalog.reasonPhrase(status), headers: headers, body: body),
            cause: nil)
    }

    // MARK: - The `ok` scenario

    /// Checks credentials the way the API does, then serves the endpoint.
    func okReply(
        _ request: MockRequest, context: ScenarioContext, generation: GenerationRequest, decision: Decision
    ) -> Reply {
        let knownRoute = Self.knownAPIRoute(method: request.method, path: request.path)
        guard knownRoute else {
            return Reply(
                ScenarioCatalog.invalidURL(method: request.method, path: request.path, context: context),
                cause: .endpointWrong)
        }
        if let refusal = credentialRefusal(request, context: context, decision: decision) { return refusal }
        let models = configuration.models
        let id = hex16(state.nextID())
        switch (request.method, request.path) {
        case ("GET", "/v1/models"):
            return success(modelListBody, context: context)
        case ("GET", "/v1/realtime"):
            return RealtimeEndpoint.reply(request, context: context, configured: models, id: id)
        case ("GET", _) where request.path.hasPrefix("/v1/models/"):
            let model = String(request.path.dropFirst("/v1/models/".count))
            guard models.contains(model) else {
                return Reply(ScenarioCatalog.unknownModel(model, context: context), cause: .modelNotFound)
            }
            return success(OpenAIEndpoints.modelObject(model).pretty + "\n", context: context)
        default:
            break
        }
        if generation.unparsable {
            let body = ErrorBody.openAI(
                message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
                    + "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
                    + "valid JSON. If you have trouble figuring out how to fix this, please contact us through our help "
                    + "center at help.openai.com.)",
                type: "invalid_request_error", code: nil)
            return Reply(
                CannedResponse(
                    status: 400, reason: "Bad Request",
                    headers: HeaderTemplate.openAI(context, bodyLength: body.utf8.count), body: body),
                cause: .requestInvalid)
        }
        guard let model = generation.model else {
            let body = ErrorBody.openAI(
                message: "you must provide a model parameter", type: "invalid_request_error", code: nil)
            return Reply(
                CannedResponse(
                    status: 400, reason: "Bad Request",
                    headers: HeaderTemplate.openAI(context, bodyLength: body.utf8.count), body: body),
                cause: .requestInvalid)
        }
        guard models.contains(model) else {
            return Reply(ScenarioCatalog.unknownModel(model, context: context), cause: .modelNotFound)
        }
        let rateLimits = HeaderTemplate.rateLimit(
            limitRequests: 500, limitTokens: 30000, remainingRequests: 499, remainingTokens: 29_975,
            resetRequests: .milliseconds(120), resetTokens: .milliseconds(50))
        switch request.path {
        case "/v1/chat/completions":
            if generation.stream {
                return events(
                    OpenAIEndpoints.chatCompletionEvents(model: model, id: id, includeUsage: generation.includeUsage),
                    context: context, extra: rateLimits)
            }
            return success(OpenAIEndpoints.chatCompletion(model: model, id: id), context: context, extra: rateLimits)
        case "/v1/responses":
            if generation.stream {
                return events(OpenAIEndpoints.responseEvents(model: model, id: id), context: context, extra: rateLimits)
            }
            return success(OpenAIEndpoints.response(model: model, id: id), context: context, extra: rateLimits)
        default:
            let inputs = generation.inputs.isEmpty ? [""] : Array(generation.inputs.prefix(2048))
            return success(
                OpenAIEndpoints.embeddings(
                    model: model, inputs: inputs, dimensions: generation.dimensions, base64: generation.base64),
                context: context, extra: rateLimits)
        }
    }

    static func knownAPIRoute(method: String, path: String) -> Bool {
        switch (method, path) {
        case ("GET", "/v1/models"), ("POST", "/v1/chat/completions"), ("POST", "/v1/responses"),
            ("POST", "/v1/embeddings"),
            ("GET", "/v1/realtime"):
            return true
        case ("GET", _):
            return path.hasPrefix("/v1/models/") && path.count > "/v1/models/".count
        default:
            return false
        }
    }

    /// The 401 the real API gives for missing, wrong or mismatched credentials, if any.
    func credentialRefusal(_ request: MockRequest, context: ScenarioContext, decision: Decision) -> Reply? {
        let (keys, organization, project) = (decision.acceptedKeys, decision.organization, decision.project)
        switch request.credential {
        case .none, .emptyBearer:
            return canned(.keyMissing, nil, context)
        case .unsupportedScheme:
            return canned(.keyMissing, "missing-bearer", context)
        case .key(let key):
            if !keys.isEmpty, !keys.contains(key) { return canned(.keyInvalid, nil, context) }
        }
        if let organization, let sent = request.headers["openai-organization"], sent != organization {
            return canned(.orgMismatch, nil, context)
        }
        if let project, let sent = request.headers["openai-project"], sent != project {
            return canned(.projectMismatch, nil, context)
        }
        return nil
    }

    func canned(_ cause: CauseID, _ variant: String?, _ context: ScenarioContext) -> Reply? {
        ScenarioCatalog.response(for: ScenarioName(cause: cause, variant: variant), context: context)
            .map { Reply($0, cause: cause) }
    }

    func success(_ body: String, context: ScenarioContext, extra: [HeaderField] = []) -> Reply {
        Reply(
            CannedResponse(
                status: 200, reason: "OK",
                headers: HeaderTemplate.openAI(context, bodyLength: body.utf8.count, extra: extra), body: body),
            cause: nil)
    }

    func events(_ events: [String], context: ScenarioContext, extra: [HeaderField]) -> Reply {
        var headers = HeaderTemplate.openAI(
            context, contentType: "text/event-stream; charset=utf-8", bodyLength: 0, extra: extra)
        headers = HeaderFields(
            headers.fields.map {
                $0.name == "content-length" ? HeaderField(name: "transfer-encoding", value: "chunked") : $0
            })
        return Reply(status: 200, headers: headers, events: events)
    }

    // MARK: - Journal

    func record(
        _ request: MockRequest, decision: Decision, reply: Reply?, fault: TransportFault?, answeredAt: UInt64,
        sequence: UInt64, fingerprint: String?
    ) {
        guard configuration.journalEnabled else { return }
        journal.append(
            JournalEntry(
                sequence: sequence,
                receivedAtMilliseconds: Double(request.receivedAt) / 1e6,
                answeredAtMilliseconds: Double(answeredAt) / 1e6,
                method: request.method, path: request.path,
                testID: request.headers["x-mock-test-id"],
                served: decision.servedName,
                cause: fault == nil ? reply?.cause : nil,
                status: fault == nil ? reply?.status : nil,
                fault: fault,
                retryAfterMilliseconds: fault == nil && (reply?.status ?? 0) >= 400
                    ? reply?.retryAfterMilliseconds : nil,
                keyFingerprint: fingerprint,
                organization: request.headers["openai-organization"],
                project: request.headers["openai-project"],
                userAgent: request.headers["user-agent"]))
    }
}

/// A version-4-shaped UUID from two random words, written in one pass.
func uuidString(_ a: UInt64, _ b: UInt64) -> String {
    String(unsafeUninitializedCapacity: 36) { buffer in
        var nibbleIndex = 0
        for i in 0..<36 {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                buffer[i] = UInt8(ascii: "-")
                continue
            }
            let word = nibbleIndex < 16 ? a : b
            var nibble = UInt8(truncatingIfNeeded: (word >> UInt64(60 - 4 * (nibbleIndex % 16))) & 0xF)
            if nibbleIndex == 12 { nibble = 4 }
            if nibbleIndex == 16 { nibble = 8 | (nibble & 3) }
            buffer[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            nibbleIndex += 1
        }
        return 36
    }
}
