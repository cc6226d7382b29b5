import DoctorCore
import DoctorMock
import DoctorMonitor
import DoctorProbes
import DoctorTestSupport
import InMemoryLogging
import Logging
import Testing

/// The monitor over real sockets: the mock switches scenarios over time, the real probes run,
/// the state machines move, and `/metrics` is scraped over HTTP and parsed.
@Suite(.serialized) struct MonitorMockTests {
    /// ok → region.unsupported → ok: api.models goes down and up once each, one log line per
    /// change and none per run, and the scraped metrics follow.
    @Test func scenariosOverTimeDriveStatesLogsAndMetrics() async throws {
        try await withAcceptingMock { mock, key in
            let options = checkOptions(for: mock, key: key)
            let metrics = MonitorMetrics()
            let server = try await MetricsServer.bind(
                ListenAddress(host: "127.0.0.1", port: 0), metrics: metrics, logger: Logger(label: "test"))
            let logs = InMemoryLogHandler()
            let cycles = Collector<Monitor.Cycle>()
            let midScrape = Collector<PrometheusText>()
            let monitor = Monitor(
                runner: .zeroCost { options }, metrics: metrics,
                configuration: .init(interval: .milliseconds(10), maxRuns: 6),
                logger: Logger(label: "monitor", factory: { _ in logs }), random: { 0.5 },
                onCycle: { cycle in
                    cycles.append(cycle)
                    switch cycle.number {
                    case 2: mock.setScenario(ScenarioName(cause: .regionUnsupported))
                    case 4:
                        // Scraped while region.unsupported is in force (runs 3 and 4).
                        if let scrape = try? await fetch(server.address.metricsURL),
                            let parsed = try? PrometheusText(scrape.body)
                        {
                            midScrape.append(parsed)
                        }
                        mock.setScenario(ScenarioName.ok)
                    default: break
                    }
                })
            let summary = await monitor.run(clock: ContinuousClock())
            #expect(summary.runs == 6)
            #expect(!summary.cancelled)

            // The verdicts the real probes reached, run by run.
            let causes = cycles.values.map { $0.report.diagnosis?.cause }
            #expect(causes == [nil, nil, .regionUnsupported, .regionUnsupported, nil, nil])

            // api.models: first (up), down at run 3, up at run 5 — and nothing else.
            let models = cycles.values.flatMap(\.step.transitions).filter { $0.check == CheckID.models }
            #expect(models.map(\.kind) == [.first, .down, .up])
            #expect(models[1].to.cause == .regionUnsupported)
            #expect(cycles.values.allSatisfy { $0.step.decision.delay == .milliseconds(10) })

            // One log line per change: for api.models exactly three lines in six runs.
            let modelLines = logs.entries.filter { $0.metadata["doctor.check"] == "\(CheckID.models)" }
            #expect(modelLines.count == 3)
            #expect(modelLines.map(\.level) == [.info, .warning, .notice])
            #expect(modelLines[1].message.description == "api.models: down: region.unsupported (was up)")
            #expect(modelLines[1].metadata["doctor.cause"] == "region.unsupported")
            let transitionCount = cycles.values.reduce(0) { $0 + $1.step.transitions.count }
            #expect(logs.entries.count == transitionCount)
            for entry in logs.entries {
                #expect(!entry.message.description.contains(key))
                #expect(!"\(entry.metadata)".contains(key))
            }

            // Mid-way scrape: down while the region is refused.
            let during = try #require(midScrape.values.first)
            #expect(during.value("openai_doctor_up") == 0)
            #expect(during.value("openai_doctor_check_success", ["check": "api.models"]) == 0)
            #expect(during.value("openai_doctor_cause_total", ["cause": "region.unsupported"]) == 2)

            // Final scrape: up again, with the history in the counters.
            let scrape = try await fetch(server.address.metricsURL)
            #expect(scrape.status == 200)
            let text = try PrometheusText(scrape.body)
            #expect(text.value("openai_doctor_up") == 1)
            #expect(text.value("openai_doctor_runs_total") == 6)
            #expect(text.value("openai_doctor_check_success", ["check": "api.models"]) == 1)
            #expect(text.value("openai_doctor_check_success", ["check": "config.key"]) == 1)
            #expect(text.value("openai_doctor_cause_total", ["cause": "region.unsupported"]) == 2)
            #expect(text.value("openai_doctor_cause_total", ["cause": "key.invalid"]) == 0)
            #expect(text.value("openai_doctor_check_transitions_total", ["check": "api.models", "kind": "down"]) == 1)
            #expect(text.value("openai_doctor_check_transitions_total", ["check": "api.models", "kind": "up"]) == 1)
            #expect(text.value("openai_doctor_check_transitions_total", ["check": "verdict", "kind": "down"]) == 1)
            #expect(text.value("openai_doctor_check_flapping", ["check": "api.models"]) == 0)
            #expect(text.value("openai_doctor_egress_info", ["country": "US"]) == 1)
            #expect(text.value("openai_doctor_status_page_indicator") == 0)
            #expect(text.value("openai_doctor_rate_limited") == 0)
            #expect(text.types["openai_doctor_phase_duration_seconds"] == "histogram")

            // Phase histograms: every run's api.models request recorded connect and first byte;
            // buckets are cumulative and +Inf equals the count.
            for phase in ["connect", "first_byte"] {
                let labels = ["check": "api.models", "phase": phase]
                let count = try #require(text.value("openai_doctor_phase_duration_seconds_count", labels))
                #expect(count >= 6)
                let buckets = text.all("openai_doctor_phase_duration_seconds_bucket")
                    .filter { $0.labels["check"] == "api.models" && $0.labels["phase"] == phase }
                #expect(buckets.count == MonitorMetrics.phaseBuckets.count + 1)
                let values = buckets.map(\.value)
                #expect(values == values.sorted())
                #expect(buckets.first { $0.labels["le"] == "+Inf" }?.value == count)
            }
            #expect(!scrape.body.contains(key))
            await server.close()
        }
    }

