/// Cloudflare's published address ranges: where api.openai.com's edge lives.
///
/// Source: https://www.cloudflare.com/ips-v4 and https://www.cloudflare.com/ips-v6, as copied
/// by generators updated 2026-02-11 (rezmoss/cloud-provider-ip-addresses) and agreeing with
/// every other copy found; observed api.openai.com addresses (162.159.140.245, 172.66.0.243,
/// 104.18.6.192) fall inside. A connection failure to an address outside these ranges, for
/// api.openai.com, is the mark of tampered DNS (`network.dns_poisoned`).
public enum CloudflareRanges {
    /// The date of the copy bundled here.
    public static let asOf = "2026-02-11"

    /// The IPv4 ranges, in Cloudflare's order.
    public static let v4: [IPNetwork] = [
        "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
        "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
        "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
    ].compactMap(IPNetwork.init)

    /// The IPv6 ranges, in Cloudflare's order.
    public static let v6: [IPNetwork] = [
        "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32",
        "2a06:98c0::/29", "2c0f:f248::/32",
    ].compactMap(IPNetwork.init)

    /// Whether `address` is inside Cloudflare's published ranges; an IPv6 transition address
    /// (IPv4-mapped, NAT64, 6to4) by the IPv4 address it carries, and an IPv6 address whose last
    /// 32 bits are a Cloudflare IPv4 address too: a NAT64 gateway of an operator's own prefix
    /// (RFC 6052's /96 form) leads to that address.
    public static func contains(_ address: IPAddress) -> Bool {
        if let carried = address.embeddedIPv4 { return contains(carried) }
        if address.family == .v6, let low = IPAddress(v4: Array(address.bytes[12..<16])),
            v4.contains(where: { $0.contains(low) })
        {
            return true
        }
        return (address.family == .v4 ? v4 : v6).contains { $0.contains(address) }
    }

    /// Whether the text is an IP address inside Cloudflare's published ranges.
    public static func contains(_ address: String) -> Bool {
        IPAddress(address).map(contains) ?? false
    }

    /// The addresses a lookup of `host` returned that are not the API's: for api.openai.com and
    /// its regional hosts (``OpenAIHosts``), those outside these ranges (tampered DNS, a
    /// hosts-file entry); for any other host, none, since relays and corporate hosts live anywhere.
    public static func unexpectedAddresses(forHost host: String, _ addresses: [String]) -> [String] {
        guard OpenAIHosts.isAPIHost(host) else { return [] }
        return addresses.filter { address in
            guard let ip = IPAddress(address) else { return false }
            return !contains(ip)
        }
    }
}
