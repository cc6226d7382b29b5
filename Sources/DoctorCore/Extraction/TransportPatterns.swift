/// Families of wording that show a failure before any HTTP answer, across clients,
/// languages and years (errno names, Winsock codes, curl exit codes, localized OS messages),
/// and the complete tables of each HTTP stack and OS (``tables``), read in one pass.
///
/// Families, not sentences: each rule lists the fragments that mean the same thing, and the
/// rules are ranked from the most specific (a proxy's refusal) to the most generic (a timeout).
/// Every table row takes the rank of the rule with its phase and kind; a code or a wrapper's
/// summary ranks after every sentence (``TransportText/isWeak``). The text's failure is the
/// best-ranked row found; a row that does not decide is known, and a decisive fragment inside
/// it is not read.
enum TransportPatterns {
    struct Rule {
        let phase: TransportFailure.Phase
        let kind: TransportFailure.Kind
        let needles: [String]
    }

    /// Words that say a proxy was involved.
    static let proxyWords = [
        "proxyerror", "proxy error", "cannot connect to proxy", "unable to connect to proxy", "proxyconnect tcp",
        "tunnel connection failed", "connect tunnel failed", "could not resolve proxy", "failed to connect to proxy",
        "httpsproxyagent", "proxy authentication required", "proxy connect", "via proxy", "proxy-authenticate",
        "socks", "proxy_url", "https_proxy", "http_proxy",
    ]

