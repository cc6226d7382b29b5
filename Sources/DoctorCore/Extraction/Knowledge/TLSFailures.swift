/// TLS failures as each TLS stack prints them: which say the certificate presented is not the
/// API's public one (interception, a missing CA bundle), which say the handshake broke, and
/// which do not decide.
///
/// A certificate the client does not trust, a self-signed chain, a name that does not match,
/// an expired certificate: `tls.intercepted` (causes.md). A handshake that broke on the wire
/// (an alert, a plain-HTTP answer): a protocol error, `tls.intercepted` with low confidence, or
/// `proxy.misconfigured` through a proxy. A handshake the far end closed (an EOF where a record
/// was due, "Remote host terminated the handshake"): `network.connect` with low confidence, or
/// `proxy.misconfigured` through a proxy. Revocation, OCSP, key-usage and
/// policy failures, and the client's own certificate, do not decide.
enum TLSFailures {
    /// OpenSSL's `X509_verify_cert_error_string` texts (what Python, curl, PHP, Ruby and Node
    /// print after `certificate verify failed: `), and the `X509_V_ERR_` names Node gives as
    /// `err.code` (`UNABLE_TO_GET_ISSUER_CERT_LOCALLY`).
    ///
    /// Sources: openssl/openssl `crypto/x509/x509_txt.c` (0223dfc, OpenSSL 3.x; 1.1.x printed
    /// `self signed certificate` without the hyphen); nodejs/node `src/crypto/crypto_common.cc`
    /// `X509ErrorCode` (020ffbf) and `doc/api/tls.md`.
    static let openSSLVerify = TransportTable(
        name: "OpenSSL X509 verification",
        source:
            "openssl/openssl crypto/x509/x509_txt.c @0223dfc (3.x; 1.1.x wording where it differs); nodejs/node src/crypto/crypto_common.cc X509ErrorCode @020ffbf",
        rows: [
            .says("unable to get local issuer certificate", .tls, .certificateUntrusted),
            .says("unable to get issuer certificate", .tls, .certificateUntrusted),
            .says("self-signed certificate in certificate chain", .tls, .selfSigned),
            .says("self signed certificate in certificate chain", .tls, .selfSigned),
            .says("self-signed certificate", .tls, .selfSigned),
            .says("self signed certificate", .tls, .selfSigned),
            .says("unable to verify the first certificate", .tls, .certificateUntrusted),
            .says("certificate has expired", .tls, .certificateExpired),
            .says("certificate is not yet valid", .tls, .certificateExpired),
            .says("certificate not trusted", .tls, .certificateUntrusted),
            .says("certificate rejected", .tls, .certificateUntrusted),
            .says("invalid CA certificate", .tls, .certificateUntrusted),
            .says("invalid non-CA certificate (has CA markings)", .tls, .certificateUntrusted),
            .says("issuer certificate doesn't have a public key", .tls, .certificateUntrusted),
            .says("hostname mismatch", .tls, .hostnameMismatch),
            .says("IP address mismatch", .tls, .hostnameMismatch),
            .undecided("unable to get certificate CRL"),
            .undecided("unable to decrypt certificate's signature"),
            .undecided("certificate signature failure"),
            .undecided("format error in certificate's notBefore field"),
            .undecided("format error in certificate's notAfter field"),
            .undecided("certificate chain too long"),
            .undecided("certificate revoked"),
            .undecided("path length constraint exceeded"),
            .undecided("unsuitable certificate purpose"),
            .undecided("unhandled critical extension"),
            .undecided("key usage does not include certificate signing"),
            .undecided("unspecified certificate verification error"),
            .undecided("OCSP verification failed"),
            .undecided("CA certificate key too weak"),
            .undecided("EE certificate key too weak"),
            .undecided("CA signature digest algorithm too weak"),
            .undecided("Basic Constraints of CA cert not marked critical"),
            .undecided("Missing Authority Key Identifier"),
            .undecided("Certificate public key has explicit ECC parameters"),
            .code("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", .tls, .certificateUntrusted),
            .code("UNABLE_TO_GET_ISSUER_CERT", .tls, .certificateUntrusted),
            .code("SELF_SIGNED_CERT_IN_CHAIN", .tls, .selfSigned),
            .code("DEPTH_ZERO_SELF_SIGNED_CERT", .tls, .selfSigned),
            .code("UNABLE_TO_VERIFY_LEAF_SIGNATURE", .tls, .certificateUntrusted),
            .code("CERT_HAS_EXPIRED", .tls, .certificateExpired),
            .code("CERT_NOT_YET_VALID", .tls, .certificateExpired),
            .code("CERT_UNTRUSTED", .tls, .certificateUntrusted),
            .code("CERT_REJECTED", .tls, .certificateUntrusted),
            .code("INVALID_CA", .tls, .certificateUntrusted),
            .code("HOSTNAME_MISMATCH", .tls, .hostnameMismatch),
            .code("ERR_TLS_CERT_ALTNAME_INVALID", .tls, .hostnameMismatch),
            .says("Hostname/IP does not match certificate's altnames", .tls, .hostnameMismatch),  // node lib/tls.js
            .undecidedCode("CERT_REVOKED"), .undecidedCode("CERT_SIGNATURE_FAILURE"),
            .undecidedCode("UNABLE_TO_GET_CRL"), .undecidedCode("CERT_CHAIN_TOO_LONG"),
            .undecidedCode("INVALID_PURPOSE"), .undecidedCode("PATH_LENGTH_EXCEEDED"),
        ])

