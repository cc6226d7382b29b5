/// Apple's URL-loading errors: `NSURLErrorDomain` / `URLError` codes, `kCFErrorDomainCFNetwork`,
/// SecureTransport's `-98xx` stream codes, and their localized sentences as iOS and macOS print
/// them in the languages people report them in.
///
/// One table serves both readers: ``EvidenceExtractor`` finds a code or sentence in pasted text
/// (`Error Domain=NSURLErrorDomain Code=-1003 "…"`, `HTTP load failed (error code: -1202
/// [3:-9813])`, `The operation couldn’t be completed. (NSURLErrorDomain error -1009.)`,
/// `未能连接到服务器。`), and the URLSession adapter maps a live `URLError.Code` through
/// ``entry(code:)``. A code is the stronger evidence; a sentence alone names the code it is the
/// text of (a fixed OS string).
///
/// Sources: the codes are Apple's `NSURLError.h` (Foundation), the `URLError.Code` list of
/// developer.apple.com/documentation/foundation/urlerror/code, as mirrored in
/// apple/swift-corelibs-foundation `Sources/Foundation/NSURLError.swift` (e55e1d8; that file
/// numbers the certificate codes one off from Apple's SDK, which has `secureConnectionFailed`
/// at -1200); the sentences are from the fixtures of Fixtures/explain 300–364 (their manifest
/// names each report) and the message lists of apps that collect these errors from their users.
/// Every code is listed; those that do not tell a cause (a cancelled task, a file error, a
/// redirect loop, a response that could not be decoded) are marked `decides: false` and never
/// decide.
///
/// ```swift
/// AppleURLErrors.entry(code: -1003)?.kind   // .nameNotFound
/// ```
public enum AppleURLErrors {
    /// One code: its `URLError.Code` name, the failure it stands for, and its sentences.
    public struct Entry: Sendable {
        /// The code (`-1003`).
        public var code: Int
        /// Swift's name for it (`cannotFindHost`).
        public var name: String
        /// The phase that failed.
        public var phase: TransportFailure.Phase
        /// How it failed.
        public var kind: TransportFailure.Kind
        /// Its `localizedDescription` in the languages seen, as printed.
        public var sentences: [String]
        /// Whether the code tells a failure at all (`false` for cancellation, file and decoding
        /// errors: the code is known, and says nothing about the cause).
        public var decides: Bool = true
    }

    /// A code that is known but does not decide.
    private static func known(_ code: Int, _ name: String) -> Entry {
        Entry(code: code, name: name, phase: .unknown, kind: .other, sentences: [], decides: false)
    }

