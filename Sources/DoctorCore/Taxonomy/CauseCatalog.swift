/// The catalogue of causes: a title, an explanation and ordered fixes for every ``CauseID``,
/// read from each cause's ``CauseSpec``.
///
/// Fixes follow the guide's order, least disruptive first: request and key, then account and
/// billing, organization and project, region and IP, proxy and VPN, request headers, the
/// status page, and support last.
public enum CauseCatalog {
    /// The description of `cause`.
    public static func description(of cause: CauseID) -> CauseDescription { cause.spec.description }

    /// Every description, in the order of ``CauseID/allCases``.
    public static var all: [CauseDescription] { CauseID.allCases.map(description(of:)) }
}
