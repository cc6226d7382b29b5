/// The area a fix touches, in the order the guide walks them: least disruptive first.
///
/// Fixes of a cause are listed in this order, so a person tries the cheap, local thing
/// before changing networks or writing to support.
public enum FixArea: Int, Sendable, Codable, CaseIterable, Comparable {
    /// The code or configuration that builds the request (URL, model id, parameters).
    case request = 0
    /// The API key itself.
    case key
    /// Account, billing, credits and limits.
    case account
    /// Organization and project settings.
    case organization
    /// Region and egress IP.
    case region
    /// Proxy, VPN, firewall, TLS inspection, DNS.
    case network
    /// Request headers and client behaviour (retries, backoff).
    case headers
    /// The provider's status page: wait.
    case status
    /// Writing to support with a sanitized report.
    case support

    /// Orders by the guide's sequence.
    public static func < (lhs: FixArea, rhs: FixArea) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One thing to do about a cause.
public struct Fix: Sendable, Equatable {
    /// What the fix touches; fixes are ordered by it.
    public var area: FixArea
    /// The instruction, for a person.
    public var text: String

    /// Creates a fix.
    public init(_ area: FixArea, _ text: String) {
        self.area = area
        self.text = text
    }
}

/// Everything the tool says about one cause: its title, one-paragraph explanation and fixes.
public struct CauseDescription: Sendable, Equatable {
    /// The cause described.
    public var id: CauseID
    /// A short title.
    public var title: String
    /// One paragraph for a person: what it means and how we know.
    public var explanation: String
    /// What to do, least disruptive first (ordered by ``FixArea``).
    public var fixes: [Fix]

    /// Creates a description.
    public init(id: CauseID, title: String, explanation: String, fixes: [Fix]) {
        self.id = id
        self.title = title
        self.explanation = explanation
        self.fixes = fixes
    }
}