    /// Every code the tool knows, the most specific first.
    public static let table: [Entry] = [
        Entry(
            code: -1022, name: "appTransportSecurityRequiresSecureConnection", phase: .request, kind: .cleartextBlocked,
            sentences: [
                "The resource could not be loaded because the App Transport Security policy requires the use of a secure connection",
                "App Transport Security has blocked a cleartext HTTP",
            ]),
        Entry(
            code: -1202, name: "serverCertificateUntrusted", phase: .tls, kind: .certificateUntrusted,
            sentences: [
                "The certificate for this server is invalid",
                "此服务器的证书无效", "이 서버에 대한 인증서가 유효하지 않습니다",
            ]),
        Entry(
            code: -1203, name: "serverCertificateHasUnknownRoot", phase: .tls, kind: .certificateUntrusted,
            sentences: [
                "The certificate for this server was signed by an unknown certifying authority"
            ]),
        Entry(
            code: -1201, name: "serverCertificateHasBadDate", phase: .tls, kind: .certificateExpired,
            sentences: [
                "The certificate for this server has expired"
            ]),
        Entry(
            code: -1204, name: "serverCertificateNotYetValid", phase: .tls, kind: .certificateExpired,
            sentences: [
                "The certificate for this server is not yet valid"
            ]),
        Entry(
            code: -1200, name: "secureConnectionFailed", phase: .tls, kind: .handshakeFailed,
            sentences: [
                "An SSL error has occurred and a secure connection to the server cannot be made",
                "发生了 SSL 错误，无法建立与该服务器的安全连接", "发生SSL错误，无法建立到该服务器的安全连接",
                "서버에 안전하게 연결할 수 없습니다",
            ]),
        Entry(
            code: -1003, name: "cannotFindHost", phase: .dns, kind: .nameNotFound,
            sentences: [
                "A server with the specified hostname could not be found",
                "未能找到使用指定主机名的服务器", "找不到使用指定主机名的服务器", "指定されたホスト名のサーバが見つかりませんでした",
                "특정 호스트 이름을 가진 서버를 찾을 수 없습니다", "특정 호스트 이름을 가진\n서버를 찾을 수 없습니다",
                "Es wurde kein Server mit dem angegebenen Hostnamen gefunden",
                "Impossibile trovare un server con il nome host specificato",
            ]),
        Entry(code: -1006, name: "dnsLookupFailed", phase: .dns, kind: .nameTemporaryFailure, sentences: []),
        Entry(
            code: -1009, name: "notConnectedToInternet", phase: .connect, kind: .unreachable,
            sentences: [
                "The Internet connection appears to be offline",
                "似乎已断开与互联网的连接", "Es besteht anscheinend keine Verbindung zum Internet",
                "La connexion Internet semble interrompue",
                "يبدو أنه لا يوجد اتصال بالإنترنت", "Internetanslutningen verkar vara nedkopplad",
                "インターネット接続がオフラインのようです",
            ]),
        Entry(
            code: -1020, name: "dataNotAllowed", phase: .connect, kind: .unreachable,
            sentences: [
                "De momento, não é permitida a transmissão de dados"
            ]),
        Entry(code: -1018, name: "internationalRoamingOff", phase: .connect, kind: .unreachable, sentences: []),
        Entry(
            code: -1004, name: "cannotConnectToHost", phase: .connect, kind: .refused,
            sentences: [
                "Could not connect to the server",
                "未能连接到服务器", "无法连接服务器", "无法连接到服务器", "サーバに接続できませんでした", "서버에 연결할 수 없습니다",
                "Impossible de se connecter au serveur", "Verbindung zum Server konnte nicht hergestellt werden",
                "Не удалось подключиться к серверу",
            ]),
        Entry(
            code: -1005, name: "networkConnectionLost", phase: .response, kind: .reset,
            sentences: [
                "The network connection was lost",
                "网络连接已中断", "網路連線中斷", "網絡連線中斷", "ネットワーク接続が切れました", "Die Netzwerkverbindung wurde unterbrochen",
                "La connexion réseau a été perdue", "La connessione è stata persa", "La conexión de red se ha perdido",
                "La conexión de red se perdió", "A conexão de rede foi perdida", "A ligação de rede foi cortada",
                "De netwerkverbinding is verbroken", "Połączenie sieciowe zostało przerwane", "Ağ bağlantısı kesildi",
                "Сетевое соединение потеряно", "تم فقدان اتصال الشبكة", "Đã mất kết nối mạng",
            ]),
        Entry(
            code: -1001, name: "timedOut", phase: .response, kind: .timedOut,
            sentences: [
                "The request timed out",
                "请求超时", "要求逾時", "요청한 시간이 초과되었습니다", "La requête a expiré", "Zeitüberschreitung bei der Anforderung",
                "Se agotó el tiempo de espera", "Se ha agotado el tiempo de espera",
                "Il tempo di attesa della richiesta è scaduto",
                "Tempo di richiesta scaduto", "Esgotou-se o tempo limite da solicitação",
                "Przekroczenie limitu czasu żądania",
                "Превышен лимит времени на запрос", "انتهت مهلة الطلب",
            ]),
        Entry(code: -1000, name: "badURL", phase: .request, kind: .other, sentences: ["错误的 URL", "错误的URL"]),
        Entry(code: -1002, name: "unsupportedURL", phase: .request, kind: .other, sentences: ["unsupported URL"]),
        Entry(code: -1019, name: "callIsActive", phase: .connect, kind: .unreachable, sentences: []),
        Entry(code: -1205, name: "clientCertificateRejected", phase: .tls, kind: .handshakeFailed, sentences: []),
        known(-1, "unknown"), known(-999, "cancelled"), known(-1007, "httpTooManyRedirects"),
        known(-1008, "resourceUnavailable"), known(-1010, "redirectToNonExistentLocation"),
        known(-1011, "badServerResponse"), known(-1012, "userCancelledAuthentication"),
        known(-1013, "userAuthenticationRequired"), known(-1014, "zeroByteResource"),
        known(-1015, "cannotDecodeRawData"), known(-1016, "cannotDecodeContentData"),
        known(-1017, "cannotParseResponse"), known(-1021, "requestBodyStreamExhausted"),
        known(-1100, "fileDoesNotExist"), known(-1101, "fileIsDirectory"), known(-1102, "noPermissionsToReadFile"),
        known(-1103, "dataLengthExceedsMaximum"), known(-1104, "fileOutsideSafeArea"),
        known(-1206, "clientCertificateRequired"), known(-2000, "cannotLoadFromNetwork"),
        known(-3000, "cannotCreateFile"), known(-3001, "cannotOpenFile"), known(-3002, "cannotCloseFile"),
        known(-3003, "cannotWriteToFile"), known(-3004, "cannotRemoveFile"), known(-3005, "cannotMoveFile"),
        known(-3006, "downloadDecodingFailedMidStream"), known(-3007, "downloadDecodingFailedToComplete"),
        known(-995, "backgroundSessionRequiresSharedContainer"), known(-996, "backgroundSessionInUseByAnotherProcess"),
        known(-997, "backgroundSessionWasDisconnected"),
    ]

