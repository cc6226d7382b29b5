import DoctorCore
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The control API under `/__mock/`: switch scenarios, faults, latency, edge settings;
/// reset; read the journal and the resilience verdict. Bad requests get a 400 with a JSON
/// message; the admin API is never journaled, delayed or faulted.
///
/// | method and path | body or query | does |
/// |---|---|---|
/// | `GET /__mock/health` | | `{"status":"ok"}` |
/// | `GET /__mock/scenarios` | | every valid scenario and fault name |
/// | `GET /__mock/scenario` | `?test_id=` | the plan in force |
/// | `POST /__mock/scenario` | `{"scenario": "rate_limit.exceeded*2,ok", "test_id": "t1"}` | switches (one test id, or everyone) |
/// | `POST /__mock/reset` | `{"test_id": "t1"}` or nothing | forgets a test's plan and journal, or resets everything |
/// | `GET /__mock/journal` | `?test_id=&limit=` | entries, oldest first, and the verdict |
/// | `DELETE /__mock/journal` | `?test_id=` | clears the journal |
/// | `POST /__mock/faults` | `{"faults": ["reset:0.1@/v1/chat"], "seed": 7}` | replaces the fault rules |
/// | `POST /__mock/latency` | `{"latency": ["lognormal:80:0.5@/v1/"]}` | replaces the latency rules |
/// | `POST /__mock/trace` | `{"ip": "…", "loc": "RU", "colo": "…", "warp": "on", "gateway": "off"}` | what `/cdn-cgi/trace` says |
/// | `POST /__mock/incident` | `{"name": "…", "impact": "major", "component": "…"}`, or `{"name": null}` | the status pages' incident |
/// | `POST /__mock/credentials` | `{"keys": […], "organization": "org-…", "project": "proj_…"}` | what `ok` accepts |
enum AdminAPI {
    struct Failure: Error {
        var status: Int
        var message: String
    }

    static func errorBody(_ message: String) -> String {
        ErrorBody.compact(["message": .string(message), "type": .string("mock_admin_error")])
    }

