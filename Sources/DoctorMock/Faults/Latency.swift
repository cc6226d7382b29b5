import DoctorCore

/// A distribution of added response latency.
public enum LatencyDistribution: Sendable, Equatable, Codable {
    /// Always the same delay, in milliseconds.
    case fixed(milliseconds: Double)
    /// Uniform between two delays, in milliseconds.
    case uniform(minimumMilliseconds: Double, maximumMilliseconds: Double)
    /// Log-normal around a median, in milliseconds, with `sigma` the log-space spread (0.5 is typical).
    case lognormal(medianMilliseconds: Double, sigma: Double)

    /// One draw, in milliseconds, never negative and at most ten minutes.
    public func draw(_ random: inout SeededRandom) -> Double {
        let value: Double
        switch self {
        case .fixed(let ms): value = ms
        case .uniform(let low, let high): value = low + (high - low) * random.unit()
        case .lognormal(let median, let sigma): value = median * exponential(sigma * random.normal())
        }
        return min(max(value, 0), 600_000)
    }

    /// Parses `fixed:MS`, `uniform:MIN-MAX` or `lognormal:MEDIAN[:SIGMA]` (milliseconds).
    public init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard let kind = parts.first else { return nil }
        switch (kind, parts.count) {
        case ("fixed", 2):
            guard let ms = Double(parts[1]), ms.isFinite, ms >= 0 else { return nil }
            self = .fixed(milliseconds: ms)
        case ("uniform", 2):
            let bounds = parts[1].split(separator: "-").compactMap { Double($0) }
            guard bounds.count == 2, bounds.allSatisfy(\.isFinite), bounds[0] >= 0, bounds[1] >= bounds[0] else {
                return nil
            }
            self = .uniform(minimumMilliseconds: bounds[0], maximumMilliseconds: bounds[1])
        case ("lognormal", 2), ("lognormal", 3):
            guard let median = Double(parts[1]), median.isFinite, median >= 0 else { return nil }
            let sigma = parts.count == 3 ? Double(parts[2]) : 0.5
            guard let sigma, sigma >= 0, sigma <= 5 else { return nil }
            self = .lognormal(medianMilliseconds: median, sigma: sigma)
        default:
            return nil
        }
    }
}

/// Added latency for the requests whose path starts with `routePrefix` (every request when `nil`).
public struct LatencyRule: Sendable, Equatable, Codable {
    /// The path prefix the rule applies to; `nil` for all.
    public var routePrefix: String?
    /// The distribution of the delay.
    public var distribution: LatencyDistribution

    /// Creates a rule.
    public init(_ distribution: LatencyDistribution, routePrefix: String? = nil) {
        self.distribution = distribution
        self.routePrefix = routePrefix
    }

    /// The rule's written form, the one `mock --latency` and `POST /__mock/latency` both read.
    public static let syntax = "fixed:MS, uniform:MIN-MAX or lognormal:MEDIAN[:SIGMA], optionally @/ROUTE"

    /// Parses `DISTRIBUTION[@/ROUTE]` (``LatencyDistribution`` for the distribution); `nil` when
    /// malformed, the empty text included.
    public init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let distribution = LatencyDistribution(String(first)) else { return nil }
        var route: String?
        if parts.count == 2 {
            guard parts[1].hasPrefix("/") else { return nil }
            route = String(parts[1])
        }
        self.init(distribution, routePrefix: route)
    }

    func applies(to path: String) -> Bool { routePrefix.map { path.hasPrefix($0) } ?? true }
}

/// A transport fault injected with some probability on matching requests.
public struct FaultRule: Sendable, Equatable, Codable {
    /// The fault.
    public var fault: TransportFault
    /// The chance, from 0 to 1, that a matching request gets it.
    public var probability: Double
    /// The path prefix the rule applies to; `nil` for all.
    public var routePrefix: String?

    /// Creates a rule.
    public init(_ fault: TransportFault, probability: Double = 1, routePrefix: String? = nil) {
        self.fault = fault
        self.probability = min(max(probability, 0), 1)
        self.routePrefix = routePrefix
    }

    /// Parses `KIND[:PROBABILITY][@ROUTE-PREFIX]`, e.g. `reset:0.1@/v1/chat`.
    public init?(_ text: String) {
        var spec = Substring(text)
        var route: String?
        if let at = spec.firstIndex(of: "@") {
            route = String(spec[spec.index(after: at)...])
            guard route?.hasPrefix("/") == true else { return nil }
            spec = spec[..<at]
        }
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let fault = TransportFault(rawValue: first) else { return nil }
        var probability = 1.0
        if parts.count == 2 {
            guard let p = Double(parts[1]), p >= 0, p <= 1 else { return nil }
            probability = p
        }
        self.init(fault, probability: probability, routePrefix: route)
    }

    func applies(to path: String) -> Bool { routePrefix.map { path.hasPrefix($0) } ?? true }
}
