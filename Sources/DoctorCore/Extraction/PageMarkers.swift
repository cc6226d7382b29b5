/// Structural markers that say who produced an answer: Cloudflare's edge, a corporate proxy
/// or secure web gateway, a plain web server or hosting platform.
///
/// Sources: data/cloudflare-error-markers.txt and data/middlebox-markers.txt (titles, classes,
/// headers and vendor wording), docs/errors-catalogue.md §2–4.
enum PageMarkers {
    /// What the page and headers showed.
    struct Reading {
        var signals: [Signal] = []
        var provider: Provider?
        /// A Cloudflare 1xxx code (1020, 1009…) when one was shown.
        var cloudflareCode: Int?
        /// A 5xx code shown by a Cloudflare or gateway page (502, 521, 524…).
        var pageStatus: Int?
        /// The Cloudflare ray id shown in the page.
        var rayID: String?
        /// The page title.
        var title: String?
    }

    /// Reads markers from the text and headers.
    static func read(_ scan: ScanText, headers: HeaderFields) -> Reading {
        var reading = Reading()
        readHeaders(headers, into: &reading)
        readTitle(scan, into: &reading)
        readCloudflare(scan, into: &reading)
        readMiddleboxes(scan, into: &reading)
        readGateways(scan, into: &reading)
        return reading
    }

    private static func add(_ signal: Signal, to reading: inout Reading) {
        if !reading.signals.contains(signal) { reading.signals.append(signal) }
    }

    private static func readHeaders(_ headers: HeaderFields, into reading: inout Reading) {
        let server = headers["server"]?.lowercased() ?? ""
        if let squid = headers["x-squid-error"] {
            add(.squidError(squid.split(separator: " ").first.map(String.init) ?? squid), to: &reading)
            reading.provider = .proxy
        }
        if server.hasPrefix("squid") || (headers["via"]?.lowercased().contains("squid") ?? false) {
            add(.proxyVendor("squid"), to: &reading)
            reading.provider = .proxy
        }
        if server.hasPrefix("zscaler") {
            add(.proxyVendor("zscaler"), to: &reading)
            reading.provider = .proxy
        }
        if server.hasPrefix("netskope") {
            add(.proxyVendor("netskope"), to: &reading)
            reading.provider = .proxy
        }
        if headers["via"]?.lowercased().contains("prismaaccess") ?? false {
            add(.proxyVendor("prisma-access"), to: &reading)
            reading.provider = .proxy
        }
        if headers.contains("proxy-authenticate") { add(.proxyAuthenticateHeader, to: &reading) }
        if headers.contains("x-bluecoat-via") {
            add(.proxyVendor("bluecoat"), to: &reading)
            reading.provider = .proxy
        }
        if server == "cloudflare" { add(.cloudflareServerHeader, to: &reading) }
        if let type = headers["cf-error-type"] { add(.cloudflareErrorType(type), to: &reading) }
        if headers["cf-mitigated"] != nil { add(.cloudflareChallenge, to: &reading) }
        if headers.contains("apim-request-id") || headers.containsName(withPrefix: "x-ms-") {
            add(.azureHeaders, to: &reading)
        }
        if headers["policy-id"] == "ThrowExceptionDueToTrafficDenied" { add(.azureTrafficDenied, to: &reading) }
        if server.hasPrefix("nginx") || server.hasPrefix("openresty") {
            add(.webServer(server.split(separator: "/").first.map(String.init) ?? server), to: &reading)
        }
        if server == "vercel" || headers.contains("x-vercel-id") { add(.webServer("vercel"), to: &reading) }
    }

    private static func readTitle(_ scan: ScanText, into reading: inout Reading) {
        guard let open = scan.offset(of: "<title") else { return }
        guard let close = ScanText.search([UInt8(ascii: ">")], in: scan.bytes, from: open),
            let end = scan.offset(of: "</title>", from: close)
        else { return }
        let title = scan.text((close + 1)..<end).replacingHTMLEntities().trimmed(lineEnds: true)
        // Redacted whole, then cut: a key cut by the cut would no longer be a key to the redactor.
        reading.title = String(Redactor.redact(title).prefix(200))
        add(.htmlTitle(reading.title ?? ""), to: &reading)
    }

