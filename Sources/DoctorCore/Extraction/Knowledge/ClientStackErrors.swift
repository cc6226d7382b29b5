/// The HTTP client stacks' own words for a failure before any answer: the JVM and OkHttp,
/// Dart, Elixir's Mint and Finch, Node's undici, Rust's hyper and reqwest, Deno, Go's
/// `net/http`, Python's built-in exceptions.
///
/// A stack's summary (`fetch failed`, `Connection error.`) does not decide: the cause it wraps,
/// printed after it, does. Rust's (`error sending request for url (…)`) is a bare summary: it
/// decides only alone.
enum ClientStackErrors {
    /// `java.net` and `java.net.http` exceptions, and OkHttp's own messages.
    ///
    /// Sources: openjdk/jdk `java.net` exception classes (`UnknownHostException`,
    /// `SocketTimeoutException`, `NoRouteToHostException`, `java.net.http.HttpConnectTimeoutException`
    /// "HTTP connect timed out"); square/okhttp 5.4 (1682d9b) `okhttp3/internal/connection/
    /// ConnectPlan.kt` ("Failed to connect to", "Unexpected response code for CONNECT: ",
    /// "Failed to authenticate with proxy"), `RealCall.kt` (`InterruptedIOException("timeout")`),
    /// `http1/Http1ExchangeCodec.kt` ("unexpected end of stream on "), `http2/Http2Stream.kt`.
    static let jvm = TransportTable(
        name: "Java/OkHttp",
        source:
            "openjdk/jdk java.net exceptions; square/okhttp 5.4 (1682d9b) ConnectPlan.kt, RealCall.kt, Http1ExchangeCodec.kt, Http2Stream.kt",
        rows: [
            .code("UnknownHostException", .dns, .nameNotFound),
            .code("NoRouteToHostException", .connect, .unreachable),
            .code("HttpConnectTimeoutException", .connect, .timedOut),
            .says("HTTP connect timed out", .connect, .timedOut),
            .code("HttpTimeoutException", .response, .timedOut),
            .code("SocketTimeoutException", .response, .timedOut),
            .says("SocketTimeoutException: timeout", .response, .timedOut),
            .says("InterruptedIOException: timeout", .response, .timedOut),
            .says("connect timed out", .connect, .timedOut),
            .says("Read timed out", .response, .timedOut),
            .says("SocketException: Connection reset", .connect, .reset),
            .says("unexpected end of stream on ", .response, .closed),
            .says("Unexpected response code for CONNECT: ", .proxy, .proxyStatus),
            // The proxy answered CONNECT with 407 and no credentials were configured (RealConnection.kt
            // createTunnel): the proxy demands authentication.
            .says("Failed to authenticate with proxy", .proxy, .proxyStatus),
            .undecided("stream was reset: "),
            .undecided("Too many tunnel connections attempted"),
            .undecidedCode("ConnectException"),
        ])

    /// Dart's `dart:io` and `package:http` failures, as Flutter apps print them.
    ///
    /// Sources: dart-lang/sdk `sdk/lib/_internal/vm/bin/socket_patch.dart` ("Failed host
    /// lookup: '$host'"), `sdk/lib/io/socket.dart` and `common.dart` (`SocketException: … (OS
    /// Error: …, errno = …)`), `sdk/lib/io/secure_socket.dart` (`HandshakeException: Handshake
    /// error in client`), `sdk/lib/_http/http_impl.dart` ("Connection closed before full header
    /// was received", "Connection closed while receiving data"), `sdk/lib/async/async_error.dart`
    /// (`TimeoutException after …`); dart-lang/http `ClientException with …`.
    static let dart = TransportTable(
        name: "Dart/Flutter",
        source:
            "dart-lang/sdk sdk/lib/_internal/vm/bin/socket_patch.dart, sdk/lib/io/socket.dart, secure_socket.dart, sdk/lib/_http/http_impl.dart; dart-lang/http ClientException",
        rows: [
            .says("Failed host lookup: '", .dns, .nameNotFound),
            .summary("HandshakeException: Handshake error in client", .tls, .handshakeFailed),
            .says("Connection closed before full header was received", .response, .closed),
            .says("Connection closed while receiving data", .response, .closed),
            .says("TimeoutException after ", .response, .timedOut),
            .undecided("ClientException with SocketException"),
            .undecided("ClientException: "),
        ])

