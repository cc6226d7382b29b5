/// libcurl's whole error table, as the languages that wrap libcurl print it.
///
/// Source: curl's `include/curl/curl.h` (the `CURLcode` numbers) and `lib/strerror.c`
/// (`curl_easy_strerror`, the texts) at curl 8.22 (git 5c61e16, 2026-08-22), with the texts of
/// curl 7.68.0 and 7.29.0 where they differ (`Couldn't resolve host name` became
/// `Could not resolve hostname` in 8.x; `CURLE_SSL_CACERT` 60 and `CURLE_PEER_FAILED_VERIFICATION`
/// 51 were merged into 60 in 7.62); the error-buffer sentences are `failf()` calls in curl's
/// `lib/` (`vdns/hostip.c`, `cf-ip-happy.c`, `multi.c`, `transfer.c`, `http_proxy.c`,
/// `vtls/openssl.c`, `vtls/schannel.c`, `strerror.c`) at the same versions. Ruby Curb's exception
/// classes are `ext/curb_errors.c` (taf2/curb); Ethon/Typhoeus print the `CURLcode` name in
/// lowercase without `CURLE_` (`return_code=couldnt_resolve_host`).
///
/// How wrappers print them: PHP `cURL error 28: Operation timed out after …` (the error buffer),
/// the curl tool `curl: (6) Could not resolve host: …`, pycurl `pycurl.error: (6, 'Could not
/// resolve host: …')`, R's curl `Timeout was reached: [host] Operation timed out after …`
/// (strerror, then the buffer), Julia's Downloads `RequestError: Could not resolve host: …`,
/// Ruby Curb `Curl::Err::HostResolutionError: Couldn't resolve host name`.
enum CurlErrors {
    /// One `CURLcode`: its number, name, `curl_easy_strerror` texts and what it shows.
    struct CurlCode: Sendable {
        /// The number (`6`).
        let number: Int
        /// The `CURLE_` name.
        let name: String
        /// `curl_easy_strerror`'s texts, newest first.
        let texts: [String]
        /// What it shows, or `nil` when it does not decide.
        let failure: (phase: TransportFailure.Phase, kind: TransportFailure.Kind)?
        /// Ruby Curb's exception class under `Curl::Err::`.
        let curb: String?

        init(
            _ number: Int, _ name: String, _ texts: [String],
            _ failure: (phase: TransportFailure.Phase, kind: TransportFailure.Kind)?, curb: String? = nil
        ) {
            self.number = number
            self.name = name
            self.texts = texts
            self.failure = failure
            self.curb = curb
        }
    }

