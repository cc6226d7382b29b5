/// Firefox's network stack (Necko, NSPR, NSS), as extensions and Zotero plugins running in it
/// report a failed request: the complete networking and TLS part of each list.
///
/// Firefox prints its error page as "An error occurred during a connection to HOST. <text>
/// Error code: <CODE>", and plugins log the code alone; people retype the code with spaces
/// (`PR END OF FILE ERROR`), which the tables read too (``TransportPatterns/rows``).
enum GeckoErrors {
    /// The rows: Necko's `NS_ERROR_*` results, NSPR's `PR_*_ERROR` codes with the texts NSPR
    /// gives them, NSS's `SEC_ERROR_*`/`SSL_ERROR_*` and mozilla::pkix's codes.
    ///
    /// Sources: mozilla/gecko-dev `xpcom/base/ErrorList.py` (NS_ERROR_*); `nsprpub/pr/include/
    /// prerr.h` (every `PR_*_ERROR` with its text as the comment above it: "Encountered end of
    /// file", "Connection attempt timed out", "I/O operation timed out", "A directory lookup on a
    /// network address has failed"…); `security/manager/locales/en-US/chrome/pipnss/
    /// nsserrors.properties` (a6161d4: SEC_ERROR_*, SSL_ERROR_*, MOZILLA_PKIX_ERROR_* with their
    /// texts). Mapped as the other TLS tables map the same failure (``TLSFailures``): a
    /// certificate that is not the site's decides, a peer's alert is a protocol error, and
    /// revocation, OCSP, key-usage and cipher choice do not decide.
    static let table = TransportTable(
        name: "Firefox/Gecko",
        source:
            "mozilla/gecko-dev xpcom/base/ErrorList.py, nsprpub/pr/include/prerr.h, security/manager/locales/en-US/chrome/pipnss/nsserrors.properties @a6161d4",
        rows: necko + nspr + nss)

    /// Necko's results (xpcom/base/ErrorList.py).
    static let necko: [TransportText] = [
        .code("NS_ERROR_UNKNOWN_HOST", .dns, .nameNotFound),
        .code("NS_ERROR_CONNECTION_REFUSED", .connect, .refused),
        .code("NS_ERROR_NET_TIMEOUT", .connect, .timedOut),
        .code("NS_ERROR_NET_RESET", .connect, .reset),
        .code("NS_ERROR_NET_INTERRUPT", .response, .closed),
        .code("NS_ERROR_OFFLINE", .connect, .unreachable),
        .code("NS_ERROR_PROXY_CONNECTION_REFUSED", .proxy, .refused),
        .code("NS_ERROR_UNKNOWN_PROXY_HOST", .proxy, .refused),
    ]

    /// NSPR's networking codes and their texts (nsprpub/pr/include/prerr.h).
    static let nspr: [TransportText] = [
        .code("PR_END_OF_FILE_ERROR", .tls, .closed),
        // NSPR's text for it: a generic phrase, so any sentence beside it wins.
        .summary("Encountered end of file", .tls, .closed),
        .code("PR_CONNECT_RESET_ERROR", .connect, .reset),
        .says("TCP connection reset by peer", .connect, .reset),
        .code("PR_CONNECT_REFUSED_ERROR", .connect, .refused),
        .says("Connection refused by peer", .connect, .refused),
        .code("PR_CONNECT_TIMEOUT_ERROR", .connect, .timedOut),
        .says("Connection attempt timed out", .connect, .timedOut),
        .code("PR_IO_TIMEOUT_ERROR", .response, .timedOut),
        .says("I/O operation timed out", .response, .timedOut),
        .code("PR_NETWORK_UNREACHABLE_ERROR", .connect, .unreachable),
        .says("Network address is presently unreachable", .connect, .unreachable),
        .code("PR_HOST_UNREACHABLE_ERROR", .connect, .unreachable),
        .code("PR_NETWORK_DOWN_ERROR", .connect, .unreachable),
        .code("PR_ADDRESS_NOT_AVAILABLE_ERROR", .connect, .unreachable),
        .code("PR_CONNECT_ABORTED_ERROR", .connect, .reset),
        .code("PR_SOCKET_SHUTDOWN_ERROR", .response, .closed),
        .code("PR_DIRECTORY_LOOKUP_ERROR", .dns, .nameNotFound),
        .says("A directory lookup on a network address has failed", .dns, .nameNotFound),
        .undecidedCode("PR_NOT_CONNECTED_ERROR"),
        .undecidedCode("PR_OPERATION_ABORTED_ERROR"),
        .undecidedCode("PR_UNKNOWN_ERROR"),
    ]