    static let rules: [Rule] = [
        // Proxy answers to CONNECT.
        Rule(
            phase: .proxy, kind: .proxyStatus,
            needles: [
                "tunnel connection failed: 407", "connect tunnel failed, response 407",
                "407 proxy authentication required",
                "proxy authentication required", "received http code 407 from proxy", "status code 407",
                "tunnel connection failed: 403", "connect tunnel failed, response 403",
                "received http code 403 from proxy",
            ]),
        // Proxy unusable.
        Rule(
            phase: .proxy, kind: .refused,
            needles: [
                "cannot connect to proxy", "unable to connect to proxy", "proxyconnect tcp",
                "failed to connect to proxy",
                "could not resolve proxy", "connect to proxy", "proxy connection refused",
                "err_proxy_connection_failed",
                "err_tunnel_connection_failed",
            ]),
        // Headers that cannot be sent: a damaged key.
        Rule(
            phase: .request, kind: .illegalHeader,
            needles: [
                "illegal header value", "is not a legal http header value", "invalid header value",
                "invalid character in header content", "codec can't encode character", "header value contains",
                "invalid header name", "err_invalid_char", "invalid header field value", "invalid value for header",
                "non-ascii characters in header",
                "header values must not contain", "newline in header",
            ]),
        // TLS: the certificate is not trusted.
        Rule(
            phase: .tls, kind: .selfSigned,
            needles: [
                "self-signed certificate in certificate chain", "self signed certificate in certificate chain",
                "self_signed_cert_in_chain", "depth_zero_self_signed_cert", "self-signed certificate",
                "self signed certificate",
            ]),
        Rule(
            phase: .tls, kind: .certificateExpired,
            needles: [
                "certificate has expired", "cert_has_expired", "certificate expired",
            ]),
        Rule(
            phase: .tls, kind: .hostnameMismatch,
            needles: [
                "hostname mismatch", "err_tls_cert_altname_invalid", "certificate is not valid for",
                "doesn't match either of", "does not match target host name", "err_cert_common_name_invalid",
            ]),
        Rule(
            phase: .tls, kind: .certificateUntrusted,
            needles: [
                "certificate_verify_failed", "certificate verify failed", "unable to get local issuer certificate",
                "unable_to_get_issuer_cert_locally", "unable_to_verify_leaf_signature",
                "unable to verify the first certificate",
                "x509: certificate signed by unknown authority", "pkix path building failed", "ssl certificate problem",
                "the remote certificate is invalid", "sslcertverificationerror", "certificate is not trusted",
                "unable to get issuer certificate", "certificate signed by unknown authority",
                "err_cert_authority_invalid",
                "invalid peer certificate: unknownissuer", "invalid certificate: unknownissuer", "unknownissuer",
                "invalid peer certificate",
                "sslv3_alert_certificate_unknown", "alert certificate unknown",
            ]),
        Rule(
            phase: .tls, kind: .protocolError,
            needles: [
                "wrong version number", "sslv3 alert handshake failure", "tlsv1 alert", "ssl_error_syscall",
            ]),
        // The far end closed the connection in the middle of the handshake (an EOF where a TLS
        // record was due): no certificate was judged, the path or the proxy cut the connection.
        Rule(
            phase: .tls, kind: .closed,
            needles: [
                "eof occurred in violation of protocol", "ssleoferror", "unexpected eof while reading",
                "ssl: unexpected_eof", "remote host terminated the handshake",
                "remote host closed connection during handshake",
            ]),
        // DNS.
        Rule(
            phase: .dns, kind: .nameTemporaryFailure,
            needles: [
                "eai_again", "temporary failure in name resolution", "[errno -3]",
                "temporärer fehler bei der namensauflösung",
                "échec temporaire dans la résolution du nom", "falha temporária na resolução de nome",
                "fallo temporal en la resolución del nombre", "名称解析暂时失败",
            ]),
        Rule(
            phase: .dns, kind: .nameNotFound,
            needles: [
                "enotfound", "could not resolve host", "no such host", "name or service not known",
                "nodename nor servname provided", "[errno -2]", "[errno 11001]", "[errno 8]", "getaddrinfo failed",
                "getaddrinfo enotfound", "no address associated with hostname", "unknownhostexception",
                "nameresolutionerror", "failed to resolve", "name does not resolve", "host not found",
                "der name oder der dienst ist nicht bekannt", "nom ou service inconnu", "名称或服务未知",
                "不知道这样的主机", "そのようなホストは不明です", "этот хост неизвестен", "nome ou serviço desconhecido",
                "nombre o servicio desconocido", "no se conoce ningún host", "dns lookup failed",
                "err_name_not_resolved",
                "could not resolve", "socket.gaierror", "failed host lookup", "errno = 11001", "host sconosciuto",
                "os error 11001", "der angegebene host ist unbekannt", "hote inconnu", "no such host is known",
                "socketaddresserror.unknown(host:",
                "hôte inconnu", "unbekannter host",
            ]),
        // Go's resolver failing outright ("dial tcp: lookup api.openai.com on 192.168.1.22:53: … connection refused").
        Rule(phase: .dns, kind: .other, needles: ["dial tcp: lookup ", ": lookup api.openai.com on "]),
        // TCP.
        Rule(
            phase: .connect, kind: .refused,
            needles: [
                "econnrefused", "connection refused", "[errno 111]", "[winerror 10061]", "winerror 10061",
                "actively refused", "由于目标计算机积极拒绝", "目标计算机积极拒绝", "verbindungsaufbau abgelehnt",
                "connexion refusée", "conexión rechazada", "conexão recusada", "接続が拒否されました",
                "対象のコンピューターによって拒否された", "отказано в подключении", "конечный компьютер отверг запрос",
                "connection was refused", "err_connection_refused", "socketexception (10061)", "denegó expresamente",
                "recusou ativamente",
            ]),
        Rule(
            phase: .connect, kind: .unreachable,
            needles: [
                "network is unreachable", "enetunreach", "no route to host", "ehostunreach", "[errno 101]",
                "[errno 113]",
                "winerror 10051", "winerror 10065", "host is unreachable", "cannot assign requested address",
                "[errno 99]",
                "eaddrnotavail", "netzwerk ist nicht erreichbar",
                "le réseau n'est pas accessible", "网络不可达", "err_internet_disconnected", "err_address_unreachable",
            ]),
        Rule(
            phase: .connect, kind: .reset,
            needles: [
                "econnreset", "connection reset", "connection was reset", "[errno 104]", "winerror 10054",
                "远程主机强迫关闭了一个现有的连接", "远程主机强迫关闭", "verbindung wurde vom peer zurückgesetzt",
                "connexion ré-initialisée", "forcibly closed by the remote host", "recv failure",
                "err_connection_reset",
            ]),
        Rule(
            phase: .connect, kind: .timedOut,
            needles: [
                "connect etimedout", "connecttimeouterror", "connecttimeout", "connect timeout", "connection timed out",
                "connection attempt failed", "winerror 10060", "[errno 110]", "由于连接方在一段时间后没有正确答复",
                "连接尝试失败", "failed to connect to", "dial tcp", "timed out while connecting", "connect timed out",
                "zeitüberschreitung der verbindung", "délai d'attente de la connexion",
                "接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかった",
                "присоединенный компьютер не ответил", "err_connection_timed_out",
            ]),
        Rule(
            phase: .response, kind: .timedOut,
            needles: [
                "etimedout", "timed out", "readtimeout", "read timeout", "request timed out", "apitimeouterror",
                "deadline exceeded", "i/o timeout", "operation timed out", "curl: (28)", "timeouterror",
                "timeout exceeded",
                "esockettimedout", "the request was canceled due to the configured httpclient.timeout", "err_timed_out",
            ]),
        Rule(
            phase: .response, kind: .closed,
            needles: [
                "socket hang up", "server disconnected without sending a response", "remote end closed connection",
                "remotedisconnected", "empty reply from server", "connection closed before", "unexpected eof",
                "connection aborted", "premature close", "other side closed",
            ]),
    ]

