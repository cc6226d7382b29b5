import DoctorClientURLSession
import DoctorCore
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One table of Apple's URL-loading errors serves the live adapter and `explain`: a `URLError`
/// an app catches and the same error printed into a log are the same failure and the same cause.
@Suite("URLError table")
struct URLErrorTableTests {
    @Test(
        "every code of the table maps a live URLError and its printed form to the same cause",
        arguments: AppleURLErrors.table.filter(\.decides).map(\.code))
    func liveAndPrintedAgree(_ code: Int) throws {
        let entry = try #require(AppleURLErrors.entry(code: code))
        let urlCode = try #require(URLError.Code(rawValue: code))
        let live = try #require(URLSessionTransport.transportFailure(for: URLError(urlCode)))
        #expect(live.phase == entry.phase && live.kind == entry.kind)
        let printed = "Error Domain=NSURLErrorDomain Code=\(code) \"\(entry.sentences.first ?? "")\" UserInfo={}"
        let fromText = try #require(EvidenceExtractor.extract(from: printed).first)
        #expect(fromText.transport?.phase == entry.phase && fromText.transport?.kind == entry.kind, "\(printed)")
        let liveCause = Diagnoser.diagnose(Evidence(form: .probe, transport: live)).cause
        #expect(Diagnoser.diagnose(fromText).cause == liveCause)
    }
}
