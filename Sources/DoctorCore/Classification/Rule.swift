/// The order evidence is judged in, strongest first (docs/causes.md): the transport phase that
/// failed, who answered, the error `code`, its `type`, families of wording, the status alone.
///
/// Every rule declares its stage; the classifier tries stages in this order and, inside a
/// stage, rules in the order their family declares them. The first rule that decides wins.
public enum RuleStage: Int, CaseIterable, Comparable, Sendable {
    /// No answer arrived (or the proxy refused the tunnel): the failed phase decides.
    case transport
    /// Who answered: a proxy's page, Cloudflare's edge, Azure's shapes.
    case answeringParty
    /// The error object's machine-readable `code`.
    case code
    /// The error object's `type`.
    case type
    /// Families of message wording, for errors without a usable code.
    case wording
    /// The status alone, or a web server's status page.
    case status
    /// What is left: a transport failure the text also showed, the side checks of a live run
    /// (egress country, configuration), each weaker than any answer of the API's.
    case fallback

    /// Orders by judgement order.
    public static func < (lhs: RuleStage, rhs: RuleStage) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One declared rule: its id, its stage, the causes it can name, and the decision itself
/// (a predicate that returns the verdict with its confidence and reason, or `nil`).
///
/// Ids are stable (`edge.cloudflare-block-code`) and land in ``Classification/rule``, so a test
/// can tell which rule decided each fixture, and report a rule that no input reaches.
struct Rule: Sendable {
    /// The stable id: family, then what it looks at.
    let id: String
    /// When it is tried.
    let stage: RuleStage
    /// The causes it can name.
    let causes: Set<CauseID>
    /// The decision: the verdict, or `nil` to let later rules judge.
    let decide: @Sendable (Facts) -> Classification?

    init(
        _ id: String, _ stage: RuleStage, _ causes: Set<CauseID>,
        _ decide: @escaping @Sendable (Facts) -> Classification?
    ) {
        self.id = id
        self.stage = stage
        self.causes = causes
        self.decide = decide
    }
}

/// Every rule of every family, in judgement order.
enum RuleTable {
    /// The rules, sorted by stage; inside a stage, in the order of the families below and of
    /// their declarations.
    static let rules: [Rule] = {
        let families: [[Rule]] = [
            ProbeRules.rules, TransportRules.rules, ProxyRules.rules, EdgeRules.rules, AzureRules.rules,
            GatewayRules.rules, ResidencyRules.rules, CodeRules.rules, WordingRules.rules, ValidationRules.rules,
            AllowanceRules.rules, NotFoundRules.rules, StatusRules.rules, DecodingRules.rules,
        ]
        let all = families.flatMap { $0 }
        // A stable sort by stage keeps each family's own order inside a stage.
        return all.enumerated().sorted { ($0.element.stage, $0.offset) < ($1.element.stage, $1.offset) }.map(\.element)
    }()

    /// The rule with this id.
    static func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