    /// Every `CURLcode` of curl 8.22, and the numbers 7.x used differently, by number.
    static let codes: [CurlCode] = [
        CurlCode(1, "CURLE_UNSUPPORTED_PROTOCOL", ["Unsupported protocol"], nil),
        CurlCode(2, "CURLE_FAILED_INIT", ["Failed initialization"], nil),
        CurlCode(3, "CURLE_URL_MALFORMAT", ["URL using bad/illegal format or missing URL"], (.request, .other)),
        CurlCode(
            4, "CURLE_NOT_BUILT_IN",
            [
                "A requested feature, protocol or option was not found built-in in this libcurl due to a build-time decision."
            ], nil),
        CurlCode(
            5, "CURLE_COULDNT_RESOLVE_PROXY", ["Could not resolve proxy name", "Couldn't resolve proxy name"],
            (.proxy, .refused), curb: "ProxyResolutionError"),
        CurlCode(
            6, "CURLE_COULDNT_RESOLVE_HOST", ["Could not resolve hostname", "Couldn't resolve host name"],
            (.dns, .nameNotFound), curb: "HostResolutionError"),
        CurlCode(
            7, "CURLE_COULDNT_CONNECT", ["Could not connect to server", "Couldn't connect to server"],
            (.connect, .refused), curb: "ConnectionFailedError"),
        CurlCode(8, "CURLE_FTP_WEIRD_SERVER_REPLY", ["FTP: weird server reply"], nil),
        CurlCode(8, "CURLE_WEIRD_SERVER_REPLY", ["Weird server reply"], nil),
        CurlCode(9, "CURLE_REMOTE_ACCESS_DENIED", ["Access denied to remote resource"], nil),
        CurlCode(10, "CURLE_FTP_ACCEPT_FAILED", ["FTP: The server failed to connect to data port"], nil),
        CurlCode(11, "CURLE_FTP_WEIRD_PASS_REPLY", ["FTP: unknown PASS reply"], nil),
        CurlCode(12, "CURLE_FTP_ACCEPT_TIMEOUT", ["FTP: Accepting server connect has timed out"], nil),
        CurlCode(13, "CURLE_FTP_WEIRD_PASV_REPLY", ["FTP: unknown PASV reply"], nil),
        CurlCode(14, "CURLE_FTP_WEIRD_227_FORMAT", ["FTP: unknown 227 response format"], nil),
        CurlCode(
            15, "CURLE_FTP_CANT_GET_HOST",
            [
                "FTP: cannot figure out the host in the PASV response",
                "FTP: can't figure out the host in the PASV response",
            ], nil),
        CurlCode(16, "CURLE_HTTP2", ["Error in the HTTP2 framing layer"], nil),
        CurlCode(
            17, "CURLE_FTP_COULDNT_SET_TYPE", ["FTP: could not set file type", "FTP: couldn't set file type"], nil),
        CurlCode(18, "CURLE_PARTIAL_FILE", ["Transferred a partial file"], nil),
        CurlCode(
            19, "CURLE_FTP_COULDNT_RETR_FILE",
            [
                "FTP: could not retrieve (RETR failed) the specified file",
                "FTP: couldn't retrieve (RETR failed) the specified file",
            ], nil),
        CurlCode(21, "CURLE_QUOTE_ERROR", ["Quote command returned error"], nil),
        CurlCode(22, "CURLE_HTTP_RETURNED_ERROR", ["HTTP response code said error"], nil),
        CurlCode(23, "CURLE_WRITE_ERROR", ["Failed writing received data to disk/application"], nil),
        CurlCode(25, "CURLE_UPLOAD_FAILED", ["Upload failed (at start/before it took off)"], nil),
        CurlCode(26, "CURLE_READ_ERROR", ["Failed to open/read local data from file/application"], nil),
        CurlCode(27, "CURLE_OUT_OF_MEMORY", ["Out of memory"], nil),
        CurlCode(28, "CURLE_OPERATION_TIMEDOUT", ["Timeout was reached"], (.response, .timedOut), curb: "TimeoutError"),
        CurlCode(30, "CURLE_FTP_PORT_FAILED", ["FTP: command PORT failed"], nil),
        CurlCode(31, "CURLE_FTP_COULDNT_USE_REST", ["FTP: command REST failed"], nil),
        CurlCode(33, "CURLE_RANGE_ERROR", ["Requested range was not delivered by the server"], nil),
        CurlCode(34, "CURLE_HTTP_POST_ERROR", ["Internal problem setting up the POST"], nil),
        CurlCode(
            35, "CURLE_SSL_CONNECT_ERROR", ["SSL connect error"], (.tls, .handshakeFailed), curb: "SSLConnectError"),
        CurlCode(36, "CURLE_BAD_DOWNLOAD_RESUME", ["Could not resume download", "Couldn't resume download"], nil),
        CurlCode(
            37, "CURLE_FILE_COULDNT_READ_FILE", ["Could not read a file:// file", "Couldn't read a file:// file"], nil),
        CurlCode(38, "CURLE_LDAP_CANNOT_BIND", ["LDAP: cannot bind"], nil),
        CurlCode(39, "CURLE_LDAP_SEARCH_FAILED", ["LDAP: search failed"], nil),
        CurlCode(41, "CURLE_FUNCTION_NOT_FOUND", ["A required function in the library was not found"], nil),
        CurlCode(42, "CURLE_ABORTED_BY_CALLBACK", ["Operation was aborted by an application callback"], nil),
        CurlCode(43, "CURLE_BAD_FUNCTION_ARGUMENT", ["A libcurl function was given a bad argument"], nil),
        CurlCode(45, "CURLE_INTERFACE_FAILED", ["Failed binding local connection end"], nil),
        CurlCode(47, "CURLE_TOO_MANY_REDIRECTS", ["Number of redirects hit maximum amount"], nil),
        CurlCode(48, "CURLE_UNKNOWN_OPTION", ["An unknown option was passed in to libcurl"], nil),
        CurlCode(49, "CURLE_SETOPT_OPTION_SYNTAX", ["Malformed option provided in a setopt"], nil),
        CurlCode(
            51, "CURLE_PEER_FAILED_VERIFICATION", ["SSL peer certificate or SSH remote key was not OK"],
            (.tls, .certificateUntrusted), curb: "SSLPeerCertificateError"),
        CurlCode(
            52, "CURLE_GOT_NOTHING", ["Server returned nothing (no headers, no data)"], (.response, .closed),
            curb: "GotNothingError"),
        CurlCode(53, "CURLE_SSL_ENGINE_NOTFOUND", ["SSL crypto engine not found"], nil),
        CurlCode(54, "CURLE_SSL_ENGINE_SETFAILED", ["Can not set SSL crypto engine as default"], nil),
        CurlCode(55, "CURLE_SEND_ERROR", ["Failed sending data to the peer"], (.connect, .reset), curb: "SendError"),
        CurlCode(
            56, "CURLE_RECV_ERROR", ["Failure when receiving data from the peer"], (.connect, .reset), curb: "RecvError"
        ),
        CurlCode(58, "CURLE_SSL_CERTPROBLEM", ["Problem with the local SSL certificate"], nil),
        CurlCode(
            59, "CURLE_SSL_CIPHER", ["Could not use specified SSL cipher", "Couldn't use specified SSL cipher"], nil),
        CurlCode(
            60, "CURLE_PEER_FAILED_VERIFICATION", ["SSL peer certificate or SSH remote key was not OK"],
            (.tls, .certificateUntrusted), curb: "SSLPeerCertificateError"),
        CurlCode(
            60, "CURLE_SSL_CACERT", ["Peer certificate cannot be authenticated with given CA certificates"],
            (.tls, .certificateUntrusted), curb: "SSLCACertificateError"),
        CurlCode(61, "CURLE_BAD_CONTENT_ENCODING", ["Unrecognized or bad HTTP Content or Transfer-Encoding"], nil),
        CurlCode(62, "CURLE_LDAP_INVALID_URL", ["Invalid LDAP URL"], nil),
        CurlCode(63, "CURLE_FILESIZE_EXCEEDED", ["Maximum file size exceeded"], nil),
        CurlCode(64, "CURLE_USE_SSL_FAILED", ["Requested SSL level failed"], nil),
        CurlCode(65, "CURLE_SEND_FAIL_REWIND", ["Send failed since rewinding of the data stream failed"], nil),
        CurlCode(
            66, "CURLE_SSL_ENGINE_INITFAILED",
            ["Failed to initialize SSL crypto engine", "Failed to initialise SSL crypto engine"], nil),
        CurlCode(67, "CURLE_LOGIN_DENIED", ["Login denied"], nil),
        CurlCode(68, "CURLE_TFTP_NOTFOUND", ["TFTP: File Not Found"], nil),
        CurlCode(69, "CURLE_TFTP_PERM", ["TFTP: Access Violation"], nil),
        CurlCode(70, "CURLE_REMOTE_DISK_FULL", ["Disk full or allocation exceeded"], nil),
        CurlCode(71, "CURLE_TFTP_ILLEGAL", ["TFTP: Illegal operation"], nil),
        CurlCode(72, "CURLE_TFTP_UNKNOWNID", ["TFTP: Unknown transfer ID"], nil),
        CurlCode(73, "CURLE_REMOTE_FILE_EXISTS", ["Remote file already exists"], nil),
        CurlCode(74, "CURLE_TFTP_NOSUCHUSER", ["TFTP: No such user"], nil),
        CurlCode(75, "CURLE_CONV_FAILED", ["Conversion failed"], nil),
        CurlCode(76, "CURLE_CONV_REQD", ["Caller must register CURLOPT_CONV_ callback options"], nil),
        CurlCode(
            77, "CURLE_SSL_CACERT_BADFILE", ["Problem with the SSL CA cert (path? access rights?)"],
            (.tls, .certificateUntrusted), curb: "SSLCaertBadFile"),
        CurlCode(78, "CURLE_REMOTE_FILE_NOT_FOUND", ["Remote file not found"], nil),
        CurlCode(79, "CURLE_SSH", ["Error in the SSH layer"], nil),
        CurlCode(80, "CURLE_SSL_SHUTDOWN_FAILED", ["Failed to shut down the SSL connection"], nil),
        CurlCode(81, "CURLE_AGAIN", ["Socket not ready for send/recv"], nil),
        CurlCode(82, "CURLE_SSL_CRL_BADFILE", ["Failed to load CRL file (path? access rights?, format?)"], nil),
        CurlCode(
            83, "CURLE_SSL_ISSUER_ERROR", ["Issuer check against peer certificate failed"],
            (.tls, .certificateUntrusted), curb: "SSLIssuerError"),
        CurlCode(84, "CURLE_FTP_PRET_FAILED", ["FTP: The server did not accept the PRET command."], nil),
        CurlCode(85, "CURLE_RTSP_CSEQ_ERROR", ["RTSP CSeq mismatch or invalid CSeq"], nil),
        CurlCode(86, "CURLE_RTSP_SESSION_ERROR", ["RTSP session error"], nil),
        CurlCode(87, "CURLE_FTP_BAD_FILE_LIST", ["Unable to parse FTP file list"], nil),
        CurlCode(88, "CURLE_CHUNK_FAILED", ["Chunk callback failed"], nil),
        CurlCode(89, "CURLE_NO_CONNECTION_AVAILABLE", ["The max connection limit is reached"], nil),
        CurlCode(
            90, "CURLE_SSL_PINNEDPUBKEYNOTMATCH", ["SSL public key does not match pinned public key"],
            (.tls, .certificateUntrusted)),
        CurlCode(91, "CURLE_SSL_INVALIDCERTSTATUS", ["SSL server certificate status verification FAILED"], nil),
        CurlCode(92, "CURLE_HTTP2_STREAM", ["Stream error in the HTTP/2 framing layer"], nil),
        CurlCode(93, "CURLE_RECURSIVE_API_CALL", ["API function called from within callback"], nil),
        CurlCode(94, "CURLE_AUTH_ERROR", ["An authentication function returned an error"], nil),
        CurlCode(95, "CURLE_HTTP3", ["HTTP/3 error"], nil),
        CurlCode(96, "CURLE_QUIC_CONNECT_ERROR", ["QUIC connection error"], nil),
        CurlCode(97, "CURLE_PROXY", ["proxy handshake error"], (.proxy, .refused)),
        CurlCode(98, "CURLE_SSL_CLIENTCERT", ["SSL Client Certificate required"], nil),
        CurlCode(99, "CURLE_UNRECOVERABLE_POLL", ["Unrecoverable error in select/poll"], nil),
        CurlCode(100, "CURLE_TOO_LARGE", ["A value or data field grew larger than allowed"], nil),
        CurlCode(101, "CURLE_ECH_REQUIRED", ["ECH attempted but failed"], nil),
    ]