    /// Dio, the HTTP client most Flutter apps and Dart OpenAI packages use: its timeout messages
    /// in Dio 5 (`DioException`) and Dio 4 (`DioError`), and its type names.
    ///
    /// Sources: cfug/dio `dio/lib/src/dio_exception.dart` (5.x: "The request connection took
    /// longer than $timeout and it was aborted.", "The request took longer than $timeout to
    /// receive data. It was aborted.", "… to send data. It was aborted.", "The connection errored:
    /// …"), `dio/lib/src/adapters/io_adapter.dart` and 4.x `dio_error.dart`/`dio_mixin.dart`
    /// ("Connecting timed out [${ms}ms]", "Receiving data timeout[${ms}ms]", "Sending
    /// timeout[${ms}ms]").
    static let dio = TransportTable(
        name: "Dio",
        source:
            "cfug/dio dio/lib/src/dio_exception.dart (5.x), dio/lib/src/adapters/io_adapter.dart; 4.x dio_error.dart, dio_mixin.dart",
        rows: [
            .says("The request connection took longer than ", .connect, .timedOut),
            .says("to receive data. It was aborted", .response, .timedOut),
            .says("to send data. It was aborted", .response, .timedOut),
            .says("Connecting timed out [", .connect, .timedOut),
            .says("Receiving data timeout[", .response, .timedOut),
            .says("Sending timeout[", .response, .timedOut),
            .code("DioExceptionType.connectionTimeout", .connect, .timedOut),
            .code("DioErrorType.connectTimeout", .connect, .timedOut),
            .code("DioExceptionType.receiveTimeout", .response, .timedOut),
            .code("DioErrorType.receiveTimeout", .response, .timedOut),
            .code("DioExceptionType.sendTimeout", .response, .timedOut),
            .code("DioErrorType.sendTimeout", .response, .timedOut),
            .undecided("The connection errored: "),  // the SocketException after it decides
            .undecidedCode("DioExceptionType.connectionError"),
            .undecidedCode("DioExceptionType.badResponse"),  // an answer: its status decides
            .undecidedCode("DioErrorType.response"),
            .undecidedCode("DioExceptionType.unknown"),
            .undecidedCode("DioErrorType.other"),
        ])

    /// Elixir's Mint and Finch (`%Mint.TransportError{reason: :timeout}`), and Erlang's
    /// `inet:format_error/1` texts Mint prints for POSIX reasons.
    ///
    /// Sources: elixir-mint/mint `lib/mint/transport_error.ex` (099efe1: `:timeout` → "timeout",
    /// `:closed` → "socket closed", `:tcp_closed` → "TCP connection closed", `:ssl_closed` → "SSL
    /// connection closed", `:protocol_not_negotiated` → "ALPN protocol not negotiated", `{:bad_alpn_protocol,
    /// …}` → "bad ALPN protocol: …", others through `:inet.format_error/1`); sneako/finch
    /// `lib/finch/transport_error.ex` (`Finch.TransportError`, the same reasons); erlang/otp
    /// `lib/kernel/src/inet.erl` `format_error` (`nxdomain` → "non-existing domain") and
    /// `erl_posix_msg.c`; `ssl` alerts as `{:tls_alert, {:unknown_ca, …}}`.
    static let mint = TransportTable(
        name: "Elixir Mint/Finch",
        source:
            "elixir-mint/mint lib/mint/transport_error.ex @099efe1; sneako/finch lib/finch/transport_error.ex; erlang/otp lib/kernel/src/inet.erl format_error",
        rows: [
            .says("Mint.TransportError{reason: :timeout", .response, .timedOut),
            .says("Mint.TransportError{reason: :closed", .response, .closed),
            .says("Mint.TransportError{reason: :econnrefused", .connect, .refused),
            .says("Mint.TransportError{reason: :nxdomain", .dns, .nameNotFound),
            .says("Mint.TransportError{reason: :ehostunreach", .connect, .unreachable),
            .says("Mint.TransportError{reason: :enetunreach", .connect, .unreachable),
            .says("Mint.TransportError{reason: :econnreset", .connect, .reset),
            .says("Mint.TransportError{reason: {:tls_alert", .tls, .protocolError),
            .says("non-existing domain", .dns, .nameNotFound),
            .code(":nxdomain", .dns, .nameNotFound),
            .code(":econnrefused", .connect, .refused),
            .code(":ehostunreach", .connect, .unreachable),
            .says("{:tls_alert, {:unknown_ca", .tls, .certificateUntrusted),
            .says("{:tls_alert, {:certificate_expired", .tls, .certificateExpired),
            .says("{:tls_alert, {:handshake_failure", .tls, .protocolError),
            // Mint's other reasons as printed: the `Exception.message/1` texts (`** (Mint.TransportError)
            // socket closed`), Finch's own struct (sneako/finch lib/finch/transport_error.ex wraps the same
            // reasons), and the reason atoms alone, as a caller's clause prints them when it has none for
            // them (`to_error(:closed, %Finch.Request{…})`). `:timeout` alone is not read: OTP's own
            // timeouts (`GenServer.call`) print it too.
            .says("Mint.TransportError) socket closed", .response, .closed),
            .says("Mint.TransportError) timeout", .response, .timedOut),
            .says("TCP connection closed", .response, .closed),
            .says("SSL connection closed", .response, .closed),
            .says("Finch.TransportError{reason: :closed", .response, .closed),
            .says("Finch.TransportError{reason: :timeout", .response, .timedOut),
            .code(":closed", .response, .closed),
            .code(":tcp_closed", .response, .closed),
            .code(":ssl_closed", .response, .closed),
            .code(":econnreset", .connect, .reset),
            .code(":enetunreach", .connect, .unreachable),
            .code(":etimedout", .response, .timedOut),
            .undecided("ALPN protocol not negotiated"),
            .undecidedCode(":protocol_not_negotiated"),
            .undecided("bad ALPN protocol: "),
        ])

