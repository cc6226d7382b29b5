import DoctorCore

/// The name of one canned answer: `ok`, or a cause id with an optional variant.
///
/// The string form is the cause id, optionally followed by `@` and a variant: an era where
/// the wording changed (`billing.quota_exceeded@2023`) or another real shape of the same
/// cause (`server.error@cloudflare-502`). Without a variant the current wording is served.
///
/// ```swift
/// ScenarioName("rate_limit.exceeded@2023")   // cause .rateLimitExceeded, variant "2023"
/// ScenarioName.ok.description                // "ok"
/// ```
public struct ScenarioName: Sendable, Hashable, LosslessStringConvertible, Codable {
    /// The cause this answer shows; `nil` for `ok`.
    public var cause: CauseID?
    /// The variant (an era such as `2023`, or a named shape); `nil` for the default.
    public var variant: String?

    /// The `ok` scenario: a working API that still checks credentials.
    public static let ok = ScenarioName(cause: nil)

    /// Creates a scenario name.
    public init(cause: CauseID?, variant: String? = nil) {
        self.cause = cause
        self.variant = variant
    }

    /// Parses `ok`, `CAUSE-ID` or `CAUSE-ID@VARIANT`; `nil` when the cause has no HTTP answer
    /// or the variant is not in ``ScenarioCatalog``.
    public init?(_ description: String) {
        let parts = description.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let id = String(parts[0])
        let variant = parts.count > 1 ? String(parts[1]) : nil
        if id == "ok" {
            guard variant == nil else { return nil }
            self = .ok
            return
        }
        guard let cause = CauseID(rawValue: id), cause.isShownByHTTPAnswer else { return nil }
        if let variant {
            guard ScenarioCatalog.variants(of: cause).contains(variant) else { return nil }
        }
        self.init(cause: cause, variant: variant)
    }

    /// `ok`, `CAUSE-ID` or `CAUSE-ID@VARIANT`.
    public var description: String {
        guard let cause else { return "ok" }
        return variant.map { "\(cause.rawValue)@\($0)" } ?? cause.rawValue
    }

    /// Decodes from the string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let name = ScenarioName(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown scenario \(text)"))
        }
        self = name
    }

    /// Encodes the string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A failure below HTTP that the mock can inject instead of an answer.
///
/// These show the causes no HTTP answer can (`network.connect`, `network.timeout`) and the
/// broken framings a client must survive. Names are the string form after `fault:`.
public enum TransportFault: String, Sendable, Hashable, CaseIterable, Codable {
    /// Read the request, then reset the connection (RST, via `SO_LINGER` 0) instead of answering.
    case reset
    /// Reset the connection (RST) as soon as it is accepted, before TLS or any request: what a
    /// client sees as "connection reset" while connecting. Chosen at accept time, so only the
    /// server-wide plan or a fault rule can select it (a request header comes too late).
    case resetOnConnect = "reset-on-connect"
    /// Read the request, then close without any answer (EOF).
    case close
    /// Read the request and never answer (a black hole); the connection is held until the client gives up.
    case blackhole
    /// Send the status line and headers one line at a time, slowly.
    case slowHeaders = "slow-headers"
    /// Send the headers, then the body a few bytes at a time, slowly.
    case dribble
    /// Announce a longer `Content-Length` than the body sent, then close.
    case truncated
    /// Send `Transfer-Encoding: chunked` with a chunk size line that is not hexadecimal.
    case malformedChunked = "malformed-chunked"
    /// Send bytes that are not HTTP, then close.
    case garbage
    /// Start a server-sent event stream and cut the connection in the middle of it (on the
    /// Realtime handshake: the 101, then half of the first frame).
    case sseCut = "sse-cut"
    /// Start a server-sent event stream and stop sending, keeping the connection open (on the
    /// Realtime handshake: the 101, then no event).
    case sseStall = "sse-stall"
}

/// One step of a ``ScenarioPlan``: an HTTP answer or a transport fault, served `times` times.
public struct ScenarioStep: Sendable, Hashable, LosslessStringConvertible, Codable {
    /// What a step serves.
    public enum Action: Sendable, Hashable {
        /// A canned HTTP answer.
        case answer(ScenarioName)
        /// A transport fault.
        case fault(TransportFault)
    }

    /// What this step serves.
    public var action: Action
    /// How many requests this step answers; `nil` for the last step, which repeats forever.
    public var times: Int?

    /// Creates a step.
    public init(_ action: Action, times: Int? = nil) {
        self.action = action
        self.times = times
    }

    /// Parses `NAME`, `NAME*N`, `fault:KIND` or `fault:KIND*N`.
    public init?(_ description: String) {
        var text = Substring(description)
        var times: Int?
        if let star = text.lastIndex(of: "*") {
            guard let count = Int(text[text.index(after: star)...]), count > 0, count <= 1_000_000 else { return nil }
            times = count
            text = text[..<star]
        }
        if text.hasPrefix("fault:") {
            guard let fault = TransportFault(rawValue: String(text.dropFirst("fault:".count))) else { return nil }
            self.init(.fault(fault), times: times)
        } else {
            guard let name = ScenarioName(String(text)) else { return nil }
            self.init(.answer(name), times: times)
        }
    }

    /// The string form (`rate_limit.exceeded*2`, `fault:reset`).
    public var description: String {
        let base: String
        switch action {
        case .answer(let name): base = name.description
        case .fault(let fault): base = "fault:" + fault.rawValue
        }
        return times.map { "\(base)*\($0)" } ?? base
    }

    /// Decodes from the string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let step = ScenarioStep(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown step \(text)"))
        }
        self = step
    }

    /// Encodes the string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// What the mock serves over successive requests: one scenario, or a sequence of steps.
///
/// The string form is steps separated by commas; each step but the last may carry `*N`.
/// The last step repeats once the others are used up.
///
/// ```swift
/// ScenarioPlan("rate_limit.exceeded*2,ok")   // 429 twice, then ok for ever
/// ScenarioPlan("ok*1,server.overloaded")     // one success, then 503s
/// ScenarioPlan("fault:reset*1,ok")           // one reset, then ok
/// ```
public struct ScenarioPlan: Sendable, Hashable, LosslessStringConvertible, Codable {
    /// The steps in order.
    public var steps: [ScenarioStep]

    /// A plan that always serves `name`.
    public init(_ name: ScenarioName) {
        self.steps = [ScenarioStep(.answer(name))]
    }

    /// A plan made of `steps` (at least one).
    public init?(steps: [ScenarioStep]) {
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    /// Parses the comma-separated string form.
    public init?(_ description: String) {
        let parts = description.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmed() }
        guard !parts.isEmpty, parts.count <= 64 else { return nil }
        var steps: [ScenarioStep] = []
        for part in parts {
            guard let step = ScenarioStep(String(part)) else { return nil }
            steps.append(step)
        }
        self.init(steps: steps)
    }

    /// The always-`ok` plan.
    public static let ok = ScenarioPlan(.ok)

    /// The comma-separated string form.
    public var description: String { steps.map(\.description).joined(separator: ",") }

    /// The step that answers the request numbered `index` (0-based) under this plan.
    public func step(at index: Int) -> ScenarioStep {
        var remaining = index
        for step in steps.dropLast() {
            let count = step.times ?? 1
            if remaining < count { return step }
            remaining -= count
        }
        return steps[steps.count - 1]
    }

    /// Decodes from the string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let plan = ScenarioPlan(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown plan \(text)"))
        }
        self = plan
    }

    /// Encodes the string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
