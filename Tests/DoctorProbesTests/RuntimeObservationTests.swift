import DoctorCore
import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorProbes

/// What the tool reads back from a runtime's probe: regressions from the `runtime-output` fuzz
/// target (Fuzz/README.md), each from the finding's shape.
@Suite("runtime probe output")
struct RuntimeObservationTests {
    /// curl's write-out after `body`, as the curl probe's standard output carries it.
    static func curlOutput(body: String, status: Int = 401) -> [UInt8] {
        Array(
            (body + RuntimeObservation.curlMarker
                + #"{"http_code": \#(status), "remote_ip": "127.0.0.1", "remote_port": 443, "exitcode": 0, "curl_version": "libcurl/7.88.1 OpenSSL/3.0.19"}"#)
                .utf8)
    }

    @Test("a key standing across curl's 2,000-character body excerpt is redacted before the cut, not left as a piece")
    func keyAcrossCurlExcerpt() throws {
        let key = TestKey.make(.xai)
        let body = String(repeating: "z ", count: 975) + key + " trailing words"
        let observation = try #require(
            RuntimeObservation.parse(curlOutput: Self.curlOutput(body: body), trace: "", key: nil))
        let kept = try #require(observation.body)
        #expect(kept.count <= 2000)
        #expect(!kept.contains(String(key.dropFirst(12).prefix(24))), "\(kept.suffix(80))")
        #expect(kept.hasPrefix("z z z"))
    }

    @Test("a body that ends in a lone CR still has its write-out found: the marker is looked for among bytes")
    func bodyEndingInCarriageReturn() throws {
        let observation = try #require(
            RuntimeObservation.parse(curlOutput: Self.curlOutput(body: "{\"error\": {}}\r"), trace: "", key: nil))
        #expect(observation.status == 401)
        #expect(observation.body == "{\"error\": {}}\r")
    }

    @Test("a probe's JSON line holding U+2028 (Node's JSON.stringify leaves it raw) is one line, not two")
    func lineSeparatorInsideAString() throws {
        let line = "{\"runtime\": \"node\", \"status\": 403, \"body\": \"blocked\u{2028}by policy\"}\n"
        let observation = try #require(RuntimeObservation.parse(programOutput: Array(line.utf8), key: nil))
        #expect(observation.status == 403)
        #expect(observation.body == "blocked\u{2028}by policy")
    }
}