    /// Node's undici (`fetch`): its error codes and default messages, and the summary `fetch
    /// failed` it wraps them in.
    ///
    /// Source: nodejs/undici `lib/core/errors.js` (06cb8f6); Node's `lib/internal/deps/undici`
    /// throws `TypeError: fetch failed` with the undici error as `cause`.
    static let undici = TransportTable(
        name: "undici",
        source: "nodejs/undici lib/core/errors.js @06cb8f6",
        rows: [
            .code("UND_ERR_CONNECT_TIMEOUT", .connect, .timedOut),
            .says("Connect Timeout Error", .connect, .timedOut),
            .code("UND_ERR_HEADERS_TIMEOUT", .response, .timedOut),
            .says("Headers Timeout Error", .response, .timedOut),
            .code("UND_ERR_BODY_TIMEOUT", .response, .timedOut),
            .says("Body Timeout Error", .response, .timedOut),
            .code("UND_ERR_SOCKET", .response, .closed),
            .says("other side closed", .response, .closed),
            .code("UND_ERR_PRX_TLS", .proxy, .refused),
            .says("Secure Proxy Connection failed", .proxy, .refused),
            .undecidedCode("UND_ERR_CLOSED"), .undecidedCode("UND_ERR_DESTROYED"),
            .undecidedCode("UND_ERR_ABORTED"), .undecidedCode("UND_ERR_ABORT"),
            .undecidedCode("UND_ERR_INFO"), .undecidedCode("UND_ERR_INVALID_ARG"),
            .undecidedCode("UND_ERR_RESPONSE_STATUS_CODE"), .undecidedCode("UND_ERR_HEADERS_OVERFLOW"),
            .undecidedCode("UND_ERR_REQ_CONTENT_LENGTH_MISMATCH"),
            .undecidedCode("UND_ERR_RES_CONTENT_LENGTH_MISMATCH"),
            .undecidedCode("UND_ERR_NOT_SUPPORTED"), .undecidedCode("UND_ERR_RES_EXCEEDED_MAX_SIZE"),
            .undecidedCode("UND_ERR_REQ_RETRY"), .undecidedCode("UND_ERR_HTTP_PARSER"),
            .undecided("fetch failed"),
        ])

    /// Rust's hyper, hyper-util and reqwest, and Deno (whose `fetch` is built on them).
    ///
    /// Sources: seanmonstar/reqwest 0.13.4 (065a5ae) `src/error.rs` ("error sending request",
    /// " for url (", "operation timed out"); hyperium/hyper-util 0.1.20 (4684c71)
    /// `src/client/legacy/connect/http.rs` ("tcp connect error", "dns error"), `client.rs`
    /// ("client error (Connect)"), `connect/proxy/tunnel.rs` ("tunnel error: …");
    /// hyperium/hyper 1.11 (8fcaf1a) and 0.14.28 `src/error.rs` ("connection closed before
    /// message completed", "error trying to connect"); denoland/deno `ext/fetch` ("error sending
    /// request for url").
    static let rust = TransportTable(
        name: "Rust reqwest/hyper, Deno",
        source:
            "seanmonstar/reqwest 0.13.4 src/error.rs; hyperium/hyper-util 0.1.20 connect/http.rs, client.rs, proxy/tunnel.rs; hyperium/hyper 1.11 and 0.14.28 src/error.rs; denoland/deno ext/fetch",
        rows: [
            // reqwest's `Kind::Request` and hyper's connect errors: the request got no answer.
            // Alone they say a connection failed and no more (low confidence); the cause printed
            // after them, known to any table, decides instead (``TransportText/bare``).
            .bare("error sending request", .connect, .other),
            .bare("error trying to connect: ", .connect, .other),
            .bare("client error (Connect)", .connect, .other),
            .bare("tcp connect error", .connect, .other),
            .summary("dns error: ", .dns, .other),
            .says("connection closed before message completed", .response, .closed),
            .says("tunnel error: unsuccessful", .proxy, .proxyStatus),
            .says("tunnel error: failed to create underlying connection", .proxy, .refused),
            .says("tunnel error: io error establishing tunnel", .proxy, .refused),
            .says("tunnel error: proxy authorization required", .proxy, .proxyStatus),  // a 407 without credentials
            .says("SOCKS error: ", .proxy, .refused),
            .undecided("connection error"),
            .undecided("operation was canceled"),
        ])