    /// The handshake's own failures in OpenSSL and BoringSSL (`[SSL: WRONG_VERSION_NUMBER]`,
    /// Dart's `WRONG_VERSION_NUMBER(tls_record.cc:231)`), and Python's `ssl` module.
    ///
    /// Sources: openssl/openssl `ssl/ssl_err.c` reason strings (3.x); google/boringssl
    /// `include/openssl/ssl.h` `SSL_R_` names; CPython `Modules/_ssl.c` (`Hostname mismatch,
    /// certificate is not valid for '%S'.`, the `[SSL: …]` format) and `Lib/ssl.py`.
    static let handshake = TransportTable(
        name: "OpenSSL/BoringSSL handshake, Python ssl",
        source:
            "openssl/openssl ssl/ssl_err.c (3.x); google/boringssl include/openssl/ssl.h SSL_R_*; cpython Modules/_ssl.c, Lib/ssl.py",
        rows: [
            .says("certificate verify failed", .tls, .certificateUntrusted),
            .code("CERTIFICATE_VERIFY_FAILED", .tls, .certificateUntrusted),
            .code("SSLCertVerificationError", .tls, .certificateUntrusted),
            .says("Hostname mismatch, certificate is not valid for '", .tls, .hostnameMismatch),
            .says("IP address mismatch, certificate is not valid for '", .tls, .hostnameMismatch),
            .says("doesn't match either of", .tls, .hostnameMismatch),  // Lib/ssl.py match_hostname (≤3.6)
            .says("wrong version number", .tls, .protocolError),
            .code("WRONG_VERSION_NUMBER", .tls, .protocolError),
            .says("unexpected eof while reading", .tls, .closed),
            .code("UNEXPECTED_EOF_WHILE_READING", .tls, .closed),
            .says("EOF occurred in violation of protocol", .tls, .closed),
            .code("SSLEOFError", .tls, .closed),
            .says("sslv3 alert handshake failure", .tls, .protocolError),
            .code("SSLV3_ALERT_HANDSHAKE_FAILURE", .tls, .protocolError),
            .says("tlsv1 alert protocol version", .tls, .protocolError),
            .code("TLSV1_ALERT_PROTOCOL_VERSION", .tls, .protocolError),
            .says("tlsv1 alert unknown ca", .tls, .protocolError),
            .says("tlsv1 alert internal error", .tls, .protocolError),
            .says("tlsv1 unrecognized name", .tls, .protocolError),
            .says("packet length too long", .tls, .protocolError),
            .says("decryption failed or bad record mac", .tls, .protocolError),
            .code("HANDSHAKE_FAILURE_ON_CLIENT_HELLO", .tls, .protocolError),
            .code("SSL_ERROR_SYSCALL", .tls, .protocolError),
            .undecided("unsupported protocol"),  // a client or server refusing old TLS versions
            .undecided("dh key too small"),
            .undecided("no shared cipher"),
            .undecided("certificate key too weak"),
            .undecidedCode("SSLZeroReturnError"),
        ])

