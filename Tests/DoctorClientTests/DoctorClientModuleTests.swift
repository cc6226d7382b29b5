import DoctorClient
import Testing

/// Placeholder until the module's issue lands: the module links and sees the taxonomy.
@Test func DoctorClientSeesTheTaxonomy() {
    #expect(DoctorClientModule.causes.count == 36)
}
