import DoctorCore
import Testing

/// The supported-countries list the classification rules read (an egress country outside it is `region.unsupported`).
@Suite("Supported countries")
struct SupportedCountriesTests {
    @Test("country verdicts")
    func countries() {
        #expect(SupportedCountries.status(of: "DE") == .supported)
        #expect(SupportedCountries.status(of: "cn") == .knownUnsupported)
        #expect(SupportedCountries.status(of: "XX") == .unknown)
        #expect(SupportedCountries.status(of: "T1") == .unknown)
        #expect(SupportedCountries.primary.count == 188)
        #expect(!SupportedCountries.asOf.isEmpty)
    }
}