    /// rustls (`invalid peer certificate: UnknownIssuer`), as reqwest, hyper-rustls and Deno print
    /// it.
    ///
    /// Source: rustls/rustls `rustls/src/error.rs` (00d7ac5; `Display` of `Error`, `Debug` names
    /// of `CertificateError`, which 0.23 extends with `…Context` variants that keep the prefix).
    static let rustls = TransportTable(
        name: "rustls",
        source: "rustls/rustls rustls/src/error.rs @00d7ac5 (Display for Error, CertificateError variants)",
        rows: [
            .says("invalid peer certificate: UnknownIssuer", .tls, .certificateUntrusted),
            .says("invalid peer certificate: BadSignature", .tls, .certificateUntrusted),
            .says("invalid peer certificate: Expired", .tls, .certificateExpired),
            .says("invalid peer certificate: NotValidYet", .tls, .certificateExpired),
            .says("invalid peer certificate: NotValidForName", .tls, .hostnameMismatch),
            .says("invalid peer certificate: Revoked", .tls, .certificateUntrusted),
            .says("invalid peer certificate: BadEncoding", .tls, .certificateUntrusted),
            .says("invalid peer certificate: UnhandledCriticalExtension", .tls, .certificateUntrusted),
            .says("invalid peer certificate: Other", .tls, .certificateUntrusted),
            .says("received fatal alert: ", .tls, .protocolError),
            .says("received corrupt message", .tls, .protocolError),
            .says("received unexpected message: got ", .tls, .protocolError),
            .undecided("peer is incompatible: "),
            .undecided("peer misbehaved: "),
            .undecided("peer sent no certificates"),
        ])

    /// Go's `crypto/x509` and `crypto/tls` errors, and `net/http`'s handshake timeout.
    ///
    /// Sources: golang/go `src/crypto/x509/verify.go` (0184fe5), `src/crypto/tls/alert.go`
    /// (09678f4, `alertText`, printed `remote error: tls: …`), `src/crypto/tls/conn.go` (`first
    /// record does not look like a TLS handshake`), `src/crypto/tls/handshake_client.go` (`tls:
    /// failed to verify certificate: `, Go 1.20+), `src/net/http/transport.go` (`net/http: TLS
    /// handshake timeout`).
    static let go = TransportTable(
        name: "Go crypto/x509, crypto/tls",
        source:
            "golang/go src/crypto/x509/verify.go @0184fe5, src/crypto/tls/alert.go @09678f4, conn.go, handshake_client.go, src/net/http/transport.go",
        rows: [
            .says("x509: certificate signed by unknown authority", .tls, .certificateUntrusted),
            .says("x509: certificate has expired or is not yet valid", .tls, .certificateExpired),
            .says("x509: certificate is valid for ", .tls, .hostnameMismatch),
            .says("x509: certificate is not valid for any names", .tls, .hostnameMismatch),
            .says("x509: cannot validate certificate for ", .tls, .hostnameMismatch),
            .says("x509: certificate relies on legacy Common Name field", .tls, .hostnameMismatch),
            .says("x509: certificate is not authorized to sign other certificates", .tls, .certificateUntrusted),
            .says("x509: failed to load system roots and no roots provided", .tls, .certificateUntrusted),
            .undecided("x509: certificate specifies an incompatible key usage"),
            .undecided("x509: too many intermediates for path length constraint"),
            .summary("tls: failed to verify certificate: ", .tls, .certificateUntrusted),
            .says("tls: first record does not look like a TLS handshake", .tls, .protocolError),
            .says("remote error: tls: handshake failure", .tls, .protocolError),
            .says("remote error: tls: unknown certificate authority", .tls, .protocolError),
            .says("remote error: tls: bad certificate", .tls, .protocolError),
            .says("remote error: tls: protocol version not supported", .tls, .protocolError),
            .says("remote error: tls: internal error", .tls, .protocolError),
            .says("remote error: tls: access denied", .tls, .protocolError),
            .says("tls: server selected unsupported protocol version", .tls, .protocolError),
            .says("net/http: TLS handshake timeout", .connect, .timedOut),
        ])