    /// Codes whose `curl_easy_strerror` text is a summary a more specific sentence beside it
    /// outranks (`Could not connect to server` printed with `Connection timed out`).
    static let summaryCodes: Set<String> = [
        "CURLE_COULDNT_CONNECT", "CURLE_SSL_CONNECT_ERROR", "CURLE_SEND_ERROR", "CURLE_RECV_ERROR", "CURLE_PROXY",
    ]

    /// Sentences libcurl writes into its error buffer (what PHP, pycurl, Julia and the curl tool
    /// print), cut before their variable parts.
    static let bufferTexts: [TransportText] = [
        .says("Could not resolve host: ", .dns, .nameNotFound),  // 7.3x–8.x url.c, vdns/hostip.c
        .says("Couldn't resolve host '", .dns, .nameNotFound),  // 7.29 url.c
        .says("Could not resolve proxy: ", .proxy, .refused),
        .says("Resolving timed out after ", .dns, .nameTemporaryFailure),  // multi.c 7.68, 8.0
        .says("Failed to connect to ", .connect, .timedOut),  // connect.c / cf-ip-happy.c: the errno text decides
        .says("Connection timed out after ", .connect, .timedOut),  // multi.c 7.68, 8.0
        .says("Connection timeout after ", .connect, .timedOut),  // cf-ip-happy.c 8.22
        .says("Connection time-out", .connect, .timedOut),  // connect.c 7.68
        .says("Operation timed out after ", .response, .timedOut),  // multi.c, transfer.c
        .says("SSL connection timeout", .connect, .timedOut),  // vtls/openssl.c 7.68
        .says("SSL certificate problem: ", .tls, .certificateUntrusted),  // then X509_verify_cert_error_string
        .says("SSL certificate verify result: ", .tls, .certificateUntrusted),  // vtls/openssl.c 7.68
        .says("SSL certificate OpenSSL verify result: ", .tls, .certificateUntrusted),  // vtls/openssl.c 8.22
        .says("SSL: no alternative certificate subject name matches ", .tls, .hostnameMismatch),
        .says("SSL: certificate subject name ", .tls, .hostnameMismatch),  // '…' does not match target host name
        .says("SSL: public key does not match pinned public key", .tls, .certificateUntrusted),
        .says(" from proxy after CONNECT", .proxy, .proxyStatus),  // Received HTTP code %d from proxy after CONNECT
        .says("CONNECT tunnel failed, response ", .proxy, .proxyStatus),
        .undecided("Proxy CONNECT aborted"),  // … due to timeout: the upstream, not the proxy, may be at fault
        .says("Unsupported proxy scheme for '", .proxy, .refused),
        .says("Unsupported proxy syntax in '", .proxy, .refused),
        .says("Empty reply from server", .response, .closed),
        .says("Recv failure: ", .connect, .reset),
        .says("Send failure: ", .connect, .reset),
        .says("SSL_ERROR_SYSCALL in connection to ", .tls, .protocolError),  // OpenSSL SSL_connect: …
        .summary("TLS connect error: ", .tls, .handshakeFailed),
        .says("QUIC: connection to ", .connect, .refused),  // … port %u refused
        .undecided("schannel: next InitializeSecurityContext failed: "),  // 7.68: the SEC_E name decides
        .code("SEC_E_UNTRUSTED_ROOT", .tls, .certificateUntrusted),  // strerror.c SEC2TXT names
        .code("SEC_E_ISSUING_CA_UNTRUSTED", .tls, .certificateUntrusted),
        .code("SEC_E_WRONG_PRINCIPAL", .tls, .hostnameMismatch),
        .code("SEC_E_CERT_EXPIRED", .tls, .certificateExpired),
        .undecidedCode("CRYPT_E_REVOCATION_OFFLINE"),
        .undecidedCode("CRYPT_E_NO_REVOCATION_CHECK"),
    ]

