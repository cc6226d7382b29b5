import DoctorCore
import DoctorProbes
public import Prometheus
import Synchronization

/// The monitor's Prometheus metrics, kept in one ``PrometheusCollectorRegistry``.
///
/// | metric | type | labels | meaning |
/// |---|---|---|---|
/// | `openai_doctor_up` | gauge | | 1 when the last run's verdict was `ok` |
/// | `openai_doctor_check_success` | gauge | `check` | 1 when the check passed (or warned) on its last run, 0 when it failed |
/// | `openai_doctor_check_flapping` | gauge | `check` | 1 while the check is flapping |
/// | `openai_doctor_check_transitions_total` | counter | `check`, `kind` | transitions: `first`, `up`, `down`, `changed`, `flapping`, `settled` |
/// | `openai_doctor_cause_total` | counter | `cause` | runs whose primary cause was this cause id (every id starts at 0) |
/// | `openai_doctor_phase_duration_seconds` | histogram | `check`, `phase` | `dns`, `connect`, `proxy`, `tls`, `first_byte` of every request |
/// | `openai_doctor_ratelimit_limit` | gauge | `window` | `x-ratelimit-limit-<window>` (`requests`, `tokens`, …) |
/// | `openai_doctor_ratelimit_remaining` | gauge | `window` | `x-ratelimit-remaining-<window>` |
/// | `openai_doctor_egress_info` | gauge (info) | `country`, `colo` | 1 for the current egress country from `/cdn-cgi/trace` |
/// | `openai_doctor_status_page_indicator` | gauge | | 0 none, 1 minor, 2 major, 3 critical, -1 unreadable |
/// | `openai_doctor_runs_total` | counter | | runs completed |
/// | `openai_doctor_rate_limited` | gauge | | 1 while the monitor backs off because the API rate-limits the probes |
/// | `openai_doctor_next_run_delay_seconds` | gauge | | the wait before the next run |
/// | `openai_doctor_last_run_timestamp_seconds` | gauge | | when the last run ended (Unix time) |
///
/// Label values are bounded: check ids, cause ids, phases and transition kinds are closed sets;
/// at most ``MonitorSnapshot/maxRateLimitWindows`` windows are kept; the egress info keeps one
/// series (the old one is removed when the country changes). Nothing secret is a label.
public final class MonitorMetrics: Sendable {
    /// The registry the `/metrics` endpoint renders.
    public let registry: PrometheusCollectorRegistry

    /// Histogram buckets for phase latencies, from 1 ms to 10 s.
    public static let phaseBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Every metric family name this type exports (documentation and the alert-rule tests read it).
    public static let familyNames = Family.allCases.map(\.rawValue)

    /// The metric families, with their help text.
    enum Family: String, CaseIterable {
        case up = "openai_doctor_up"
        case checkSuccess = "openai_doctor_check_success"
        case checkFlapping = "openai_doctor_check_flapping"
        case transitions = "openai_doctor_check_transitions_total"
        case cause = "openai_doctor_cause_total"
        case phase = "openai_doctor_phase_duration_seconds"
        case rateLimitLimit = "openai_doctor_ratelimit_limit"
        case rateLimitRemaining = "openai_doctor_ratelimit_remaining"
        case egressInfo = "openai_doctor_egress_info"
        case statusIndicator = "openai_doctor_status_page_indicator"
        case runs = "openai_doctor_runs_total"
        case rateLimited = "openai_doctor_rate_limited"
        case nextDelay = "openai_doctor_next_run_delay_seconds"
        case lastRun = "openai_doctor_last_run_timestamp_seconds"

        var help: String {
            switch self {
            case .up: return "1 when the last run's verdict was ok, 0 when a problem was found."
            case .checkSuccess: return "1 when the check passed (or warned) on its last run, 0 when it failed."
            case .checkFlapping: return "1 while the check keeps changing state."
            case .transitions: return "State transitions per check: first, up, down, changed, flapping, settled."
            case .cause: return "Runs whose primary diagnosis named this cause id."
            case .phase: return "Duration of each request phase (dns, connect, proxy, tls, first_byte) of the probes."
            case .rateLimitLimit: return "The API's x-ratelimit-limit-<window> header on the last probe that stated it."
            case .rateLimitRemaining:
                return "The API's x-ratelimit-remaining-<window> header on the last probe that stated it."
            case .egressInfo: return "The egress country and Cloudflare colo from /cdn-cgi/trace (value always 1)."
            case .statusIndicator: return "Status page indicator: 0 none, 1 minor, 2 major, 3 critical, -1 unreadable."
            case .runs: return "Probe runs completed."
            case .rateLimited: return "1 while the monitor backs off because the API rate-limits its probes."
            case .nextDelay: return "Seconds until the next run."
            case .lastRun: return "Unix time when the last run ended."
            }
        }