    /// The wording families above as a table: what real reports of every client printed
    /// (Fixtures/explain, whose manifest names each report).
    static let wording = TransportTable(
        name: "wording families", source: "Fixtures/explain manifest (real reports, each named there)",
        rows: rules.flatMap { rule in
            rule.needles.map { needle in
                // Errno names and numbers are tokens: `ECONNREFUSEDX` and `winerror 100610` are not them.
                let token = needle.last?.isNumber == true || isErrnoName(needle)
                return TransportText(
                    text: needle, failure: (rule.phase, rule.kind), isToken: token, isWeak: false)
            }
        })

    /// Every table read, in filing order (inside a rank, an earlier row wins).
    static let tables: [TransportTable] = [
        wording, CurlErrors.table, SystemErrors.errno, SystemErrors.resolver, SystemErrors.winsock,
        TLSFailures.openSSLVerify, TLSFailures.handshake, TLSFailures.rustls, TLSFailures.go, TLSFailures.jvm,
        TLSFailures.dotnet, ClientStackErrors.jvm, ClientStackErrors.dart, ClientStackErrors.dio,
        ClientStackErrors.mint, ClientStackErrors.undici, ClientStackErrors.rust, ClientStackErrors.deno,
        ClientStackErrors.goNet, ClientStackErrors.symfony, ClientStackErrors.urllib3, ClientStackErrors.python,
        ClientStackErrors.webException, GeckoErrors.table, ClientStackErrors.platformLimits,
    ]

    /// The phases and kinds from the most specific to the most generic: the rules' order, then
    /// the kinds only tables show (a malformed URL, a handshake that failed without a reason).
    static let precedence: [(phase: TransportFailure.Phase, kind: TransportFailure.Kind)] = {
        var order: [(phase: TransportFailure.Phase, kind: TransportFailure.Kind)] = []
        for rule in rules where !order.contains(where: { $0.phase == rule.phase && $0.kind == rule.kind }) {
            order.append((rule.phase, rule.kind))
        }
        // Last, a bare summary's failed connection that says nothing more (``TransportText/bare``).
        return order + [(.request, .other), (.tls, .handshakeFailed), (.connect, .other)]
    }()

    /// Every row of every table, in filing order, with its rank (`nil` when it does not decide);
    /// after each code of three or more `_`-joined words, the same code as people retype it from
    /// a dialog, with spaces (`PR END OF FILE ERROR`, ``spacedVariant(of:)``).
    static let rows: [(row: TransportText, rank: Int?)] = tables.flatMap(\.rows).flatMap { row in
        [row] + (spacedVariant(of: row).map { [$0] } ?? [])
    }.map { row in
        guard let failure = row.failure else { return (row, nil) }
        guard let place = precedence.firstIndex(where: { $0.phase == failure.phase && $0.kind == failure.kind })
        else { preconditionFailure("no precedence for \(failure)") }
        return (row, (row.isWeak ? precedence.count : 0) + place)
    }

