import DoctorCore
import Synchronization
import Testing

@testable import DoctorProbes

/// The registry and the schedule, without sockets: order, concurrency, what waits for what, and
/// what is skipped when a dependency could not run.
struct CheckScheduleTests {
    @Test func theRegistryListsEveryCheckOnceInTheReportsOrder() {
        let ids = CheckRegistry.probes.map { $0.id }
        #expect(ids == CheckID.allCases)
        #expect(CheckID.displayOrder == ids)
        #expect(
            ids.map(\.rawValue) == [
                "config.key", "config.endpoint", "config.proxy", "network.dns", "egress.trace", "egress.compliance",
                "service.status",
                "api.models", "api.model", "api.scopes", "api.realtime", "api.spend", "isolation.proxy",
                "isolation.family",
            ])
        #expect(
            CheckRegistry.probes.map { $0.title } == [
                "API key", "Base URL, organization and project", "Proxy", "DNS", "Egress IP and country",
                "Region (keyless probe)",
                "Service status", "List models", "Model access", "Key scopes", "Realtime (WebSocket handshake)",
                "Minimal generation",
                "Proxy vs direct", "IPv4 vs IPv6",
            ])
    }

    @Test func everyDependencyComesEarlierAndTheBackgroundWaitsForNothingThatDecides() {
        for (index, probe) in CheckRegistry.probes.enumerated() {
            let earlier = CheckRegistry.probes.prefix(index).map { $0.id }
            for dependency in probe.dependencies {
                #expect(earlier.contains(dependency), "\(probe.id) depends on \(dependency), which comes later")
                if probe.role == .background || probe.role == .local {
                    #expect(
                        CheckRegistry.probe(dependency).role == .local, "\(probe.id) may only wait for local checks")
                }
            }
        }
        #expect(
            CheckRegistry.probes.filter { $0.role == .apiAnswer }.map { $0.id } == [
                .models, .model, .scopes, .realtime, .spend,
            ])
        #expect(CheckRegistry.probes.filter { $0.role == .background }.map { $0.id } == [.status])
    }

    @Test func aHealthyRunListsEveryCheckInOrder() async {
        let transport = CheckScriptedTransport { CheckScripting.healthy($0) }
        let report = await CheckScripting.run(CheckScripting.options(statusURL: "https://status.openai.com"), transport)
        #expect(report.checks.map(\.id) == CheckID.allCases.map(\.rawValue))
        #expect(report.verdict == .ok)
        #expect(report.diagnosis == nil)
        let statuses = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.id, $0.status) })
        for id in [
            CheckID.key, .endpoint, .proxy, .dns, .trace, .compliance, .status, .models, .model, .scopes,
            .familyIsolation,
        ] {
            #expect(statuses[id.rawValue] == .pass, "\(id): \(statuses[id.rawValue].map { "\($0)" } ?? "missing")")
        }
        #expect(report.check(.realtime)?.summary == "not run (--no-realtime)")
        #expect(report.check(.proxyIsolation)?.summary == "no proxy in use")
        #expect(report.check(.dns)?.title == "DNS for api.openai.com")
        #expect(transport.lookups == ["api.openai.com"])
        #expect(transport.sent.count == 9)  // trace ×2, compliance, status ×2, models, model, scopes ×2
    }

    @Test func theProbesAfterDNSRunAtOnceAndTheirDurationsComeFromTheClock() async {
        let clock = CheckTestClock()
        let transport = CheckScriptedTransport(clock: clock) {
            CheckScripting.healthy($0, latency: .after(.seconds(1)))
        }
        let run = Task { await CheckScripting.run(CheckScripting.options(), transport, clock: clock) }
        // trace ×2, compliance, models, model, scopes ×2: all in flight together, or this never happens.
        #expect(await clock.waitForSleepers(7))
        #expect(transport.sent.count == 7)
        clock.advance(by: .seconds(1))
        let report = await run.value
        for id in [CheckID.trace, .compliance, .models, .model, .scopes, .familyIsolation] {
            #expect(report.check(id)?.durationMS == 1000, "\(id)")
        }
        #expect(report.check(.dns)?.durationMS == 0)
        #expect(report.verdict == .ok)
    }

    @Test func proxyIsolationRepeatsTheListingOnlyOnceItHasFailed() async throws {
        let transport = CheckScriptedTransport { request in
            request.url.path == "/v1/models" && request.proxy != nil
                ? CheckScripting.regionBlocked : CheckScripting.healthy(request)
        }
        let report = await CheckScripting.run(CheckScripting.options(proxy: "http://proxy.test:3128"), transport)
        let sent = transport.sent
        let listing = try #require(sent.first { $0.label == "GET /v1/models" })
        let direct = try #require(sent.first { $0.label == "GET /v1/models direct (no proxy)" })
        #expect(direct.startedAt > (listing.endedAt ?? .max))
        #expect(report.check(.proxyIsolation)?.status == .warn)
        #expect(report.check(.familyIsolation)?.summary == "through a proxy the address family is the proxy's")
    }

    @Test func withoutABaseURLEveryNetworkCheckIsSkippedAndTheStatusPageHasTheWholeRun() async {
        let clock = CheckTestClock()
        let transport = CheckScriptedTransport(clock: clock) {
            CheckScripting.healthy($0, latency: .after(.seconds(5)))
        }
        let options = CheckScripting.options(baseURL: "not a url", statusURL: "https://status.openai.com")
        let run = Task { await CheckScripting.run(options, transport, clock: clock) }
        #expect(await clock.waitForSleepers(2))
        clock.advance(by: .seconds(5))
        let report = await run.value
        for probe in CheckRegistry.probes where probe.role != .local && probe.role != .background {
            let result = report.check(probe.id)
            #expect(result?.status == .skip, "\(probe.id)")
            #expect(result?.summary == "the base URL cannot be parsed", "\(probe.id)")
            #expect(result?.title == probe.title, "\(probe.id)")
        }
        #expect(report.check(.status)?.status == .pass)
        #expect(report.check(.status)?.durationMS == 5000)
        #expect(transport.lookups.isEmpty)
        #expect(transport.sent.allSatisfy { $0.host == "status.openai.com" })
    }

    @Test func aProbeThatThrowsSkipsItselfAndWhatDependsOnItButNothingElse() async {
        let notes = RunNotes()
        let probes: [any Probe] = [
            KeyProbe(),
            ScriptedProbe(id: .dns, dependencies: [], skip: ProbeSkip(reason: "scripted: cannot run"), notes: notes),
            ScriptedProbe(id: .trace, dependencies: [.dns], notes: notes),
            ScriptedProbe(id: .compliance, dependencies: [], notes: notes),
            ScriptedProbe(id: .familyIsolation, dependencies: [.trace], notes: notes),
        ]
        let options = CheckScripting.options(progress: { result in notes.reported.withLock { $0.append(result.id) } })
        let report = await CheckScripting.run(
            options, CheckScriptedTransport { CheckScripting.healthy($0) }, probes: probes)
        #expect(
            report.checks.map(\.id) == [
                "config.key", "network.dns", "egress.trace", "egress.compliance", "isolation.family",
            ])
        for id in [CheckID.dns, .trace, .familyIsolation] {
            #expect(report.check(id)?.status == .skip)
            #expect(report.check(id)?.summary == "scripted: cannot run")
            #expect(report.check(id)?.title == "scripted \(id.rawValue)")
        }
        #expect(report.check(.compliance)?.status == .pass)
        #expect(Set(notes.ran.withLock { $0 }) == [.dns, .compliance])
        #expect(notes.reported.withLock { $0 }.sorted() == ["config.key", "egress.compliance"])
        #expect(report.verdict == .ok)
    }
}

/// What the scripted probes of one run saw: which ran, and what the progress callback was told.
private final class RunNotes: Sendable {
    let ran = Mutex<[CheckID]>([])
    let reported = Mutex<[String]>([])
}

/// A probe that passes, or throws the skip it is given, and notes that it ran.
private struct ScriptedProbe: Probe {
    let id: CheckID
    var title: String { "scripted \(id.rawValue)" }
    let dependencies: [CheckID]
    let role = ProbeRole.network
    var skip: ProbeSkip?
    let notes: RunNotes

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        notes.ran.withLock { $0.append(id) }
        if let skip { throw skip }
        return CheckOutcome(
            result: CheckResult(id: id.rawValue, title: title, status: .pass, durationMS: 0, summary: "scripted pass"),
            weight: .reachability)
    }
}
