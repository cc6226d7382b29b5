public import DoctorCore
import DoctorProbes

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the monitor takes from one ``CheckReport``: each check's observation, the phase timings,
/// the rate-limit windows, the egress country, the status-page indicator, and whether the API
/// asked the probes to slow down.
///
/// Built once per run by ``init(report:now:)`` and read by the state machines, the schedule and
/// the metrics, so the report is interpreted in one place. Nothing in it is secret.
public struct MonitorSnapshot: Sendable, Equatable {
    /// One check's observation, in report order.
    public struct CheckSample: Sendable, Equatable {
        /// The check's id (`api.models`).
        public var id: String
        /// What this run says about it.
        public var observation: CheckObservation
        /// The check's one-line summary (secret-free, as the report writes it).
        public var summary: String
    }

    /// One phase of one request.
    public struct PhaseSample: Sendable, Equatable {
        /// The check whose request it was.
        public var check: String
        /// The phase (`dns`, `connect`, `proxy`, `tls`, `first_byte`).
        public var phase: PhaseTiming.Phase
        /// How long it took.
        public var duration: Duration
    }

    /// One rate-limit window as the API's `x-ratelimit-limit-*` / `x-ratelimit-remaining-*` headers state it.
    public struct RateLimitWindow: Sendable, Equatable {
        /// The header's suffix: `requests`, `tokens`, or another window the API names.
        public var window: String
        /// The window's limit, when stated.
        public var limit: Double?
        /// What remains of it, when stated.
        public var remaining: Double?

        /// Creates a window reading.
        public init(window: String, limit: Double?, remaining: Double?) {
            self.window = window
            self.limit = limit
            self.remaining = remaining
        }
    }

    /// Where the requests leave from, as Cloudflare's trace says.
    public struct Egress: Sendable, Equatable {
        /// The two-letter country (`loc`), `XX` or `T1` when Cloudflare does not know.
        public var country: String
        /// The Cloudflare data centre (`colo`), when stated.
        public var colo: String?

        /// Creates an egress reading.
        public init(country: String, colo: String?) {
            self.country = country
            self.colo = colo
        }
    }

    /// The phases exported as latency histograms.
    public static let exportedPhases: [PhaseTiming.Phase] = [.dns, .connect, .proxy, .tls, .firstByte]
    /// At most this many rate-limit windows are exported (a bound on label values).
    public static let maxRateLimitWindows = 8

    /// Every check that ran, in report order.
    public var checks: [CheckSample]
    /// The run as a whole: up when the verdict is `ok`, down with the primary cause otherwise.
    public var verdict: CheckObservation
    /// The primary cause, if any.
    public var primaryCause: CauseID?
    /// Every exported phase of every request.
    public var phases: [PhaseSample]
    /// The rate-limit windows seen (the last request stating one wins).
    public var rateLimits: [RateLimitWindow]
    /// The egress country, when the trace was read.
    public var egress: Egress?
    /// The status page's indicator (`none`, `minor`, `major`, `critical`), when it was read.
    public var statusIndicator: String?
    /// Whether the API rate-limited the probes, and the wait it stated.
    public var pacing: MonitorSchedule.RunPacing

    /// Reads a report.
    ///
    /// - Parameters:
    ///   - report: One run's report.
    ///   - now: The current time, to turn an HTTP-date `retry-after` into a wait.
    public init(report: CheckReport, now: Date = Date()) {
        checks = report.checks.map { CheckSample(id: $0.id, observation: CheckObservation($0), summary: $0.summary) }
        verdict = CheckObservation(verdictOf: report)
        primaryCause = report.diagnosis?.cause

        var phases: [PhaseSample] = []
        var windows: [String: RateLimitWindow] = [:]
        var windowOrder: [String] = []
        var rateLimited = report.diagnosis?.cause == .rateLimitExceeded
        var serverWait: Duration?
        for check in report.checks {
            if check.evidence.cause == .rateLimitExceeded { rateLimited = true }
            for request in check.evidence.requests {
                for timing in request.phases where Self.exportedPhases.contains(timing.phase) {
                    phases.append(
                        PhaseSample(check: check.id, phase: timing.phase, duration: .milliseconds(timing.durationMS)))
                }
                for (window, limit, remaining) in Self.rateLimitHeaders(request.responseHeaders) {
                    if windows[window] == nil {
                        guard windowOrder.count < Self.maxRateLimitWindows else { continue }
                        windowOrder.append(window)
                    }
                    windows[window] = RateLimitWindow(window: window, limit: limit, remaining: remaining)
                }
                if request.status == 429, check.evidence.cause == .rateLimitExceeded,
                    let wait = ServerWait.stated(
                        in: request.responseHeaders, message: check.evidence.answer?.message, now: now)
                {
                    serverWait = max(serverWait ?? .zero, wait.duration)
                }
            }
        }
        self.phases = phases
        rateLimits = windowOrder.compactMap { windows[$0] }
        pacing = rateLimited ? .rateLimited(serverWait: serverWait) : .normal

        let trace = report.check(CheckID.trace)
        if let trace, trace.status != .skip, let loc = trace.evidence.facts["loc"] {
            egress = Egress(country: loc, colo: trace.evidence.facts["colo"])
        } else {
            egress = nil
        }
        let status = report.check(CheckID.status)
        statusIndicator = status?.status == .skip ? nil : status?.evidence.facts["indicator"]
    }

    /// `(window, limit, remaining)` for every `x-ratelimit-limit-*` / `x-ratelimit-remaining-*` pair.
    static func rateLimitHeaders(_ headers: HeaderFields) -> [(String, Double?, Double?)] {
        var limits: [String: Double] = [:]
        var remaining: [String: Double] = [:]
        var order: [String] = []
        for field in headers {
            let name = field.name.lowercased()
            let (prefix, isLimit): (String, Bool)
            if name.hasPrefix("x-ratelimit-limit-") {
                (prefix, isLimit) = ("x-ratelimit-limit-", true)
            } else if name.hasPrefix("x-ratelimit-remaining-") {
                (prefix, isLimit) = ("x-ratelimit-remaining-", false)
            } else {
                continue
            }
            let window = String(name.dropFirst(prefix.count))
            guard !window.isEmpty, window.count <= 40,
                window.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
                let value = Double(field.value.filter { !$0.isWhitespace }), value.isFinite
            else { continue }
            if limits[window] == nil && remaining[window] == nil { order.append(window) }
            if isLimit { limits[window] = value } else { remaining[window] = value }
        }
        return order.map { ($0, limits[$0], remaining[$0]) }
    }
}
