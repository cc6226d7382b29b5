import DoctorMock
import Testing

/// Placeholder until the module's issue lands: the module links and sees the taxonomy.
@Test func DoctorMockSeesTheTaxonomy() {
    #expect(DoctorMockModule.causes.count == 36)
}