    /// The JVM's (JSSE) certificate-path and handshake exceptions, as Java, Kotlin, OkHttp and
    /// Spring print them.
    ///
    /// Sources: openjdk/jdk `src/java.base/share/classes/sun/security/util/HostnameChecker.java`
    /// (046262a), `sun/security/validator/PKIXValidator.java` (`PKIX path building failed`,
    /// `PKIX path validation failed`), `sun/security/provider/certpath/SunCertPathBuilder.java`
    /// (`unable to find valid certification path to requested target`), `sun/security/ssl/
    /// Alert.java` (`Received fatal alert: `), `SSLSocketImpl.java` (`Remote host terminated the
    /// handshake`), `SSLSocketInputRecord.java` (`Unsupported or unrecognized SSL message`).
    static let jvm = TransportTable(
        name: "JVM (JSSE)",
        source:
            "openjdk/jdk src/java.base/share/classes/sun/security/util/HostnameChecker.java @046262a, validator/PKIXValidator.java, provider/certpath/SunCertPathBuilder.java, ssl/Alert.java, ssl/SSLSocketImpl.java",
        rows: [
            .says("PKIX path building failed", .tls, .certificateUntrusted),
            .says("unable to find valid certification path to requested target", .tls, .certificateUntrusted),
            .code("SunCertPathBuilderException", .tls, .certificateUntrusted),
            .says("PKIX path validation failed", .tls, .certificateUntrusted),
            .code("CertificateExpiredException", .tls, .certificateExpired),
            .code("CertificateNotYetValidException", .tls, .certificateExpired),
            .says("No subject alternative DNS name matching ", .tls, .hostnameMismatch),
            .says("No subject alternative names matching IP address ", .tls, .hostnameMismatch),
            .says("No subject alternative names present", .tls, .hostnameMismatch),
            .says("Received fatal alert: handshake_failure", .tls, .protocolError),
            .says("Received fatal alert: protocol_version", .tls, .protocolError),
            .says("Received fatal alert: certificate_unknown", .tls, .protocolError),
            .says("Remote host terminated the handshake", .tls, .closed),
            .says("Remote host closed connection during handshake", .tls, .closed),
            .says("Unsupported or unrecognized SSL message", .tls, .protocolError),
            .undecidedCode("SSLHandshakeException"),
            .undecidedCode("SSLPeerUnverifiedException"),
        ])

    /// .NET's `SslStream`/`HttpClient` TLS failures.
    ///
    /// Sources: dotnet/runtime `src/libraries/System.Net.Http/src/Resources/Strings.resx`
    /// (`net_http_ssl_connection_failed`), `src/libraries/System.Net.Security/src/Resources/
    /// Strings.resx` (`net_ssl_io_cert_validation`, `net_ssl_io_cert_chain_validation`,
    /// `net_auth_eof`, `net_io_eof`), and the `SslPolicyErrors` enum names
    /// (learn.microsoft.com System.Net.Security.SslPolicyErrors).
    static let dotnet = TransportTable(
        name: ".NET SslStream",
        source:
            "dotnet/runtime System.Net.Http and System.Net.Security Strings.resx; learn.microsoft.com SslPolicyErrors, X509ChainStatusFlags",
        rows: [
            .summary("The SSL connection could not be established", .tls, .handshakeFailed),
            .says(
                "The remote certificate is invalid according to the validation procedure", .tls, .certificateUntrusted),
            .says(
                "The remote certificate is invalid because of errors in the certificate chain", .tls,
                .certificateUntrusted),
            .code("RemoteCertificateNameMismatch", .tls, .hostnameMismatch),
            .code("RemoteCertificateChainErrors", .tls, .certificateUntrusted),
            .undecidedCode("RemoteCertificateNotAvailable"),
            .code("UntrustedRoot", .tls, .certificateUntrusted),
            .code("PartialChain", .tls, .certificateUntrusted),
            .undecidedCode("RevocationStatusUnknown"),
            .undecidedCode("OfflineRevocation"),
            .undecided("The remote certificate was rejected by the provided RemoteCertificateValidationCallback"),
            .says(
                "Authentication failed because the remote party has closed the transport stream", .tls, .closed),
            .says("Received an unexpected EOF or 0 bytes from the transport stream", .tls, .closed),
        ])
}
