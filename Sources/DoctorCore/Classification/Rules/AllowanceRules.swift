/// Causes shown by an intermediary's own allowance running out: a proxy's or chat app's budget
/// or subscription limit (no credit left: `billing.quota_exceeded`), a free provider's daily
/// allowance (a limit that resets: `rate_limit.exceeded`).
///
/// The party refusing is not OpenAI but the proxy, the app or the free provider in front of it,
/// so these decide at `medium` (the cause's class is shown, its party is another's), after
/// every wording of OpenAI's own, and never against the status the cause answers with.
enum AllowanceRules {
    /// One family of an intermediary's words for an allowance that ran out.
    struct Family: Sendable {
        /// The cause it names.
        let cause: CauseID
        /// What ran out, for the reason.
        let what: String
        /// Fragments in lower case, any of which names it.
        let fragments: [String]
        /// Error `type` values that name it.
        let types: Set<String>
        /// The fragments as the folded text holds them, converted once.
        let needles: [[UInt8]]

        init(cause: CauseID, what: String, fragments: [String], types: Set<String>) {
            self.cause = cause
            self.what = what
            self.fragments = fragments
            self.types = types
            needles = fragments.map { NormalizedText.needle($0) }
        }
    }

    /// A budget or subscription limit: no credit left at the proxy or app.
    ///
    /// Sources: LiteLLM (BerriAI/litellm `litellm/exceptions.py` `BudgetExceededError`: "Budget has
    /// been exceeded! Current cost: …, Max budget: …", the proxy's `type` budget_exceeded;
    /// `litellm/proxy` key checks and docs.litellm.ai/docs/proxy/users: "ExceededTokenBudget: Current
    /// spend for token: …; Max Budget for Token: …"); LobeChat's cloud plan ("Your subscription limit
    /// has been reached, and you cannot use this feature. Please upgrade to a higher plan…",
    /// `errorType` SubscriptionPlanLimit, lobehub/lobehub#4827).
    static let budget = Family(
        cause: .billingQuotaExceeded, what: "the proxy's or app's own budget or plan",
        fragments: [
            "budget has been exceeded", "exceededtokenbudget", "max budget for token",
            "subscription limit has been reached", "subscriptionplanlimit",
        ],
        types: ["budget_exceeded"])

    /// A free provider's daily allowance: it resets, so it is a rate limit, not a balance.
    ///
    /// Sources: xtekky/gpt4free `g4f/Provider/FreeGpt.py` (the provider's answer "当前地区当日额度已消耗完",
    /// today's allowance for this region is used up, raised as `RateLimitError`; as relayed to a user
    /// with "请尝试更换网络环境", harry0703/MoneyPrinterTurbo#113); Chinese AI services' and free
    /// tools' daily allowance answers "当日额度已用完" / "今日额度已用完" (the day's allowance is used
    /// up), sent with 429 (`AI_QUOTA_EXCEEDED`, `QUOTA_EXCEEDED`, `ASR_DAILY_LIMIT`) as the services
    /// the code search finds send them.
    static let daily = Family(
        cause: .rateLimitExceeded, what: "a free provider's daily allowance",
        fragments: ["当日额度已消耗完", "当日额度已用完", "今日额度已用完"],
        types: [])

    /// The families, in the order they are tried.
    static let families = [budget, daily]

    /// The rules: one per family, at the wording stage.
    static let rules: [Rule] = [
        Rule("allowance.budget", .wording, [budget.cause]) { facts in decide(budget, facts) },
        Rule("allowance.daily", .wording, [daily.cause]) { facts in decide(daily, facts) },
    ]

    private static func decide(_ family: Family, _ facts: Facts) -> Classification? {
        guard family.cause.spec.agrees(with: facts.status) else { return nil }
        if family.types.contains(facts.type) {
            return verdict(
                family.cause, .medium, "`type` \(facts.type): \(family.what) ran out, not an answer of OpenAI's")
        }
        guard
            let index = family.needles.firstIndex(where: facts.containsAnywhere)
        else { return nil }
        let fragment = family.fragments[index]
        return verdict(
            family.cause, .medium, "the text says \"\(fragment)\": \(family.what) ran out, not an answer of OpenAI's")
    }
}