    /// Deno's own error classes (`Deno.errors.*`), printed by name before the message
    /// (`ConnectionRefused: Connection refused (os error 111)`).
    ///
    /// Source: denoland/deno `runtime/js/01_errors.js` (023f932).
    static let deno = TransportTable(
        name: "Deno",
        source: "denoland/deno runtime/js/01_errors.js @023f932",
        rows: [
            .code("ConnectionRefused", .connect, .refused),
            .code("ConnectionReset", .connect, .reset),
            .code("ConnectionAborted", .connect, .reset),
            .code("NetworkUnreachable", .connect, .unreachable),
            .code("AddrNotAvailable", .connect, .unreachable),
            .undecidedCode("TimedOut"),  // also a job or deployment state; Deno's message after it decides
            .code("BrokenPipe", .response, .closed),
            .undecidedCode("NotConnected"),
            .undecidedCode("UnexpectedEof"),
            .undecidedCode("AddrInUse"),
        ])

    /// Go's `net` and `net/http` failures outside TLS.
    ///
    /// Sources: golang/go `src/net/net.go` ("i/o timeout", `errNoSuchHost` "no such host"),
    /// `src/net/dnsclient_unix.go` ("server misbehaving"), `src/net/http/transport.go`
    /// ("proxyconnect", "net/http: request canceled while waiting for connection"),
    /// `src/net/http/client.go` ("Client.Timeout exceeded while awaiting headers").
    static let goNet = TransportTable(
        name: "Go net, net/http",
        source: "golang/go src/net/net.go, dnsclient_unix.go, src/net/http/transport.go, client.go",
        rows: [
            .says("no such host", .dns, .nameNotFound),
            .says("server misbehaving", .dns, .nameTemporaryFailure),
            .says("i/o timeout", .response, .timedOut),
            .says("net/http: request canceled while waiting for connection", .connect, .timedOut),
            .says("Client.Timeout exceeded while awaiting headers", .response, .timedOut),
            .says("context deadline exceeded", .response, .timedOut),
            .says("proxyconnect tcp: ", .proxy, .refused),
            .undecided("http: server gave HTTP response to HTTPS client"),
        ])

    /// PHP's Symfony HttpClient (Laravel's and openai-php's transport when Guzzle is absent): its
    /// own timeout texts; the cURL errors it passes on are libcurl's (``CurlErrors``).
    ///
    /// Sources: symfony/http-client `Response/TransportResponseTrait.php` and
    /// `Chunk/ErrorChunk.php` ("Idle timeout reached for \"%s\"."), `NativeHttpClient.php` and
    /// `Response/CurlResponse.php` ("Max duration was reached for \"%s\".").
    static let symfony = TransportTable(
        name: "Symfony HttpClient",
        source:
            "symfony/http-client Response/TransportResponseTrait.php, Chunk/ErrorChunk.php, NativeHttpClient.php, Response/CurlResponse.php",
        rows: [
            .says("Idle timeout reached for ", .response, .timedOut),
            .says("Max duration was reached for ", .response, .timedOut),
        ])

    /// Python's urllib3 (under requests and openai-python 0.x): the proxy failure it wraps the
    /// real error in, which a cut line may keep alone (`Caused by ProxyError('Unab…`).
    ///
    /// Sources: urllib3/urllib3 `src/urllib3/exceptions.py` (`ProxyError`),
    /// `src/urllib3/connectionpool.py` `_wrap_proxy_error` ("Unable to connect to proxy", "Your
    /// proxy appears to only use HTTP and not HTTPS, try changing your proxy URL to be HTTP").
    static let urllib3 = TransportTable(
        name: "Python urllib3",
        source: "urllib3/urllib3 src/urllib3/exceptions.py, src/urllib3/connectionpool.py _wrap_proxy_error",
        rows: [
            .summary("Caused by ProxyError(", .proxy, .refused),
            .says("Your proxy appears to only use HTTP and not HTTPS", .proxy, .refused),
        ])