    private static func readCloudflare(_ scan: ScanText, into reading: inout Reading) {
        let title = reading.title?.lowercased() ?? ""
        var cloudflare = false
        if title.contains("| cloudflare") || title.contains("used cloudflare to restrict access")
            || title.contains("attention required")
        {
            cloudflare = true
        }
        if let title = reading.title, cloudflareFiveHundredTitle(title) != nil { cloudflare = true }
        if scan.containsAny(["cferror_details", "error reference number: 10"]) { cloudflare = true }
        if let rest = scan.restOfLine(after: "error reference number: "), let code = Int(rest.prefix(4)),
            (1000...1999).contains(code), !(rest.dropFirst(4).first?.isNumber ?? false)
        {
            reading.cloudflareCode = code
        }
        if scan.containsAny([
            "id=\"cf-wrapper\"", "id=\"cf-error-details\"", "cloudflare.com/5xx-error-landing",
            "cloudflare ray id", "cf-error-code", "id=\"cf-footer-ip\"",
        ]) {
            cloudflare = true
        }
        // Cloudflare's managed challenge ("Just a moment...", challenges.css, challenge-platform).
        if title == "just a moment..."
            || scan.containsAny([
                "/cdn-cgi/challenge-platform", "/cdn-cgi/styles/challenges.css",
                "id=\"challenge-error-text\"",
            ])
        {
            cloudflare = true
            add(.cloudflareChallenge, to: &reading)
        }
        if scan.contains("sorry, you have been blocked") {
            cloudflare = true
            add(.cloudflareWAFBlock, to: &reading)
        }
        // The plain-text body non-browser clients get: "error code: 1020".
        if let rest = scan.restOfLine(after: "error code: "), let code = leadingCode(rest),
            (1000...1999).contains(code)
        {
            reading.cloudflareCode = code
            cloudflare = true
        }
        if let at = scan.offset(of: "class=\"cf-error-code\">") {
            let digits = scan.text((at + 22)..<min(scan.count, at + 26))
            // Four digits of a 1xxx code: `Int` alone also takes `-8` or `+999`.
            if digits.utf8.count == 4, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let code = Int(digits),
                (1000...1999).contains(code)
            {
                reading.cloudflareCode = code
                cloudflare = true
            }
        }
        if let rest = scan.restOfLine(after: "error code "), let code = leadingCode(rest), cloudflare {
            if (1000...1999).contains(code) { reading.cloudflareCode = reading.cloudflareCode ?? code }
            if (500...599).contains(code) { reading.pageStatus = reading.pageStatus ?? code }
        }
        if cloudflare, let colon = title.firstRange(of: ": "), let pipe = title.lastIndex(of: "|"),
            pipe < colon.lowerBound
        {
            let digits = title[title.index(after: pipe)..<colon.lowerBound].filter(\.isNumber)
            if let code = Int(digits), (500...599).contains(code) { reading.pageStatus = code }
        }
        if scan.contains("has banned the country or region") { reading.cloudflareCode = reading.cloudflareCode ?? 1009 }
        if scan.contains("has banned your ip address") { reading.cloudflareCode = reading.cloudflareCode ?? 1006 }
        // OpenAI's own Cloudflare block page for ChatGPT/platform: "Unable to load site … VPN … Ray ID".
        if scan.contains("unable to load site"), scan.contains("ray id") {
            cloudflare = true
            add(.openAIBlockPage, to: &reading)
        }
        if let ray = rayID(in: scan) { reading.rayID = ray }
        // On Cloudflare's page, a 1xxx code printed anywhere as a token (`Error 1020`), never inside
        // a longer number (KnownErrorCodes).
        if cloudflare, reading.cloudflareCode == nil, let code = KnownErrorCodes.cloudflareCodes(in: scan).first {
            reading.cloudflareCode = code
        }
        if cloudflare {
            add(.cloudflarePage, to: &reading)
            if let code = reading.cloudflareCode { add(.cloudflareCode(code), to: &reading) }
            if let status = reading.pageStatus { add(.cloudflareCode(status), to: &reading) }
            if reading.provider == nil { reading.provider = .cloudflare }
        }
    }

