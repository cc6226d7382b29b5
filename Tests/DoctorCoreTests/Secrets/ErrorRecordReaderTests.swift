import Foundation
import Testing

@testable import DoctorCore

/// The census behind `audit`: a line's shape decides whether a cached verdict applies.
@Suite("Error record lines")
struct ErrorRecordReaderTests {
    static func key(_ line: String) -> Int {
        var copy = line
        return copy.withUTF8 { ErrorRecordReader.shapeKey($0) }
    }

    // Real wording (errors-catalogue.md: openai-python's RateLimitError and the region refusal).
    static let quota = #"2026-11-26T10:09:25.666Z ERROR openai.RateLimitError: Error code: 429 - {"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}} request_id=req_23b1612dd272d1371c17149d439536b3"#

    @Test("lines that differ only in times, ids and counts share a shape")
    func idsAndTimesFold() {
        let other = Self.quota
            .replacingOccurrences(of: "2026-11-26T10:09:25.666Z", with: "2026-12-01T23:59:59.001Z")
            .replacingOccurrences(of: "req_23b1612dd272d1371c17149d439536b3", with: "req_9f")
        #expect(Self.key(other) == Self.key(Self.quota))
    }

    @Test("status codes, words and punctuation change the shape")
    func wordingCounts() {
        let base = Self.key(Self.quota)
        #expect(Self.key(Self.quota.replacingOccurrences(of: "code: 429", with: "code: 403")) != base)
        #expect(Self.key(Self.quota.replacingOccurrences(of: "insufficient_quota\"}}", with: "rate_limit_exceeded\"}}")) != base)
        #expect(Self.key(Self.quota.replacingOccurrences(of: "\"param\": null", with: "\"param\": nul")) != base)
        #expect(Self.key(Self.quota.replacingOccurrences(of: " - {", with: " -{")) != base)
        // A folded id is not the literal mark: `a1 b` and `# b` differ.
        #expect(Self.key("x a1 b") != Self.key("x # b"))
        #expect(Self.key("") == Self.key(""))
    }

    @Test("a cached verdict is reused only for the same shape")
    func cacheFollowsShape() {
        var reader = ErrorRecordReader()
        func record(_ line: String) -> ErrorRecordReader.Record? {
            var copy = line
            return copy.withUTF8 { reader.record(in: $0) }
        }
        let first = record(Self.quota)
        #expect(first?.cause == .billingQuotaExceeded)
        #expect(first?.requestID == "req_23b1612dd272d1371c17149d439536b3")
        #expect(first?.hour == "2026-11-26T10")
        let region = #"2026-11-26T11:00:00.000Z ERROR openai.PermissionDeniedError: Error code: 403 - {"error": {"code": "unsupported_country_region_territory", "message": "Country, region, or territory not supported", "param": null, "type": "request_forbidden"}}"#
        #expect(record(region)?.cause == .regionUnsupported)
        #expect(record("2026-11-26T11:00:00.000Z INFO no failure here, error handling is fine") == nil)
    }
}