    static func json(_ status: Int, _ body: String, context: ScenarioContext) -> Reply {
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "date", value: date) }
        headers.append(name: "content-type", value: "application/json")
        headers.append(name: "content-length", value: String(body.utf8.count))
        headers.append(name: "connection", value: "keep-alive")
        return Reply(
            CannedResponse(status: status, reason: ScenarioCatalog.reasonPhrase(status), headers: headers, body: body),
            cause: nil)
    }

    /// Handles one admin request.
    static func handle(_ request: MockRequest, core: MockCore) -> Reply {
        let context = core.makeContext(request)
        do {
            let (status, body) = try route(request, core: core)
            return json(status, body, context: context)
        } catch let failure as Failure {
            return json(failure.status, errorBody(failure.message), context: context)
        } catch {
            return json(400, errorBody("\(error)"), context: context)
        }
    }

    static func object(_ request: MockRequest, optional: Bool = false) throws -> [String: JSONBody] {
        guard let body = request.body, !body.isEmpty else {
            if optional { return [:] }
            throw Failure(status: 400, message: "a JSON object body is required")
        }
        guard let object = JSONBody.parse(body)?.object else {
            throw Failure(status: 400, message: "the body is not a JSON object")
        }
        return object
    }

    static func string(_ object: [String: JSONBody], _ key: String) throws -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let text = value.string else { throw Failure(status: 400, message: "\"\(key)\" must be a string") }
        return text
    }

    static func strings(_ object: [String: JSONBody], _ key: String) throws -> [String] {
        guard let value = object[key] else { throw Failure(status: 400, message: "\"\(key)\" is required") }
        guard let list = value.strings else {
            throw Failure(status: 400, message: "\"\(key)\" must be an array of strings")
        }
        return list
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct PlanReply: Encodable {
        var scenario: String
        var testID: String?
        enum CodingKeys: String, CodingKey {
            case scenario
            case testID = "test_id"
        }
    }

    struct JournalReply: Encodable {
        var capacity: Int
        var entries: [JournalEntry]
        var verdict: ResilienceVerdict
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func route(_ request: MockRequest, core: MockCore) throws -> (Int, String) {
        let state = core.state
        switch (request.method, request.path) {
        case ("GET", "/__mock/health"):
            return (200, #"{"status":"ok"}"#)
        case ("GET", "/__mock/scenarios"):
            struct Names: Encodable {
                var scenarios: [String]
                var faults: [String]
            }
            return (
                200,
                try encode(
                    Names(
                        scenarios: ScenarioCatalog.allNames,
                        faults: TransportFault.allCases.map { "fault:" + $0.rawValue }))
            )
        case ("GET", "/__mock/scenario"):
            let testID = request.queryValue("test_id")
            let plan = state.read { s in testID.flatMap { s.testPlans[$0] } ?? s.plan }
            return (200, try encode(PlanReply(scenario: plan.description, testID: testID)))
        case ("POST", "/__mock/scenario"), ("PUT", "/__mock/scenario"):
            let object = try object(request)
            guard let text = try string(object, "scenario") else {
                throw Failure(status: 400, message: "\"scenario\" is required")
            }
            guard let plan = ScenarioPlan(text) else {
                throw Failure(
                    status: 400,
                    message: "unknown scenario \(text); valid: \(ScenarioCatalog.allNames.joined(separator: ", "))")
            }
            let testID = try string(object, "test_id")
            state.setPlan(plan, testID: testID)
            return (200, try encode(PlanReply(scenario: plan.description, testID: testID)))
        case ("POST", "/__mock/reset"):
            let testID = try string(try object(request, optional: true), "test_id")
            state.reset(testID: testID)
            core.journal.clear(testID: testID)
            return (200, #"{"reset":true}"#)
        case ("GET", "/__mock/journal"):
            let testID = request.queryValue("test_id")
            var entries = core.journal.entries(testID: testID)
            if let limitText = request.queryValue("limit") {
                guard let limit = Int(limitText), limit >= 0 else {
                    throw Failure(status: 400, message: "limit must be a whole number")
                }
                entries = Array(entries.suffix(limit))
            }
            let verdict = ResilienceVerdict(entries: entries, retryCap: core.configuration.verdictRetryCap)
            return (200, try encode(JournalReply(capacity: core.journal.capacity, entries: entries, verdict: verdict)))
        case ("DELETE", "/__mock/journal"):
            core.journal.clear(testID: request.queryValue("test_id"))
            return (200, #"{"cleared":true}"#)
        case ("POST", "/__mock/faults"):
            let object = try object(request)
            var rules: [FaultRule] = []
            for text in try strings(object, "faults") {
                guard let rule = FaultRule(text) else {
                    throw Failure(
                        status: 400,
                        message: "bad fault rule \(text): use KIND[:PROBABILITY][@/ROUTE], kinds: "
                            + TransportFault.allCases.map { $0.rawValue }.joined(separator: ", "))
                }
                rules.append(rule)
            }
            var seed: UInt64?
            if let value = object["seed"] {
                guard let number = value.integer, number >= 0 else {
                    throw Failure(status: 400, message: "seed must be a whole number")
                }
                seed = UInt64(number)
            }
            state.update { s in
                s.faults = rules
                if let seed { s.random = SeededRandom(seed: seed) }
            }
            return (200, #"{"faults":"# + String(rules.count) + "}")
        case ("POST", "/__mock/latency"):
            let object = try object(request)
            var rules: [LatencyRule] = []
            for text in try strings(object, "latency") {
                guard let rule = LatencyRule(text) else {
                    throw Failure(status: 400, message: "bad latency rule \(text): use \(LatencyRule.syntax)")
                }
                rules.append(rule)
            }
            state.update { $0.latency = rules }
            return (200, #"{"latency":"# + String(rules.count) + "}")
        case ("POST", "/__mock/trace"):
            let object = try object(request)
            var trace = state.read { $0.trace }
            for key in object.keys where !["ip", "loc", "colo", "warp", "gateway"].contains(key) {
                throw Failure(status: 400, message: "unknown trace field \(key)")
            }
            if let ip = try string(object, "ip") { trace.ip = ip }
            if let loc = try string(object, "loc") { trace.loc = loc }
            if let colo = try string(object, "colo") { trace.colo = colo }
            if let warp = try string(object, "warp") { trace.warp = warp }
            if let gateway = try string(object, "gateway") { trace.gateway = gateway }
            let updated = trace
            state.update { $0.trace = updated }
            return (200, try encode(updated))
        case ("POST", "/__mock/incident"):
            let object = try object(request)
            guard let name = try string(object, "name") else {
                state.update { $0.incident = nil }
                return (200, #"{"incident":null}"#)
            }
            let impact = try string(object, "impact") ?? "major"
            guard ["minor", "major", "critical"].contains(impact) else {
                throw Failure(status: 400, message: "impact must be minor, major or critical")
            }
            let incident = StatusIncident(
                name: name, impact: impact, component: try string(object, "component") ?? "Chat Completions")
            state.update { $0.incident = incident }
            return (200, try encode(incident))
        case ("POST", "/__mock/credentials"):
            let object = try object(request)
            let keys = object["keys"] == nil ? nil : try strings(object, "keys")
            let organization = try string(object, "organization")
            let project = try string(object, "project")
            state.update { s in
                if let keys { s.acceptedKeys = keys }
                s.organization = organization
                s.project = project
            }
            return (200, #"{"credentials":"updated"}"#)
        default:
            let known = [
                "/__mock/health", "/__mock/scenarios", "/__mock/scenario", "/__mock/reset", "/__mock/journal",
                "/__mock/faults", "/__mock/latency", "/__mock/trace", "/__mock/incident", "/__mock/credentials",
            ]
            if known.contains(request.path) {
                throw Failure(status: 405, message: "\(request.method) is not allowed on \(request.path)")
            }
            throw Failure(
                status: 404, message: "no admin endpoint \(request.path); see \(known.joined(separator: ", "))")
        }
    }
}
