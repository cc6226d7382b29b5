import Foundation
import Testing

@testable import DoctorCore
@testable import DoctorScan

/// The census behind `audit`: a line's shape decides whether a cached verdict applies.
@Suite("Error record lines")
struct ErrorRecordReaderTests {
    static func key(_ line: String) -> Int {
        var copy = line
        return copy.withUTF8 { ErrorRecordReader.shapeKey($0) }
    }

    // Real wording (docs/errors-catalogue.md: openai-python's RateLimitError and the region refusal).
    static let quota =
        #"2026-11-26T10:09:25.666Z ERROR openai.RateLimitError: Error code: 429 - {"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}} request_id=req_23b1612dd272d1371c17149d439536b3"#

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
        #expect(
            Self.key(Self.quota.replacingOccurrences(of: "insufficient_quota\"}}", with: "rate_limit_exceeded\"}}"))
                != base)
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
        let region =
            #"2026-11-26T11:00:00.000Z ERROR openai.PermissionDeniedError: Error code: 403 - {"error": {"code": "unsupported_country_region_territory", "message": "Country, region, or territory not supported", "param": null, "type": "request_forbidden"}}"#
        #expect(record(region)?.cause == .regionUnsupported)
        #expect(record("2026-11-26T11:00:00.000Z INFO no failure here, error handling is fine") == nil)
    }

    static func withBytes<T>(_ line: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var copy = line
        return copy.withUTF8(body)
    }

    @Test("the hour of the first ISO 8601 date-time, with T or a space, as a number and as text")
    func hours() {
        #expect(Self.withBytes(Self.quota) { ErrorRecordReader.hourStamp(in: $0) } == 2_026_112_610)
        #expect(
            Self.withBytes("[2025-01-02 03:04:05] openai.error.RateLimitError") { ErrorRecordReader.hourStamp(in: $0) }
                == 2_025_010_203)
        #expect(Self.withBytes("at 12:00 on 2026/11/26, error 429") { ErrorRecordReader.hourStamp(in: $0) } == nil)
        #expect(ErrorRecordReader.hourText(2_026_112_610) == "2026-11-26T10")
        #expect(ErrorRecordReader.hourText(2_025_010_203) == "2025-01-02T03")
    }

    @Test("the census counts records by cause and hour, keeps the first distinct request ids, and names the file")
    func census() throws {
        var census = ErrorRecordCensus()
        var reader = ErrorRecordReader()
        func add(_ line: String) {
            Self.withBytes(line) { bytes in
                if let cause = reader.cause(of: bytes) { census.add(cause, line: bytes) }
            }
        }
        let region =
            #"2026-11-26T11:00:00.000Z ERROR openai.PermissionDeniedError: Error code: 403 - {"error": {"code": "unsupported_country_region_territory", "message": "Country, region, or territory not supported", "param": null, "type": "request_forbidden"}}"#
        add(Self.quota)
        add(Self.quota)  // the same request id again: counted, not listed twice
        add(region)
        for n in 0..<(ErrorRecordTally.requestIDLimit + 3) {
            add(
                Self.quota.replacingOccurrences(of: "T10:", with: "T12:").replacingOccurrences(
                    of: "23b1612d", with: "0000\(String(format: "%04d", n))"))
        }
        add("2026-11-26T11:00:00.000Z INFO no failure here, error handling is fine")
        let tallies = census.tallies(path: "app.log")
        #expect(Set(tallies.keys) == [.billingQuotaExceeded, .regionUnsupported])
        let quota = try #require(tallies[.billingQuotaExceeded])
        #expect(quota.count == 2 + ErrorRecordTally.requestIDLimit + 3)
        #expect(quota.byHour == ["2026-11-26T10": 2, "2026-11-26T12": ErrorRecordTally.requestIDLimit + 3])
        #expect(quota.requestIDs.count == ErrorRecordTally.requestIDLimit)
        #expect(quota.requestIDs.first == "req_23b1612dd272d1371c17149d439536b3")
        #expect(Set(quota.requestIDs).count == quota.requestIDs.count)
        #expect(quota.files == ["app.log"])
        #expect(tallies[.regionUnsupported]?.count == 1)
        #expect(tallies[.regionUnsupported]?.requestIDs == [])
        #expect(tallies[.regionUnsupported]?.byHour == ["2026-11-26T11": 1])
    }

    @Test("readers of one audit share their verdicts by shape")
    func sharedVerdicts() {
        let shared = ErrorRecordReader.SharedVerdicts()
        var first = ErrorRecordReader(shared: shared)
        let key = Self.key(Self.quota)
        #expect(shared.verdict(key) == nil)
        #expect(Self.withBytes(Self.quota) { first.cause(of: $0) } == .billingQuotaExceeded)
        #expect(shared.verdict(key) == .some(.billingQuotaExceeded))
        let quiet = "2026-11-26T11:00:00.000Z INFO no failure here, error handling is fine"
        #expect(Self.withBytes(quiet) { first.cause(of: $0) } == nil)
        #expect(shared.verdict(Self.key(quiet)) == .some(nil))  // "no record" is a verdict too
        var second = ErrorRecordReader(shared: shared)
        let other = Self.quota.replacingOccurrences(
            of: "req_23b1612dd272d1371c17149d439536b3", with: "req_0123456789abcdef")
        #expect(Self.withBytes(other) { second.cause(of: $0) } == .billingQuotaExceeded)
    }
}