    /// The table: each code's texts, its number as the wrappers print it (`curl: (6)`, `cURL error
    /// 6:`, `pycurl.error: (6,`), its `CURLE_` name, Ethon's symbol and Curb's class, then the
    /// error-buffer sentences.
    static let table = TransportTable(
        name: "libcurl",
        source:
            "curl include/curl/curl.h, lib/strerror.c and lib/ failf() texts at 8.22 (5c61e16), 7.68.0, 7.29.0; taf2/curb ext/curb_errors.c",
        rows: codes.flatMap(rows(of:)) + bufferTexts)

    private static func rows(of code: CurlCode) -> [TransportText] {
        var rows: [TransportText] = []
        let summary = summaryCodes.contains(code.name)
        for text in code.texts {
            guard let failure = code.failure else {
                rows.append(.undecided(text))
                continue
            }
            rows.append(
                summary ? .summary(text, failure.phase, failure.kind) : .says(text, failure.phase, failure.kind))
        }
        let symbol = code.name.dropFirst("CURLE_".count).lowercased()
        var tokens = [
            "curl: (\(code.number))", "curl error \(code.number)", "pycurl.error: (\(code.number),", code.name,
        ]
        // Ethon's symbol, when it is specific enough to stand alone (`couldnt_connect`, not `proxy`).
        if code.failure != nil, symbol.contains("_") { tokens.append(String(symbol)) }
        if let curb = code.curb { tokens.append("Curl::Err::\(curb)") }
        for token in tokens {
            if let failure = code.failure {
                rows.append(.code(token, failure.phase, failure.kind))
            } else {
                rows.append(.undecidedCode(token))
            }
        }
        return rows
    }
}
