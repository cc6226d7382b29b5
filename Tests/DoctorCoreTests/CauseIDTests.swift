import DoctorCore
import Testing

@Suite("Cause ids")
struct CauseIDTests {
    @Test("every id in causes.md exists, with its layer and retry class")
    func idsMatchTheTable() {
        #expect(CauseID.allCases.count == 36)
        #expect(CauseID(rawValue: "rate_limit.exceeded")?.retry == .after)
        #expect(CauseID.billingQuotaExceeded.retry == .no)
        #expect(CauseID.networkDNSPoisoned.retry == .no)
        #expect(CauseID.networkDNS.retry == .yes)
        #expect(CauseID.edgeBlocked.layer == .edge)
        #expect(CauseID.unknown.layer == nil)
    }
}
