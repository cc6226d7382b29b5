import DoctorMonitor
import Testing

/// Placeholder until the module's issue lands: the module links and sees the taxonomy.
@Test func DoctorMonitorSeesTheTaxonomy() {
    #expect(DoctorMonitorModule.causes.count == 36)
}
