import DoctorMock
import Foundation
import Testing

/// HTTPS with generated certificates: untrusted without the CA, trusted with it, and an
/// intercepting variant whose issuer names an inspection product.
@Suite struct TLSTests {
    @Test func theLocalCAIsWrittenAndTrustedOnlyWhenGiven() async throws {
        let caPath = FileManager.default.temporaryDirectory.appendingPathComponent("mock-ca-\(UUID().uuidString).pem")
            .path
        defer { try? FileManager.default.removeItem(atPath: caPath) }
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        configuration.caCertificatePath = caPath
        try await withMockServer(configuration) { server in
            #expect(server.baseURL.hasPrefix("https://127.0.0.1:"))
            let pem = try String(contentsOfFile: caPath, encoding: .utf8)
            #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----"))
            let untrusted = try await Curl.run([server.baseURL + "/cdn-cgi/trace"])
            #expect(untrusted.exitCode == 60)  // "Peer certificate cannot be authenticated with known CA certificates"
            let trusted = try await Curl.run(["--cacert", caPath, server.baseURL + "/cdn-cgi/trace"])
            #expect(trusted.exitCode == 0)
            #expect(trusted.output.contains("visit_scheme=https") && trusted.output.contains("tls=TLSv1.3"))
        }
    }

    @Test func theInterceptingVariantIsIssuedByAnInspectionProduct() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .intercepting
        try await withMockServer(configuration) { server in
            #expect(server.certificates?.issuer.contains("Zscaler Root CA") == true)
            let result = try await Curl.run(["-v", "-k", server.baseURL + "/cdn-cgi/trace"])
            #expect(result.exitCode == 0)
            #expect(result.errorOutput.contains("Zscaler Root CA"))
        }
    }
}
