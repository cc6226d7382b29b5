import DoctorCore
import NIOSSL
import SwiftASN1
import Synchronization
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Validates a presented chain against the system trust store plus `--cacert`, and records it.
///
/// NIOSSL's custom verification callback hands over the full chain as the server sent it; that
/// chain is recorded (subjects, issuers, validity) whether or not it validates, which is what
/// names an intercepting product. Validation uses swift-certificates' RFC 5280 and server
/// identity policies. An untrusted chain fails the handshake, so no credential is ever sent
/// into an intercepted connection.
enum TLSVerification {
    /// What the callback saw, shared with the code awaiting the handshake.
    final class Observation: Sendable {
        struct State {
            var chain: [CertificateSummary] = []
            var failure: TransportFailure.Kind?
            var trusted = false
        }

        let state = Mutex(State())
    }

    /// Parses every certificate of a PEM bundle.
    static func certificates(fromPEM text: String) -> [Certificate] {
        var result: [Certificate] = []
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        var rest = Substring(text)
        while let start = rest.firstRange(of: begin), let stop = rest[start.upperBound...].firstRange(of: end) {
            let block = String(rest[start.lowerBound..<stop.upperBound])
            if let certificate = try? Certificate(pemEncoded: block) { result.append(certificate) }
            rest = rest[stop.upperBound...]
        }
        return result
    }

    /// A readable summary of one certificate.
    static func summary(_ certificate: Certificate) -> CertificateSummary {
        CertificateSummary(
            subject: String(describing: certificate.subject), issuer: String(describing: certificate.issuer),
            notBefore: ISO8601Timestamp.formatUTC(
                secondsSince1970: Int64(certificate.notValidBefore.timeIntervalSince1970)),
            notAfter: ISO8601Timestamp.formatUTC(
                secondsSince1970: Int64(certificate.notValidAfter.timeIntervalSince1970)))
    }

    /// Validates the presented chain and records it in `observation`.
    ///
    /// - Returns: Whether the chain is trusted for `host`.
    static func verify(
        presented: [NIOSSLCertificate], host: String, extraRoots: [Certificate], useSystemStore: Bool,
        observation: Observation
    ) async -> Bool {
        let parsed = presented.compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
        let summaries = parsed.map(summary)
        observation.state.withLock { $0.chain = summaries }
        guard let leaf = parsed.first else {
            observation.state.withLock { $0.failure = .certificateUntrusted }
            return false
        }
        var roots = useSystemStore ? CertificateStore.systemTrustRoots : CertificateStore()
        roots = roots.appending(contentsOf: extraRoots)
        let intermediates = CertificateStore(parsed.dropFirst())
        let now = Date()
        let isIP = IPAddress(host) != nil
        var full = Verifier(rootCertificates: roots) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: isIP ? nil : host, serverIP: isIP ? host : nil)
        }
        if case .validCertificate = await full.validate(leaf: leaf, intermediates: intermediates) {
            observation.state.withLock { $0.trusted = true }
            return true
        }
        // Say why: expiry, then trust, then the name.
        let kind: TransportFailure.Kind
        if parsed.contains(where: { $0.notValidAfter < now || $0.notValidBefore > now }) {
            kind = .certificateExpired
        } else {
            var chainOnly = Verifier(rootCertificates: roots) { RFC5280Policy() }
            if case .validCertificate = await chainOnly.validate(leaf: leaf, intermediates: intermediates) {
                kind = .hostnameMismatch
            } else if parsed.count == 1 && leaf.subject == leaf.issuer {
                kind = .selfSigned
            } else if let top = parsed.last, parsed.count > 1, top.subject == top.issuer {
                kind = .selfSigned
            } else {
                kind = .certificateUntrusted
            }
        }
        observation.state.withLock { $0.failure = kind }
        return false
    }
}