    /// NSS's and mozilla::pkix's TLS codes (nsserrors.properties).
    static let nss: [TransportText] = [
        .code("SEC_ERROR_UNKNOWN_ISSUER", .tls, .certificateUntrusted),
        .says("Peer's Certificate issuer is not recognized", .tls, .certificateUntrusted),
        .code("SEC_ERROR_UNTRUSTED_ISSUER", .tls, .certificateUntrusted),
        .code("SEC_ERROR_UNTRUSTED_CERT", .tls, .certificateUntrusted),
        .code("SEC_ERROR_CA_CERT_INVALID", .tls, .certificateUntrusted),
        .code("SEC_ERROR_BAD_SIGNATURE", .tls, .certificateUntrusted),
        .code("SEC_ERROR_EXPIRED_CERTIFICATE", .tls, .certificateExpired),
        .says("Peer's Certificate has expired", .tls, .certificateExpired),
        .code("SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE", .tls, .certificateExpired),
        .code("SSL_ERROR_BAD_CERT_DOMAIN", .tls, .hostnameMismatch),
        .says("requested domain name does not match the server's certificate", .tls, .hostnameMismatch),
        .code("MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT", .tls, .selfSigned),
        .code("MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE", .tls, .certificateExpired),
        .code("MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE", .tls, .certificateExpired),
        .code("MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY", .tls, .certificateUntrusted),
        // A chain that does not match the site's pinned keys: a certificate that is not the site's.
        .code("MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE", .tls, .certificateUntrusted),
        // The peer's alerts and a record no TLS server sends (TLS spoken to a plain-HTTP port).
        .code("SSL_ERROR_HANDSHAKE_FAILURE_ALERT", .tls, .protocolError),
        .code("SSL_ERROR_PROTOCOL_VERSION_ALERT", .tls, .protocolError),
        .code("SSL_ERROR_INTERNAL_ERROR_ALERT", .tls, .protocolError),
        .code("SSL_ERROR_UNKNOWN_CA_ALERT", .tls, .protocolError),
        .code("SSL_ERROR_ACCESS_DENIED_ALERT", .tls, .protocolError),
        .code("SSL_ERROR_UNRECOGNIZED_NAME_ALERT", .tls, .protocolError),
        .code("SSL_ERROR_RX_RECORD_TOO_LONG", .tls, .protocolError),
        .code("SSL_ERROR_BAD_MAC_READ", .tls, .protocolError),
        .code("SSL_ERROR_CLOSE_NOTIFY_ALERT", .tls, .closed),
        .undecidedCode("SSL_ERROR_NO_CYPHER_OVERLAP"),
        .undecidedCode("SSL_ERROR_UNSUPPORTED_VERSION"),
        .undecidedCode("SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT"),
        .undecidedCode("SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL"),
        .undecidedCode("SEC_ERROR_REVOKED_CERTIFICATE"),
        .undecidedCode("SEC_ERROR_INADEQUATE_KEY_USAGE"),
        .undecidedCode("SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED"),
        .undecidedCode("SEC_ERROR_OCSP_SERVER_ERROR"),
        .undecidedCode("SEC_ERROR_OCSP_UNKNOWN_CERT"),
        .undecidedCode("SEC_ERROR_OCSP_BAD_HTTP_RESPONSE"),
        .undecidedCode("SEC_ERROR_OCSP_TRY_SERVER_LATER"),
        .undecidedCode("SEC_ERROR_OCSP_OLD_RESPONSE"),
        .undecidedCode("SEC_ERROR_OCSP_FUTURE_RESPONSE"),
        .undecidedCode("MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED"),
        .undecidedCode("MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE"),
        .undecidedCode("MOZILLA_PKIX_ERROR_ISSUER_NO_LONGER_TRUSTED"),
    ]
}
