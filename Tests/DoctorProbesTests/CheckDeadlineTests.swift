import DoctorCore
import Testing

@testable import DoctorProbes

/// The whole-run deadline (`--timeout`) and the status page's grace, on a test clock, without sockets.
struct CheckDeadlineTests {
    @Test(arguments: [(Duration.seconds(1), Duration.milliseconds(900)), (.seconds(20), .milliseconds(19_850))])
    func everyRequestIsBoundByTheTimeoutLessTheRenderingMargin(timeout: Duration, bound: Duration) async {
        let clock = CheckTestClock()
        let transport = CheckScriptedTransport(clock: clock) { CheckScripting.healthy($0) }
        _ = await CheckScripting.run(
            CheckScripting.options(timeout: timeout, statusURL: "https://status.openai.com"), transport, clock: clock)
        #expect(transport.sent.count == 9)
        #expect(transport.sent.allSatisfy { $0.deadline == clock.start + bound })
    }

    @Test func aNetworkThatNeverAnswersEndsTheRunAtTheDeadline() async {
        let clock = CheckTestClock()
        let transport = CheckScriptedTransport(clock: clock) { _ in .failure(.timedOut, latency: .untilDeadline) }
        let run = Task {
            await CheckScripting.run(CheckScripting.options(timeout: .seconds(10)), transport, clock: clock)
        }
        #expect(await clock.waitForSleepers(7))
        #expect(clock.nextWake == clock.start + .milliseconds(9_850))
        clock.advance(to: clock.start + .milliseconds(9_850))
        let report = await run.value
        for id in [CheckID.trace, .compliance, .models, .model, .scopes] {
            // Without an answer the scopes are not decidable: a skip, not a failure.
            #expect(report.check(id)?.status == (id == .scopes ? .skip : .fail), "\(id)")
            #expect(report.check(id)?.durationMS == 9_850, "\(id)")
        }
        #expect(report.verdict == .problem)
        #expect(report.diagnosis?.cause == .networkTimeout)
    }

    @Test func theStatusPageGetsHalfTheDecidingTimeAgainThenIsCut() async {
        let report = await Self.runWithHangingStatusPage(deciding: .seconds(2), expectedCut: .seconds(3))
        #expect(report.check(.status)?.status == .skip)
        #expect(
            report.check(.status)?.summary
                == "status page still unanswered when the other checks were done (cut at 3000 ms); it never decides the cause"
        )
        #expect(report.verdict == .ok)
    }

    @Test func theStatusPagesGraceHasAFloor() async {
        let report = await Self.runWithHangingStatusPage(deciding: .zero, expectedCut: .milliseconds(100))
        #expect(report.check(.status)?.summary.contains("(cut at 100 ms)") == true)
    }

    @Test func theStatusPagesGraceEndsAtTheDeadline() async {
        let report = await Self.runWithHangingStatusPage(
            deciding: .milliseconds(9_800), expectedCut: .milliseconds(9_850))
        #expect(report.check(.status)?.summary.contains("(cut at 9850 ms)") == true)
    }

    @Test func aStatusPageThatAnswersWithinTheGraceIsKept() async {
        let clock = CheckTestClock()
        let transport = CheckScriptedTransport(clock: clock) { request in
            CheckScripting.healthy(
                request, latency: .after(CheckScripting.isStatusPage(request) ? .milliseconds(2_500) : .seconds(2)))
        }
        let options = CheckScripting.options(timeout: .seconds(10), statusURL: "https://status.openai.com")
        let run = Task { await CheckScripting.run(options, transport, clock: clock) }
        #expect(await clock.waitForSleepers(9))
        clock.advance(to: clock.start + .seconds(2))
        #expect(await clock.waitForSleepers(3))  // the status page's two documents and the grace timer
        clock.advance(to: clock.start + .milliseconds(2_500))
        let report = await run.value
        #expect(report.check(.status)?.status == .pass)
        #expect(report.check(.status)?.durationMS == 2_500)
    }

    /// A 10 s run whose deciding checks answer after `deciding` and whose status page never
    /// answers; checks that the grace timer is set for `expectedCut`, then lets it fire.
    static func runWithHangingStatusPage(deciding: Duration, expectedCut: Duration) async -> CheckReport {
        let clock = CheckTestClock()
        let transport = CheckScriptedTransport(clock: clock) { request in
            CheckScripting.isStatusPage(request)
                ? .failure(.timedOut, latency: .untilCancelled)
                : CheckScripting.healthy(request, latency: deciding == .zero ? .none : .after(deciding))
        }
        let options = CheckScripting.options(timeout: .seconds(10), statusURL: "https://status.openai.com")
        let run = Task { await CheckScripting.run(options, transport, clock: clock) }
        if deciding != .zero {
            #expect(await clock.waitForSleepers(9))
            clock.advance(to: clock.start + deciding)
        }
        #expect(await clock.waitForSleepers(3))  // the status page's two documents and the grace timer
        #expect(clock.nextWake == clock.start + expectedCut)
        clock.advance(to: clock.start + expectedCut)
        return await run.value
    }
}
