import Testing

@testable import DoctorCore

/// Inputs the fuzz targets found (Fuzz/README.md), each kept as a regression test with the
/// exact bytes the fuzzer saved.
@Suite("fuzz findings")
struct FuzzFindingTests {
    /// `page-markers` target: a Cloudflare code span holding `-8` was read as Cloudflare code -8.
    @Test("a cf-error-code span gives a Cloudflare code only for four digits of 1xxx")
    func cloudflareCodeSpan() {
        let found = Array(#"/`="class="cf-error-code">-8"#.utf8)
        let evidence = EvidenceExtractor.extract(from: found)[0]
        #expect(evidence.cloudflareCodes.isEmpty)
        let real = Array(#"<span class="cf-error-code">1020</span>"#.utf8)
        #expect(EvidenceExtractor.extract(from: real)[0].cloudflareCodes == [1020])
    }
}