    /// The status in a Cloudflare 5xx page title, `<host> | 524: A timeout occurred`.
    static func cloudflareFiveHundredTitle(_ title: String) -> Int? {
        guard let pipe = title.lastIndex(of: "|") else { return nil }
        let rest = title[title.index(after: pipe)...].drop { $0 == " " }
        guard rest.count > 5, let code = Int(rest.prefix(3)), (500...599).contains(code),
            rest.dropFirst(3).hasPrefix(": ")
        else {
            return nil
        }
        return code
    }

    private static func rayID(in scan: ScanText) -> String? {
        for marker in [
            "ray id: <strong class=\"font-semibold\">", "ray id: <strong>", "ray id: ", "ray id:</span> <strong>",
            "cf-ray: ", "ray id ",
        ] {
            guard let at = scan.offset(of: marker) else { continue }
            let token = scan.token(at: at + marker.utf8.count)
            let hex = token.prefix { $0.isHexDigit }
            if hex.count >= 16 {
                return token.count > hex.count && token.dropFirst(hex.count).hasPrefix("-") ? token : String(hex)
            }
        }
        return nil
    }

    /// The code a line starts with: three or four ASCII digits and no more (`1020`, `502`, not `10201`).
    private static func leadingCode(_ rest: some StringProtocol) -> Int? {
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard (3...4).contains(digits.count) else { return nil }
        return Int(digits)
    }

    private static func readMiddleboxes(_ scan: ScanText, into reading: inout Reading) {
        let vendors: [(String, [String])] = [
            (
                "squid",
                [
                    "the requested url could not be retrieved", "generated by squid", "err_access_denied",
                    "squid-cache.org",
                ]
            ),
            (
                "zscaler",
                [
                    "internet security by zscaler", "zscaler to protect you", "login.zscloud.net",
                    "gateway.zscaler.net",
                    "reasoncode=category_denied",
                ]
            ),
            ("netskope", ["goskope.com", "netskope"]),
            (
                "fortinet",
                ["web filter violation", "fortiguard", "globalurl.fortinet.net", "fortigate application control"]
            ),
            ("paloalto", ["palo alto next generation security platform", "prismaaccess"]),
            (
                "bluecoat",
                [
                    "access denied (policy_denied)", "your system policy has denied access",
                    "denied because of its content categorization",
                ]
            ),
            ("websense", ["websense", "forcepoint"]),
            ("sophos", ["sophos web appliance", "sophos utm"]),
        ]
        for (vendor, needles) in vendors where scan.containsAny(needles) {
            add(.proxyVendor(vendor), to: &reading)
            reading.provider = .proxy
        }
        for code in [
            "err_access_denied", "err_cache_access_denied", "err_connect_fail", "err_dns_fail", "err_read_timeout",
            "err_gateway_failure",
        ]
        where scan.contains(code) {
            add(.squidError(code.uppercased()), to: &reading)
            reading.provider = .proxy
        }
        if scan.contains("web page blocked") {
            add(.proxyVendor("web-page-blocked"), to: &reading)
            reading.provider = .proxy
        }
    }

    private static func readGateways(_ scan: ScanText, into reading: inout Reading) {
        guard reading.provider == nil else { return }
        if scan.contains("<center>nginx") || scan.contains("<center>openresty") {
            add(.webServer(scan.contains("<center>openresty") ? "openresty" : "nginx"), to: &reading)
            reading.provider = .gateway
        }
        if scan.contains("an error occurred with your deployment") {
            add(.webServer("vercel"), to: &reading)
            reading.provider = .gateway
        }
        if reading.signals.contains(where: \.isWebServer) { reading.provider = .gateway }
        if let title = reading.title?.lowercased() {
            for (needle, status) in [
                ("504 gateway time-out", 504), ("502 bad gateway", 502), ("404 not found", 404),
                ("503 service temporarily unavailable", 503), ("500 internal server error", 500),
                ("405 not allowed", 405),
            ]
            where title.contains(needle) {
                reading.pageStatus = reading.pageStatus ?? status
                if reading.provider == nil { reading.provider = .gateway }
            }
        }
    }
}

extension String {
    /// Reads HTML entities (named and numeric, ``NormalizedText``) in page titles and messages;
    /// a no-break space reads as a space.
    func replacingHTMLEntities() -> String {
        guard contains("&") else { return self }
        return NormalizedText(self, .decodeEntities).text.replacing("\u{A0}", with: " ")
    }
}
