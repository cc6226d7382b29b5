import DoctorCore

/// The body of Cloudflare's `/cdn-cgi/trace`: who Cloudflare thinks is asking, and from where.
///
/// Plain text, one `key=value` per line (docs/network-notes.md §1.2). Cloudflare publishes no field
/// reference and the set of keys has grown over the years, so it is read by key, tolerating
/// missing and unknown ones. `loc` is Cloudflare's country for the egress `ip` (after any proxy,
/// VPN or NAT); `warp` and `gateway` tell whether Cloudflare WARP or Zero Trust Gateway carried it.
///
/// ```swift
/// let trace = CloudflareTrace.parse("h=api.openai.com\nip=203.0.113.9\nloc=DE\nwarp=off\n")
/// trace?.loc  // "DE"
/// ```
public struct CloudflareTrace: Sendable, Equatable, Codable {
    /// Every field, by key.
    public var fields: [String: String]

    /// Creates a trace from its fields.
    public init(fields: [String: String]) {
        self.fields = fields
    }

    /// Parses a trace body; `nil` when it has neither `ip=` nor `loc=` (not a trace at all).
    public static func parse(_ body: String) -> CloudflareTrace? {
        var fields: [String: String] = [:]
        for line in body.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmed(lineEnds: true)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                continue
            }
            fields[key] = line[line.index(after: eq)...].trimmed(lineEnds: true)
        }
        guard fields["ip"] != nil || fields["loc"] != nil else { return nil }
        return CloudflareTrace(fields: fields)
    }

    /// The egress IP Cloudflare saw.
    public var ip: String? { fields["ip"] }
    /// The two-letter country Cloudflare assigns to ``ip`` (`XX` unknown, `T1` Tor).
    public var loc: String? { fields["loc"] }
    /// The Cloudflare data centre (IATA code).
    public var colo: String? { fields["colo"] }
    /// The host the request named (`h=`).
    public var host: String? { fields["h"] }
    /// `off`, `on` or `plus` (WARP+); unknown values are kept as they are.
    public var warp: String? { fields["warp"] }
    /// `off` or `on` (Cloudflare Zero Trust Gateway filtering).
    public var gateway: String? { fields["gateway"] }

    /// Whether Cloudflare WARP carried the request.
    public var viaWARP: Bool { warp.map { $0 != "off" } ?? false }

    /// The verdict on ``loc`` against the bundled list.
    public var countryStatus: SupportedCountries.Status {
        loc.map(SupportedCountries.status(of:)) ?? .unknown
    }
}
