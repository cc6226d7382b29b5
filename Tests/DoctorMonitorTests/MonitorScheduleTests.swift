import DoctorMonitor
import Testing

/// The schedule: jitter bounds, back-off growth, the server's wait, the cap, and the reset.
@Suite struct MonitorScheduleTests {
    @Test(arguments: [(0.0, 54.0), (0.5, 60.0), (0.999_999, 66.0)])
    func jitterSpreadsTheIntervalByTenPercent(randomUnit: Double, seconds: Double) {
        var schedule = MonitorSchedule(interval: .seconds(60))
        let decision = schedule.next(after: .normal, randomUnit: randomUnit)
        #expect(abs(decision.delay / .seconds(1) - seconds) < 0.001)
        #expect(!decision.backingOff)
    }

    @Test func backOffDoublesHonoursTheServerAndEnds() {
        var schedule = MonitorSchedule(interval: .seconds(10), jitter: 0)
        let first = schedule.next(after: .rateLimited(serverWait: nil), randomUnit: 0.5)
        #expect(first.delay == .seconds(20))
        #expect(first.backoffStarted && first.backingOff && !first.backoffEnded)
        let second = schedule.next(after: .rateLimited(serverWait: .seconds(5)), randomUnit: 0.5)
        #expect(second.delay == .seconds(40))
        #expect(!second.backoffStarted)
        let third = schedule.next(after: .rateLimited(serverWait: .seconds(300)), randomUnit: 0.5)
        #expect(third.delay == .seconds(300))
        #expect(schedule.rateLimitedRuns == 3)
        let cleared = schedule.next(after: .normal, randomUnit: 0.5)
        #expect(cleared.delay == .seconds(10))
        #expect(cleared.backoffEnded && !cleared.backingOff)
        #expect(schedule.rateLimitedRuns == 0)
        #expect(!schedule.next(after: .normal, randomUnit: 0.5).backoffEnded)
    }

    @Test func backOffIsCapped() {
        var schedule = MonitorSchedule(interval: .seconds(60), jitter: 0.1, maxBackoff: .seconds(600))
        var last = Duration.zero
        for _ in 0..<40 {
            last = schedule.next(after: .rateLimited(serverWait: .seconds(86_400)), randomUnit: 0.999).delay
        }
        #expect(last <= .seconds(660))
        #expect(last >= .seconds(600))
    }

    @Test func maxBackoffIsNeverBelowTheInterval() {
        let schedule = MonitorSchedule(interval: .seconds(7200), maxBackoff: .seconds(60))
        #expect(schedule.maxBackoff == .seconds(7200))
    }
}
