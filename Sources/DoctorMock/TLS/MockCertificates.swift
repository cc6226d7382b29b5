import Crypto
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The CA and server certificate the HTTPS mock generates at start.
///
/// The leaf names `localhost`, `127.0.0.1`, `::1` and `api.openai.com`; it is valid from one
/// hour ago for thirty days. In ``MockTLSMode/intercepting`` mode the issuing CA is named like
/// a TLS-inspection product (`C=US, O=Zscaler Inc., CN=Zscaler Root CA`), so a client
/// that trusts it can still be checked for interception by the issuer it sees.
public struct MockCertificates: Sendable {
    /// The issuing CA, PEM.
    public let caCertificatePEM: String
    /// The server's certificate, PEM.
    public let leafCertificatePEM: String
    /// The server's private key, PEM (PKCS#8).
    public let leafPrivateKeyPEM: String
    /// The CA's subject as text, e.g. `CN=Zscaler Root CA,O=Zscaler Inc.,C=US`.
    public let issuer: String

    /// Generates a fresh CA and leaf for `mode`.
    public init(mode: MockTLSMode) throws {
        let caKey = P256.Signing.PrivateKey()
        let caName: DistinguishedName
        switch mode {
        case .localCA:
            caName = try DistinguishedName {
                OrganizationName("openai-doctor")
                CommonName("openai-doctor mock CA")
            }
        case .intercepting:
            caName = try DistinguishedName {
                CountryName("US")
                OrganizationName("Zscaler Inc.")
                OrganizationalUnitName("Zscaler Inc.")
                CommonName("Zscaler Root CA")
            }
        }
        let now = Date()
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400 * 365, issuer: caName, subject: caName,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let leafKey = P256.Signing.PrivateKey()
        let leafName = try DistinguishedName { CommonName(mode == .intercepting ? "api.openai.com" : "localhost") }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400 * 30, issuer: caName, subject: leafName,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .dnsName("localhost"), .dnsName("api.openai.com"),
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                ])
            },
            issuerPrivateKey: .init(caKey))
        caCertificatePEM = try ca.serializeAsPEM().pemString + "\n"
        leafCertificatePEM = try leaf.serializeAsPEM().pemString + "\n"
        leafPrivateKeyPEM = leafKey.pemRepresentation + "\n"
        issuer = caName.description
    }
}