    /// Hosting platforms ending the function that waited for the API: their words for a limit
    /// hold "timed out" or "timeout", yet no network timed out, so no transport row may read
    /// them (the wording family of `server.timeout` names them, CauseSpec).
    ///
    /// Sources: vercel.com/docs/errors (FUNCTION_INVOCATION_TIMEOUT, EDGE_FUNCTION_INVOCATION_TIMEOUT,
    /// MIDDLEWARE_INVOCATION_TIMEOUT); docs.aws.amazon.com/lambda troubleshooting-invocation ("Task
    /// timed out after 3.00 seconds", also Netlify's functions); cloud.google.com/functions
    /// ("Function execution took 60003 ms, finished with status: 'timeout'");
    /// supabase.com/docs/guides/functions/limits ("wall clock time limit reached").
    static let platformLimits = TransportTable(
        name: "Hosting platforms",
        source:
            "vercel.com/docs/errors; docs.aws.amazon.com/lambda troubleshooting-invocation; cloud.google.com/functions; supabase.com/docs/guides/functions/limits",
        rows: [
            .undecided("Task timed out after"),
            .undecided("FUNCTION_INVOCATION_TIMEOUT"),
            .undecided("MIDDLEWARE_INVOCATION_TIMEOUT"),
            .undecided("finished with status: 'timeout'"),
            .undecided("wall clock time limit reached"),
            .undecided("wall clock duration reached"),
        ])

    /// .NET Framework's `WebException` statuses, as Windows PowerShell 5.1 (`Invoke-RestMethod`,
    /// `Invoke-WebRequest`), VBA-over-.NET and old C# clients print them ("The underlying
    /// connection was closed: Could not establish trust relationship for the SSL/TLS secure
    /// channel.").
    ///
    /// Source: the .NET Framework System.dll resources `net_webstatus_*`
    /// (referencesource.microsoft.com System/net/System/Net/WebExceptionStatus, SR strings):
    /// NameResolutionFailure, ProxyNameResolutionFailure, TrustFailure, SecureChannelFailure,
    /// ConnectFailure, SendFailure, ReceiveFailure, ConnectionClosed, KeepAliveFailure, Timeout,
    /// ServerProtocolViolation, RequestCanceled.
    static let webException = TransportTable(
        name: ".NET Framework WebException",
        source: ".NET Framework System.dll resources net_webstatus_* (WebExceptionStatus)",
        rows: [
            .says("The remote name could not be resolved", .dns, .nameNotFound),
            .says("The proxy name could not be resolved", .proxy, .refused),
            .says("Could not establish trust relationship for the SSL/TLS secure channel", .tls, .certificateUntrusted),
            // Usually a TLS version the client does not offer (PowerShell 5.1's defaults): no cause.
            .summary("Could not create SSL/TLS secure channel", .tls, .handshakeFailed),
            // ConnectFailure: "the remote service point could not be contacted at the transport
            // level" (learn.microsoft.com WebExceptionStatus). A failed connection, whose inner
            // exception (refused, timed out), when printed, decides which (fixture 1769: Unity).
            .summary("Unable to connect to the remote server", .connect, .refused),
            .undecided("An unexpected error occurred on a send"),
            .says("An unexpected error occurred on a receive", .response, .closed),
            .says("The connection was closed unexpectedly", .response, .closed),
            .says("A connection that was expected to be kept alive was closed by the server", .response, .closed),
            .says("The operation has timed out", .response, .timedOut),
            .undecided("The server committed a protocol violation"),
            .undecided("The request was canceled"),
        ])

    /// Python's built-in OS exceptions (PEP 3151) and `socket` module names, as every Python
    /// HTTP client's traceback ends with them.
    ///
    /// Source: docs.python.org/3/library/exceptions.html (OS exceptions) and
    /// docs.python.org/3/library/socket.html (`socket.gaierror`, `socket.timeout`).
    static let python = TransportTable(
        name: "Python OS exceptions",
        source: "docs.python.org/3/library/exceptions.html (OS exceptions); docs.python.org/3/library/socket.html",
        rows: [
            .code("ConnectionRefusedError", .connect, .refused),
            .code("ConnectionResetError", .connect, .reset),
            .code("ConnectionAbortedError", .connect, .reset),
            .code("BrokenPipeError", .response, .closed),
            .code("socket.gaierror", .dns, .nameNotFound),
            .code("socket.timeout", .response, .timedOut),
            .undecidedCode("ConnectionError"),
        ])
}