    /// A code such as `PR_END_OF_FILE_ERROR` or `SEC_ERROR_UNKNOWN_ISSUER` written with spaces for
    /// its underscores, as a title or a retyped dialog gives it: the same row, still a token. Only
    /// codes in capitals of three words or more: shorter ones (`EAI_AGAIN`) spaced are common words.
    static func spacedVariant(of row: TransportText) -> TransportText? {
        // Read as bytes: every row of every table passes here once, at the first `explain`.
        guard row.isToken, !row.isBare,
            row.text.utf8.allSatisfy({
                $0 == UInt8(ascii: "_") || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0)
            })
        else { return nil }
        let words = row.text.split(separator: "_", omittingEmptySubsequences: false)
        guard words.count >= 3, words.allSatisfy({ !$0.isEmpty }) else { return nil }
        return TransportText(
            text: words.joined(separator: " "), failure: row.failure, isToken: true, isWeak: row.isWeak)
    }

    /// The index of every row's text.
    private static let index = NeedleIndex(rows.map { ($0.row.text, $0.row.isToken) })

    /// The rows the text shows that decide, best first, with where each was found: what
    /// ``find(in:)`` chooses from.
    static func decisiveRows(in scan: ScanText) -> [(row: TransportText, offset: Int)] {
        let hits = index.hits(in: scan).filter { !namesSetting(scan, $0) }
        let undecided = hits.filter { rows[$0.needle].rank == nil }.map { hit in
            hit.offset..<hit.end
        }
        // A bare summary decides only alone: any other known text is the stack saying more.
        let alone = hits.allSatisfy { rows[$0.needle].row.isBare }
        return
            hits
            .filter { hit in
                guard rows[hit.needle].rank != nil, alone || !rows[hit.needle].row.isBare else { return false }
                let range = hit.offset..<hit.end
                if hostIntroducers.contains(rows[hit.needle].row.text.lowercased()),
                    !namesHost(scan.token(at: skippingSpaces(scan, from: range.upperBound)))
                {
                    return false
                }
                return !undecided.contains {
                    $0 != range && $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound
                }
            }
            // Every hit left has a rank (the filter above): `.max` is never used.
            .sorted { (rows[$0.needle].rank ?? .max, $0.needle) < (rows[$1.needle].rank ?? .max, $1.needle) }
            .map { (rows[$0.needle].row, $0.offset) }
    }

    /// Whether a hit is the name of a setting, not a failure: a word the text gives a value to,
    /// as a program's printed arguments and configurations do (`readtimeout=0` in Julia's printed
    /// keyword arguments, `:timeout => 30` in Ruby, `"readTimeout": 0`, `connect_timeout: 10`).
    /// A failure's own words are never followed by `=`; a colon and a number follow a setting's
    /// name only when it starts in lower case (`SocketTimeoutException: 10,000 milliseconds` is
    /// an exception's message).
    static func namesSetting(_ scan: ScanText, _ hit: NeedleIndex.Hit) -> Bool {
        let bytes = scan.bytes
        var at = hit.end
        while at < bytes.count,
            bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\"")
                || bytes[at] == UInt8(ascii: "'")
        {
            at += 1
        }
        guard at < bytes.count else { return false }
        if bytes[at] == UInt8(ascii: "=") {
            return at + 1 >= bytes.count || bytes[at + 1] != UInt8(ascii: "=")
        }
        guard bytes[at] == UInt8(ascii: ":"), hit.offset < bytes.count,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[hit.offset])
        else { return false }
        // An identifier, not a sentence: no space inside the hit.
        guard !bytes[hit.offset..<hit.end].contains(UInt8(ascii: " ")) else { return false }
        at += 1
        while at < bytes.count, bytes[at] == UInt8(ascii: " ") { at += 1 }
        return at < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at])
    }

    /// Texts that curl and OkHttp follow with the host they tried ("Failed to connect to
    /// api.openai.com port 443 after 21 ms: …", "Failed to connect to api.openai.com/104.18.7.192:443").
    /// Followed by anything else they are an app's own words ("Failed to connect to OpenAI API: The
    /// model … does not exist"), which say nothing of the connection.
    static let hostIntroducers: Set<String> = ["failed to connect to ", "failed to connect to"]

    /// Whether `token` names a host: a dotted name, an address, `host:port`, or `localhost`.
    static func namesHost(_ token: String) -> Bool {
        token.contains(".") || token.contains(":") || token.hasPrefix("[") || token.lowercased() == "localhost"
    }

    private static func skippingSpaces(_ scan: ScanText, from offset: Int) -> Int {
        var at = offset
        while at < scan.bytes.count, scan.bytes[at] == UInt8(ascii: " ") { at += 1 }
        return at
    }

    /// Whether the text holds any row of any table, decisive or not (a wrapper's summary such as
    /// "Connection error." included).
    static func knows(_ scan: ScanText) -> Bool {
        AppleURLErrors.find(in: scan) != nil || !index.hits(in: scan).isEmpty
    }

    /// The transport failure the text shows, or `nil`.
    static func find(in scan: ScanText) -> TransportFailure? {
        // Apple's URL loading names its failure by code: the code is more specific than wording.
        if var apple = AppleURLErrors.find(in: scan) {
            apple.viaProxy = scan.containsAny(proxyWords)
            locate(in: scan, into: &apple)
            return apple
        }
        guard let (row, offset) = decisiveRows(in: scan).first, let shown = row.failure else { return nil }
        let viaProxy = shown.phase == .proxy || scan.containsAny(proxyWords)
        let line = scan.text(scan.lineStart(before: offset)..<scan.lineEnd(from: offset)).trimmed(lineEnds: true)
        var failure = TransportFailure(
            phase: shown.phase, kind: shown.kind, viaProxy: viaProxy,
            // Redacted whole, then cut: a cut through a key leaves a piece no scanner knows.
            detail: String(Redactor.redact(line).prefix(300)))
        if shown.kind == .proxyStatus {
            failure.port = nil
        }
        locate(in: scan, into: &failure, near: offset)
        // Curl's exit 7 "Failed to connect to … port 443 after 21 ms: Connection refused" is a refusal.
        if shown.kind == .timedOut, shown.phase == .connect, scan.contains("failed to connect to") {
            if scan.contains("connection refused") { failure.kind = .refused }
            if scan.containsAny(["couldn't connect to server", "could not connect to server"]) {
                failure.kind = .refused
            }
        }
        // A proxy whose own name does not resolve.
        if shown.phase == .dns, viaProxy { failure.phase = .proxy }
        return failure
    }

    /// Whether `needle` is an errno-style name in lower case (`econnrefused`, `eai_again`): `e`
    /// then one or more of `a`–`z` and `_`. Plain code rather than a regex literal, so the file
    /// compiles the same in every language mode (the fuzz harness builds it with swiftc alone).
    static func isErrnoName(_ needle: String) -> Bool {
        let rest = needle.utf8.dropFirst()
        return needle.utf8.first == UInt8(ascii: "e") && !rest.isEmpty
            && rest.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// The status a proxy answered CONNECT with, as a proxy-status failure's line prints it
    /// (`Received HTTP code 403 from proxy after CONNECT`, `CONNECT tunnel failed, response 407`).
    static func connectStatus(of failure: TransportFailure) -> Int? {
        guard failure.kind == .proxyStatus, let detail = failure.detail else { return nil }
        var digits = ""
        for character in detail + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if digits.count == 3, let status = Int(digits), (400...599).contains(status) { return status }
            digits = ""
        }
        return nil
    }

    /// The lines around a failure's own line where an address printed without a marker of its
    /// own (`(127.0.0.1:7890)`, `/127.0.0.1:7890`) still belongs to it.
    static let addressWindowLines = 3

    /// The host, address and port the failure concerned. Markers that name a connection
    /// (`connect ECONNREFUSED `, `dial tcp `, `Trying `) are read anywhere; loose ones (` to `,
    /// `(`, `/`) only near the failure's line (`near`, when known): a server's own listening
    /// address elsewhere in a log (`Listening on http://127.0.0.1:7362`) is not where the
    /// request went.
    private static func locate(in scan: ScanText, into failure: inout TransportFailure, near: Int? = nil) {
        let hostMarkers = [
            "getaddrinfo enotfound ", "getaddrinfo eai_again ", "could not resolve host: ", "could not resolve proxy: ",
            "lookup ", "host='", "host=\"", "connection to ", "failed to resolve '", "unknownhostexception: ",
            "failed to connect to ", "connected to ",
        ]
        for marker in hostMarkers {
            guard let at = scan.offset(of: marker) else { continue }
            let token = scan.token(at: at + marker.utf8.count)
            guard !token.isEmpty, token.contains(where: \.isLetter) || token.contains(".") else { continue }
            if IPAddress(token) != nil {
                failure.address = failure.address ?? token
            } else {
                failure.host = failure.host ?? token
            }
            break
        }
        let connectionMarkers = [
            "connect econnrefused ", "connect etimedout ", "connect econnreset ", "dial tcp ", "connect ehostunreach ",
            "connect enetunreach ", "trying ", "proxyconnect tcp: dial tcp ", "connecting to ",
            // Node's printed system error: `{ errno: -111, code: 'ECONNREFUSED', syscall: 'connect',
            // address: '::1', port: 11434 }` (its port follows as `port: 11434`).
            "address: '",
        ]
        let looseMarkers = [" to ", "address ", "at ", "(", "/"]
        let window = near.map { around(in: scan, offset: $0) } ?? 0..<scan.count
        search: for marker in connectionMarkers + looseMarkers {
            let loose = looseMarkers.contains(marker)
            for at in scan.offsets(of: marker, limit: 64) where !loose || window.contains(at) {
                let token = scan.token(at: at + marker.utf8.count)
                // Node's `connect ECONNREFUSED <address>:<port>` always ends with the port, even
                // after an IPv6 address whose own text could take one more group (`64:ff9b::6812:6c0:443`).
                let portFollows = marker.hasPrefix("connect e")
                guard let (address, port) = splitAddress(token, portFollows: portFollows) else { continue }
                failure.address = address
                failure.port = port ?? failure.port
                if port != nil || marker != "address: '" { return }
                break search
            }
        }
        for marker in [" port ", "port: "] {
            if let rest = scan.restOfLine(after: marker), let port = Int(rest.prefix { $0.isNumber }) {
                failure.port = failure.port ?? port
            }
        }
    }

    /// The byte range of the lines around the line holding `offset` (``addressWindowLines`` each way).
    private static func around(in scan: ScanText, offset: Int) -> Range<Int> {
        var start = scan.lineStart(before: offset)
        var end = scan.lineEnd(from: offset)
        for _ in 0..<addressWindowLines {
            if start > 0 { start = scan.lineStart(before: start - 1) }
            if end < scan.count { end = scan.lineEnd(from: end + 1) }
        }
        return start..<max(start, end)
    }

    /// Splits `1.2.3.4:443` or `[2606:4700::1]:443` into address and port, when it is an IP.
    /// With `portFollows`, the text after the last colon is the port whenever what stands before
    /// it is an address (an unbracketed IPv6 address then a port).
    static func splitAddress(_ token: String, portFollows: Bool = false) -> (String, Int?)? {
        if token.hasPrefix("["), let close = token.firstIndex(of: "]") {
            let address = String(token[token.index(after: token.startIndex)..<close])
            guard IPAddress(address) != nil else { return nil }
            let rest = token[token.index(after: close)...]
            return (address, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        if portFollows, let colon = token.lastIndex(of: ":"), IPAddress(String(token[..<colon])) != nil,
            let port = Int(token[token.index(after: colon)...]), (1...65535).contains(port)
        {
            return (String(token[..<colon]), port)
        }
        if IPAddress(token) != nil { return (token, nil) }
        if let colon = token.lastIndex(of: ":") {
            let address = String(token[..<colon])
            guard IPAddress(address) != nil else { return nil }
            return (address, Int(token[token.index(after: colon)...].prefix { $0.isNumber }))
        }
        return nil
    }
}
