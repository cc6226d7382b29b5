/// Who re-signs TLS when the presented chain is not the API's public one: issuer-name markers of
/// corporate inspection proxies, secure web gateways and antivirus products.
///
/// From docs/data/middlebox-markers.txt (Zscaler, Netskope, Fortinet, Palo Alto, Kaspersky),
/// plus the test tools people run on purpose (mitmproxy, Charles, Fiddler, Burp).
///
/// ```swift
/// InterceptionMarkers.product(forIssuer: "O=Zscaler Inc., CN=Zscaler Intermediate Root CA")  // "Zscaler"
/// ```
public enum InterceptionMarkers {
    /// Lowercased fragments of an issuer name, and the product they name.
    public static let issuerFragments: [(fragment: String, product: String)] = [
        ("zscaler", "Zscaler"),
        ("netskope", "Netskope"),
        ("goskope", "Netskope"),
        ("fortinet", "Fortinet FortiGate"),
        ("fortigate", "Fortinet FortiGate"),
        ("palo alto networks", "Palo Alto Networks"),
        ("kaspersky", "Kaspersky"),
        ("blue coat", "Blue Coat / Symantec ProxySG"),
        ("bluecoat", "Blue Coat / Symantec ProxySG"),
        ("mitmproxy", "mitmproxy"),
        ("charles proxy", "Charles Proxy"),
        ("do_not_trust_fiddlerroot", "Fiddler"),
        ("fiddler", "Fiddler"),
        ("portswigger", "Burp Suite"),
    ]

    /// The product an issuer name points to, if one is recognised.
    public static func product(forIssuer issuer: String) -> String? {
        let lowered = issuer.lowercased()
        return issuerFragments.first { lowered.contains($0.fragment) }?.product
    }

    /// The product any certificate of a chain points to (issuers first, then subjects).
    public static func product(forChain chain: [CertificateSummary]) -> String? {
        for certificate in chain {
            if let product = product(forIssuer: certificate.issuer) { return product }
        }
        for certificate in chain {
            if let product = product(forIssuer: certificate.subject) { return product }
        }
        return nil
    }
}