        var descriptor: MetricNameDescriptor {
            MetricNameDescriptor(metricName: rawValue, unitName: "", helpText: help)
        }
    }

    private struct EgressSeries: Sendable {
        var labels: [(String, String)]
        var gauge: Gauge
    }

    private let up: Gauge
    private let runs: Counter
    private let statusIndicator: Gauge
    private let rateLimited: Gauge
    private let nextDelay: Gauge
    private let lastRun: Gauge
    private let egress = Mutex<EgressSeries?>(nil)

    /// Creates the metrics in a registry (a new one by default) and sets every cause counter to 0,
    /// so `increase()` sees the first occurrence of a cause.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        up = registry.makeGauge(descriptor: Family.up.descriptor)
        runs = registry.makeCounter(descriptor: Family.runs.descriptor)
        statusIndicator = registry.makeGauge(descriptor: Family.statusIndicator.descriptor)
        rateLimited = registry.makeGauge(descriptor: Family.rateLimited.descriptor)
        nextDelay = registry.makeGauge(descriptor: Family.nextDelay.descriptor)
        lastRun = registry.makeGauge(descriptor: Family.lastRun.descriptor)
        for cause in CauseID.allCases {
            _ = registry.makeCounter(descriptor: Family.cause.descriptor, labels: [("cause", cause.rawValue)])
        }
    }

    /// Records one run: its checks, phases, rate limits, egress, status page and primary cause.
    public func record(_ snapshot: MonitorSnapshot) {
        runs.increment()
        up.set(to: snapshot.verdict.health == .up ? 1 : 0)
        for check in snapshot.checks where check.observation.health != .skipped {
            registry.makeGauge(descriptor: Family.checkSuccess.descriptor, labels: [("check", check.id)])
                .set(to: check.observation.health == .up ? 1 : 0)
        }
        if let cause = snapshot.primaryCause {
            registry.makeCounter(descriptor: Family.cause.descriptor, labels: [("cause", cause.rawValue)]).increment()
        }
        for sample in snapshot.phases {
            let labels = [("check", sample.check), ("phase", sample.phase.rawValue)]
            registry.makeDurationHistogram(
                descriptor: Family.phase.descriptor, labels: labels, buckets: Self.phaseBuckets
            )
            .record(sample.duration)
        }
        for window in snapshot.rateLimits {
            if let limit = window.limit {
                registry.makeGauge(descriptor: Family.rateLimitLimit.descriptor, labels: [("window", window.window)])
                    .set(to: limit)
            }
            if let remaining = window.remaining {
                registry.makeGauge(
                    descriptor: Family.rateLimitRemaining.descriptor, labels: [("window", window.window)]
                )
                .set(to: remaining)
            }
        }
        if let country = snapshot.egress {
            setEgress(country)
        }
        statusIndicator.set(to: Self.indicatorValue(snapshot.statusIndicator))
    }

    /// Records the state machines' view of one check after a run.
    public func recordState(check: String, flapping: Bool) {
        registry.makeGauge(descriptor: Family.checkFlapping.descriptor, labels: [("check", check)])
            .set(to: flapping ? 1 : 0)
    }

    /// Counts one reported transition.
    public func recordTransition(_ transition: MonitorStateMachine.Transition) {
        let labels = [("check", transition.check), ("kind", transition.kind.rawValue)]
        registry.makeCounter(descriptor: Family.transitions.descriptor, labels: labels).increment()
    }

    /// Records the schedule's decision and when the run ended.
    public func recordSchedule(_ decision: MonitorSchedule.Decision, endedAtUnixSeconds: Double) {
        rateLimited.set(to: decision.backingOff ? 1 : 0)
        nextDelay.set(to: decision.delay / .seconds(1))
        lastRun.set(to: endedAtUnixSeconds)
    }

    /// The text exposition format (`text/plain; version=0.0.4`).
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The indicator as a number: none 0, minor 1, major 2, critical 3, anything else or unread -1.
    public static func indicatorValue(_ indicator: String?) -> Double {
        switch indicator {
        case "none": return 0
        case "minor": return 1
        case "major": return 2
        case "critical": return 3
        default: return -1
        }
    }

    private func setEgress(_ egress: MonitorSnapshot.Egress) {
        let labels = [("country", egress.country), ("colo", egress.colo ?? "")]
        self.egress.withLock { current in
            if let current, current.labels.elementsEqual(labels, by: { $0 == $1 }) { return }
            if let current { registry.unregisterGauge(current.gauge) }
            let gauge = registry.makeGauge(descriptor: Family.egressInfo.descriptor, labels: labels)
            gauge.set(to: 1)
            current = EgressSeries(labels: labels, gauge: gauge)
        }
    }
}
