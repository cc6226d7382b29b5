import DoctorCore

@testable import DoctorMock

/// What the mock reads from a request once NIO's decoder has split it: the request target's
/// path and query, query parameters, the header fields and their look-up, the credential and
/// whether the connection stays open (`MockRequest`).
///
/// The input is a request head as a client writes it — `METHOD TARGET VERSION`, then
/// `Name: value` lines up to a blank line, then the body — split here the way the decoder
/// splits it (the value without surrounding spaces and tabs; a line without a colon is not a field).
enum MockRequestTarget {
    static let target = FuzzTarget(
        name: "mock-request",
        property:
            "mock request reading: no crash; path + ?query is the target; fields kept in order, each look-up (any letter case) the first value given; a query value from the query; a key only from Authorization or api-key, and a bearer token given back whole"
    ) { input in
        let head = Head(input.text)
        let request = MockRequest(
            method: head.method, uri: head.target, headers: HeaderFields(head.fields), body: head.body, receivedAt: 0)
        checkTarget(request, head.target)
        checkFields(request, head.fields)
        checkQuery(request)
        checkCredential(request)
        checkKeepAlive(request)
        // A bearer token and an api-key made from the input's own characters come back whole.
        let token = String(input.text.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }.prefix(200))
        guard !token.isEmpty else { return }
        let bearer = MockRequest(
            method: "POST", uri: "/v1/responses", headers: [("Authorization", "Bearer " + token)], body: nil,
            receivedAt: 0)
        FuzzCheck.require(
            bearer.credential == .key(token), "Bearer \(token.debugDescription) read as \(bearer.credential)")
        let azure = MockRequest(
            method: "POST", uri: "/v1/responses", headers: [("api-key", token)], body: nil, receivedAt: 0)
        FuzzCheck.require(
            azure.credential == .key(token), "api-key \(token.debugDescription) read as \(azure.credential)")
    }

    /// A request head split as NIO's decoder splits it.
    struct Head {
        var method = "GET"
        var target = "/"
        var fields: [HeaderField] = []
        var body: [UInt8]?

        init(_ text: String) {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? $0.dropLast() : $0
            }[...]
            let requestLine = lines.popFirst() ?? ""
            let parts = requestLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            if let first = parts.first, !first.isEmpty { method = String(first) }
            if parts.count > 1 { target = String(parts[1]) }
            while let line = lines.popFirst(), !line.isEmpty {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields.append(
                    HeaderField(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmed()))
            }
            if !lines.isEmpty { body = Array(lines.joined(separator: "\n").utf8) }
        }
    }

    static func checkTarget(_ request: MockRequest, _ target: String) {
        FuzzCheck.require(
            request.path + (request.query.map { "?" + $0 } ?? "") == target,
            "path \(request.path.debugDescription) and query \(String(describing: request.query)) are not \(target.debugDescription)"
        )
        FuzzCheck.require(!request.path.contains("?"), "path \(request.path.debugDescription) holds a ?")
    }

    /// Fields kept as given; a look-up gives the first value of that name under HTTP's rule
    /// (the name without letter case, as Unicode lowercases it), whatever case it is asked in.
    static func checkFields(_ request: MockRequest, _ given: [HeaderField]) {
        FuzzCheck.require(request.headers.fields == given, "fields \(request.headers.fields) are not \(given)")
        for field in given.prefix(32) {
            let expected = given.first {
                $0.name.utf8.count == field.name.utf8.count && $0.name.lowercased() == field.name.lowercased()
            }?.value
            FuzzCheck.require(
                request.headers[field.name] == expected,
                "\(field.name.debugDescription) looks up \(String(describing: request.headers[field.name])), not \(String(describing: expected))"
            )
            let flippedBytes = field.name.utf8.map { byte -> UInt8 in
                let upper = byte & 0xDF
                return byte < 0x80 && upper >= 0x41 && upper <= 0x5A ? byte ^ 0x20 : byte
            }
            let flipped = String(decoding: flippedBytes, as: UTF8.self)
            FuzzCheck.require(
                request.headers[flipped] == expected,
                "\(flipped.debugDescription) (case flipped) looks up \(String(describing: request.headers[flipped]))")
        }
    }

    /// A parameter named in the query has a value; one without `%` or `+` is given back as written.
    static func checkQuery(_ request: MockRequest) {
        guard let query = request.query else {
            FuzzCheck.require(request.queryValue("test_id") == nil, "a query value without a query")
            return
        }
        var seen: Set<String> = []
        for pair in query.split(separator: "&").prefix(32) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard let name = parts.first.map(String.init), seen.insert(name).inserted else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            let value = request.queryValue(name)
            FuzzCheck.require(
                value != nil, "parameter \(name.debugDescription) of \(query.debugDescription) has no value")
            if !raw.contains("%"), !raw.contains("+") {
                FuzzCheck.require(
                    value == raw,
                    "parameter \(name.debugDescription) reads \(String(describing: value)), not \(raw.debugDescription)"
                )
            }
        }
    }

    /// A key comes only from `Authorization` (its token, or a Basic password) or `api-key`.
    static func checkCredential(_ request: MockRequest) {
        let authorization = request.headers["authorization"]
        switch request.credential {
        case .none:
            FuzzCheck.require(authorization == nil, "Authorization \(String(describing: authorization)) read as none")
            FuzzCheck.require(
                (request.headers["api-key"] ?? "").isEmpty,
                "api-key \(String(describing: request.headers["api-key"])) read as none")
        case .emptyBearer, .unsupportedScheme:
            FuzzCheck.require(authorization != nil, "\(request.credential) without an Authorization field")
        case .key(let key):
            FuzzCheck.require(!key.isEmpty, "an empty key")
            guard let authorization else {
                FuzzCheck.require(
                    key == request.headers["api-key"], "key \(key.debugDescription) not the api-key field")
                return
            }
            let token = authorization.trimmed().dropFirst(6).trimmed()
            let decoded = Base64.decode(token) ?? ""
            // By bytes, not by Character: a key may begin with a combining mark, which joins the
            // space before it into one Character of the field (a finding of this target).
            let keyBytes = Array(key.utf8)
            FuzzCheck.require(
                Array(authorization.utf8).firstRange(of: keyBytes) != nil
                    || Array(decoded.utf8).suffix(keyBytes.count).elementsEqual(keyBytes),
                "key \(key.debugDescription) is neither in Authorization \(authorization.debugDescription) nor its Basic password"
            )
        }
    }

    /// `Connection: close` (any letter case, among other tokens) closes; no `Connection` keeps open.
    static func checkKeepAlive(_ request: MockRequest) {
        let tokens = request.headers.values(for: "connection").flatMap { $0.split(separator: ",") }
        if tokens.isEmpty { FuzzCheck.require(request.keepAlive, "closed without a Connection field") }
        if tokens.contains(where: { $0.trimmed().lowercased() == "close" }) {
            FuzzCheck.require(!request.keepAlive, "kept open despite Connection: close")
        }
    }
}
