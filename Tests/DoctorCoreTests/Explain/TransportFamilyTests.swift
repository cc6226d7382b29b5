import Testing

@testable import DoctorCore

/// Transport families read from the held-out misses of the grouped cross-validation: Firefox's
/// NSPR/NSS codes, Mint's transport reasons, reqwest's bare summary, and a setting's name in a
/// program's printed arguments, which is no failure at all. Each case is a stack's own wording
/// (its table names the source file), not only the fixture that showed the family.
@Suite("transport families: Gecko, Mint, reqwest, printed settings")
struct TransportFamilyTests {
    /// The cause the rules name (the learned stage is measured apart: LearnedStageTests).
    static func diagnosis(of text: String) -> Diagnosis {
        Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0], model: nil)
    }

    static func cause(of text: String) -> CauseID { diagnosis(of: text).cause }

    @Test(
        "Firefox's codes and error page name the failed phase, with underscores or retyped with spaces",
        arguments: [
            // The error page (pipnss prefix, then the code); fixture 1068 (MuiseDestiny/zotero-gpt#232)
            // retyped the code with spaces.
            (
                "An error occurred during a connection to api.openai.com. Error code: PR_END_OF_FILE_ERROR",
                .networkConnect
            ),
            ("An error occurred during a connection to api.openai.com. Encountered end of file", .networkConnect),
            ("Error code: PR END OF FILE ERROR", .networkConnect),
            ("[Zotero] request failed: PR_CONNECT_RESET_ERROR", .networkConnect),
            ("[Zotero] request failed: PR CONNECT TIMEOUT ERROR", .networkTimeout),
            ("NS_ERROR_NET_TIMEOUT", .networkTimeout),
            ("PR_DIRECTORY_LOOKUP_ERROR", .networkDNS),
            ("Error code: SEC_ERROR_UNKNOWN_ISSUER", .tlsIntercepted),
            ("Peer's Certificate issuer is not recognized. Error code: SEC_ERROR_UNKNOWN_ISSUER", .tlsIntercepted),
            ("Error code: MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE", .tlsIntercepted),
            (
                "An error occurred during a connection to api.openai.com. SSL received a record that exceeded the maximum permissible length. Error code: SSL_ERROR_RX_RECORD_TOO_LONG",
                .tlsIntercepted
            ),
        ] as [(String, CauseID)])
    func gecko(_ text: String, _ cause: CauseID) {
        #expect(Self.cause(of: text) == cause, "\(text)")
    }

    @Test(
        "Firefox's revocation, OCSP and cipher codes decide nothing",
        arguments: [
            "Error code: SEC_ERROR_REVOKED_CERTIFICATE", "Error code: SSL_ERROR_NO_CYPHER_OVERLAP",
            "Error code: SEC_ERROR_OCSP_SERVER_ERROR",
        ])
    func geckoUndecided(_ text: String) {
        #expect(Self.cause(of: text) == .unknown, "\(text)")
    }

    @Test("Mint's and Finch's transport reasons, in a struct, a message or a caller's clause")
    func mint() {
        // Fixture 1502 (cyberchitta/openai_ex#100): the reason atom as the first printed argument.
        let clause = """
            ** (FunctionClauseError) no function clause matching in OpenaiEx.Http.Finch.to_error/2
                (openai_ex 0.8.0) lib/openai_ex/http_finch.ex:81: OpenaiEx.Http.Finch.to_error(:closed,
                  %Finch.Request{scheme: :https, host: "api.openai.com", port: 443, method: "POST"}
            """
        #expect(Self.cause(of: clause) == .networkConnect)
        #expect(Self.cause(of: "** (Mint.TransportError) socket closed") == .networkConnect)
        #expect(Self.cause(of: "{:error, %Mint.TransportError{reason: :closed}}") == .networkConnect)
        #expect(Self.cause(of: "{:error, %Finch.TransportError{reason: :timeout, source: nil}}") == .networkTimeout)
        #expect(Self.cause(of: "** (Mint.TransportError) timeout") == .networkTimeout)
        #expect(Self.cause(of: "{:error, %Mint.TransportError{reason: :econnrefused}}") == .networkConnect)
        // Not a reason: a word ending in it, and OTP's own timeout atom.
        #expect(Self.cause(of: "state:closed") == .unknown)
        #expect(
            Self.cause(of: "** (exit) exited in: GenServer.call(MyApp.Pool, :checkout, 5000) ** (EXIT) :timeout")
                != .networkConnect)
    }

    @Test("reqwest's bare summary is a failed connection at low confidence; the cause after it decides")
    func reqwestSummary() {
        // Fixture 1876 (openai/codex#5955): the summary alone.
        let bare = Self.diagnosis(
            of: "Connection failed: error sending request for url (https://chatgpt.com/backend-api/codex/responses)")
        #expect(bare.cause == .networkConnect && bare.confidence == .low)
        let url = "error sending request for url (https://api.openai.com/v1/chat/completions)"
        #expect(Self.cause(of: "\(url): operation timed out") == .networkTimeout)
        #expect(
            Self.cause(
                of:
                    "\(url): error trying to connect: dns error: failed to lookup address information: nodename nor servname provided, or not known"
            ) == .networkDNS)
        #expect(
            Self.cause(of: "\(url): error trying to connect: tcp connect error: Connection refused (os error 111)")
                == .networkConnect)
        #expect(
            Self.cause(of: "\(url): client error (Connect): invalid peer certificate: UnknownIssuer") == .tlsIntercepted
        )
        // A known cause that does not decide: the stack said why, and it names nothing.
        #expect(Self.cause(of: "\(url): client error (Connect): peer is incompatible: Tls12NotOffered") == .unknown)
    }

    @Test(
        "a setting's name given a value in printed arguments or a configuration is no failure",
        arguments: [
            // Fixture 1729 (JuliaML/OpenAI.jl#44): Julia printed the call's keyword arguments.
            "julia> create_chat(key, \"gpt-3.5-turbo\", msgs, http_kwargs=(connect_timeout=10, readtimeout=0, verbose=2))\nERROR: MethodError: no method matching request(::String, ::String)",
            "client = OpenAI::Client.new(access_token: key, request_timeout: 240)\nNoMethodError: undefined method `chat' for nil:NilClass",
            "config: {\"readTimeout\": 0, \"connectTimeout\": 10}\nTypeError: Cannot read properties of undefined (reading 'choices')",
            "Faraday.new(url: base, request: { :timeout => 30 })\nArgumentError: wrong number of arguments",
        ])
    func settingsAreNoFailure(_ text: String) {
        #expect(Self.diagnosis(of: text).cause != .networkTimeout, "\(text)")
        #expect(EvidenceExtractor.extract(from: text)[0].transport == nil, "\(text)")
    }

    @Test("a failure's own words followed by a colon and a number still are the failure")
    func exceptionWithNumberIsAFailure() {
        // Apache HttpClient's message after the JVM exception's name.
        let text = "java.net.SocketTimeoutException: 10,000 milliseconds timeout on connection http-outgoing-0 [ACTIVE]"
        #expect(Self.cause(of: text) == .networkTimeout)
    }

    @Test("a relay's or aggregator's report of its upstream's failure names no cause of the caller's path")
    func upstreamReports() {
        // Fixture 1601 (basketikun/chatgpt2api#285): the relay's envelope around curl_cffi's failure.
        let relay =
            #"{"error":{"message":"Failed to perform, curl: (35) TLS connect error: error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE.","type":"server_error","param":null,"code":"upstream_error"}}"#
        let relayed = Classifier.classify(EvidenceExtractor.extract(from: relay)[0], model: nil)
        #expect(relayed.cause == .unknown && relayed.rule == "transport.relayed-upstream")
        // g4f's summary as retry_provider.py prints it, one provider a line (aiohttp's own message).
        let g4f = """
            g4f.errors.RetryProviderError: RetryProvider failed:
            You: ClientConnectorError: Cannot connect to host you.com:443 ssl:default [Connection reset by peer]
            """
        #expect(Self.cause(of: g4f) == .unknown)
        // The same failure without the report is the caller's own.
        #expect(
            Self.cause(of: "curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received")
                == .networkTimeout)
        // A self-hosted relay's own failure reaching the API, without an upstream code, still is the path's.
        let oneAPI =
            #"{"error":{"message":"do request failed: Post "https://api.openai.com/v1/chat/completions": dial tcp: lookup api.openai.com: no such host","type":"one_api_error","code":"do_request_failed"}}"#
        #expect(Self.cause(of: oneAPI) == .networkDNS)
    }
}
