import DoctorProbes
import Testing

/// Placeholder until the module's issue lands: the module links and sees the taxonomy.
@Test func DoctorProbesSeesTheTaxonomy() {
    #expect(DoctorProbesModule.causes.count == 36)
}