    /// SecureTransport stream codes (`kCFStreamErrorDomainSSL`, `[3:-9813]`) that say the
    /// certificate chain was rejected, as opposed to a handshake that broke.
    static let certificateStreamCodes: [Int: TransportFailure.Kind] = [
        -9807: .certificateUntrusted,  // errSSLXCertChainInvalid
        -9812: .certificateUntrusted,  // errSSLUnknownRootCert
        -9813: .certificateUntrusted,  // errSSLNoRootCert
        -9814: .certificateExpired,  // errSSLCertExpired
        -9843: .hostnameMismatch,  // errSSLHostNameMismatch
    ]

    /// Issuers of public certificate chains, as a printed `NSErrorPeerCertificateChainKey` names them.
    static let publicIssuers = [
        "i: digicert", "i: globalsign", "i: r3", "i: r10", "i: r11", "i: e5", "i: let's encrypt", "i: sectigo",
        "i: geotrust", "i: amazon", "i: gts ", "i: google trust services", "i: baltimore", "i: thawte", "i: entrust",
    ]

    /// The entry of a code that decides (`nil` for an unknown code or one that tells no cause).
    public static func entry(code: Int) -> Entry? { byCode[code] }

    private static let byCode: [Int: Entry] = Dictionary(
        uniqueKeysWithValues: table.filter(\.decides).map { ($0.code, $0) })

    /// Words that say the text is Apple's URL loading speaking (so that a bare `-1003` counts).
    static let domainWords = [
        "nsurlerrordomain", "kcferrordomaincfnetwork", "urlerror", "http load failed", "finished with error",
        "kcfstreamerrordomainssl", "nserrorfailingurl", "_kcfstreamerror", "nsurlsession",
    ]

    /// The sentences, folded as ``ScanText`` folds text, with their entries, in table order.
    private static let sentences: [(needle: String, entry: Entry)] = table.flatMap { entry in
        entry.sentences.map { (String(decoding: NeedleIndex.fold($0), as: UTF8.self), entry) }
    }

    /// The sentences' index: one pass finds every sentence present.
    private static let sentenceIndex = NeedleIndex(sentences.map { ($0.needle, false) })

    /// The failure an Apple error in `scan` stands for, or `nil`.
    static func find(in scan: ScanText) -> TransportFailure? {
        var found: (entry: Entry, needle: String)?
        if scan.containsAny(domainWords) {
            for entry in table where entry.decides {
                let needle = "-\(-entry.code)"
                if scan.offsets(of: needle, limit: 16).contains(where: { !scan.isDigit(at: $0 + needle.utf8.count) }) {
                    found = (entry, needle)
                    break
                }
            }
        }
        if found == nil, let first = sentenceIndex.hits(in: scan).map(\.needle).min() {
            found = (sentences[first].entry, sentences[first].needle)
        }
        guard let (entry, needle) = found else { return nil }
        var kind = entry.kind
        // A rejected chain that a public CA issued is no interception: the request named another
        // host than the certificate's (a bare IP, a CNAME): nothing the tool can name.
        if kind == .certificateUntrusted, scan.contains("nserrorpeercertificatechainkey"),
            scan.containsAny(publicIssuers)
        {
            kind = .handshakeFailed
        }
        if entry.phase == .tls {
            for (code, streamKind) in certificateStreamCodes where scan.contains("-\(-code)") {
                kind = streamKind
                break
            }
        }
        return TransportFailure(
            phase: entry.phase, kind: kind,
            // Redacted whole, then cut, as TransportPatterns does: a cut key is no key to the redactor.
            detail: scan.line(containing: needle).map { String(Redactor.redact($0).prefix(300)) })
    }
}