    /// rate_limit.exceeded on the probes: back-off honours the server's wait (retry-after-ms 644),
    /// one log line when it starts and one when it ends, and the rate-limit gauges are exported.
    @Test func rateLimitedProbesBackOffAndExportWindows() async throws {
        try await withAcceptingMock { mock, key in
            mock.setScenario(ScenarioName(cause: .rateLimitExceeded))
            let options = checkOptions(for: mock, key: key)
            let metrics = MonitorMetrics()
            let logs = InMemoryLogHandler()
            let cycles = Collector<Monitor.Cycle>()
            let clock = RecordingClock()
            let monitor = Monitor(
                runner: .zeroCost { options }, metrics: metrics,
                configuration: .init(interval: .milliseconds(100), jitter: 0, maxRuns: 5),
                logger: Logger(label: "monitor", factory: { _ in logs }), random: { 0.5 },
                onCycle: { cycle in
                    cycles.append(cycle)
                    if cycle.number == 3 { mock.setScenario(ScenarioName.ok) }
                })
            _ = await monitor.run(clock: clock)

            let decisions = cycles.values.map(\.step.decision)
            #expect(decisions.map(\.backingOff) == [true, true, true, false, false])
            // Run 1: max(2 × 100 ms, 644 ms); run 2: max(4 × 100 ms, 644 ms); run 3: 8 × 100 ms.
            #expect(
                clock.sleeps.values == [.milliseconds(644), .milliseconds(644), .milliseconds(800), .milliseconds(100)])
            #expect(decisions.filter(\.backoffStarted).count == 1)
            #expect(decisions.filter(\.backoffEnded).count == 1)
            let events = logs.entries.compactMap { $0.metadata["doctor.event"]?.description }
            #expect(events == ["backoff_started", "backoff_ended"])

            let text = try PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self))
            #expect(text.value("openai_doctor_ratelimit_limit", ["window": "requests"]) == 500)
            #expect(text.value("openai_doctor_ratelimit_remaining", ["window": "tokens"]) == 0)
            #expect(text.value("openai_doctor_ratelimit_limit", ["window": "tokens"]) == 30000)
            #expect(text.value("openai_doctor_cause_total", ["cause": "rate_limit.exceeded"]) == 3)
            #expect(text.value("openai_doctor_rate_limited") == 0)
        }
    }

    /// The endpoint itself: /metrics with Prometheus' content type, / as a pointer, 404 elsewhere,
    /// and a second bind of the same port refused with ``MonitorError/addressInUse(_:)``.
    @Test func metricsEndpointAnswersAndRefusesATakenPort() async throws {
        let metrics = MonitorMetrics()
        let server = try await MetricsServer.bind(
            ListenAddress(host: "127.0.0.1", port: 0), metrics: metrics, logger: Logger(label: "test"))
        let base = "http://127.0.0.1:\(server.address.port)"
        let transport = ProbeTransport(settings: TransportSettings(maxBodyBytes: 4 << 20))
        let now = ContinuousClock.now
        let scrape = await transport.send(
            ProbeRequest(label: "scrape", url: try #require(EndpointURL(base + "/metrics"))),
            deadline: now + .seconds(5),
            runStart: now)
        #expect(scrape.status == 200)
        #expect(scrape.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        let parsed = try PrometheusText(scrape.body)
        #expect(parsed.value("openai_doctor_runs_total") == 0)
        #expect(parsed.all("openai_doctor_cause_total").count == CauseID.allCases.count)
        #expect(try await fetch(base + "/").status == 200)
        #expect(try await fetch(base + "/metrics/extra").status == 404)

        await #expect(throws: MonitorError.addressInUse(server.address)) {
            _ = try await MetricsServer.bind(server.address, metrics: metrics, logger: Logger(label: "test"))
        }
        await server.close()
    }

    /// Cancellation mid-run: the API is a black hole and the run's bound is 20 s, yet the loop
    /// returns at once; the abandoned run ends by its own timeout.
    @Test func cancellationEndsTheLoopMidRun() async throws {
        try await withAcceptingMock { mock, key in
            mock.setScenario(try #require(ScenarioPlan("fault:blackhole")))
            let options = checkOptions(for: mock, key: key, timeout: .seconds(20))
            let started = Collector<Bool>()
            let runner = ProbeRunner {
                started.append(true)
                return await ProbeRunner.zeroCost { options }.run()
            }
            let monitor = Monitor(
                runner: runner, metrics: MonitorMetrics(), configuration: .init(interval: .seconds(1)),
                logger: Logger(label: "monitor", factory: { _ in SwiftLogNoOpLogHandler() }))
            let task = Task { await monitor.run(clock: ContinuousClock()) }
            while started.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(200))
            let start = ContinuousClock.now
            task.cancel()
            let summary = await task.value
            #expect(summary.runs == 0)
            #expect(summary.cancelled)
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }

    /// Cancellation (what SIGTERM does through the service group) ends the loop mid-sleep.
    @Test func cancellationEndsTheLoop() async throws {
        try await withAcceptingMock { mock, key in
            let options = checkOptions(for: mock, key: key)
            let runs = Collector<Int>()
            let monitor = Monitor(
                runner: .zeroCost { options }, metrics: MonitorMetrics(),
                configuration: .init(interval: .seconds(3600)),
                logger: Logger(label: "monitor", factory: { _ in SwiftLogNoOpLogHandler() }),
                onCycle: { cycle in runs.append(cycle.number) })
            let task = Task { await monitor.run(clock: ContinuousClock()) }
            while runs.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            let start = ContinuousClock.now
            task.cancel()
            let summary = await task.value
            #expect(summary.runs == 1)
            #expect(summary.cancelled)
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }
}
