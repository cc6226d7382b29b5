/// The account, organization, project and billing behind the key.
///
/// One spec per cause (``CauseSpec``): what docs/causes.md says of it, the wording families that
/// name it, and what the tool tells a person about it.
extension CauseSpec {
    /// `org.mismatch`: the `OpenAI-Organization` header does not match the key's organization.
    static let orgMismatch = CauseSpec(
        id: .orgMismatch,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [401...401, 404...404, 400...400],
        wording: Wording(
            rank: 10, confidence: .high,
            fragments: [
                "openai-organization header should match"
            ]),
        title: "The organization header does not match the key",
        explanation:
            "The request sent an `OpenAI-Organization` header naming an organization this key does not belong to. OPENAI_ORG_ID (or an `organization=` argument) is set to another organization than the key's.",
        fixes: [
            Fix(
                .organization,
                "Unset OPENAI_ORG_ID / remove the organization argument (the key already implies its organization), or set it to the id shown at https://platform.openai.com/settings/organization/general."
            ),
            Fix(.organization, "If you meant to use that organization, create a key inside it."),
        ]
    )

    /// `org.membership`: the key or user belongs to no organization, or the organization id is invalid.
    static let orgMembership = CauseSpec(
        id: .orgMembership,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [401...401, 404...404, 400...400],
        wording: Wording(
            rank: 30, confidence: .high,
            fragments: [
                "must be a member of an organization",
                "no such organization",
                "invalid organization",
                // 2025–26, code invalid_organization: "You do not have access to the organization tied
                // to the API key." (CopilotKit/CopilotKit#3221, and workflow notes the code search finds).
                "do not have access to the organization tied to the api key",
            ]),
        title: "The key belongs to no usable organization",
        explanation:
            "OpenAI says the user or key is not a member of an organization, or the organization id sent does not exist (\"No such organization\"). It happens with a wrong `OpenAI-Organization` value (a name instead of an `org-…` id), after being removed from an organization, or on accounts that never completed set-up.",
        fixes: [
            Fix(.organization, "Send the organization id (`org-…`), not its name, or send none at all."),
            Fix(
                .organization,
                "Check at https://platform.openai.com/settings/organization/general that you still belong to the organization; ask its owner to invite you again if not."
            ),
            Fix.support,
        ]
    )

    /// `project.mismatch`: the `OpenAI-Project` header does not match the key or organization, or the project is archived.
    static let projectMismatch = CauseSpec(
        id: .projectMismatch,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 20, confidence: .high,
            fragments: [
                "openai-project header should match",
                "project has been archived",
                "project is archived",
            ]),
        title: "The project header does not match the key",
        explanation:
            "The request named a project (`OpenAI-Project`) that this key or organization does not have, or the project is archived. Project keys (`sk-proj-…`) already carry their project.",
        fixes: [
            Fix(
                .organization,
                "Unset OPENAI_PROJECT_ID / the project argument, or set it to the key's own project id (`proj_…`)."),
            Fix(.organization, "If the project was archived, create a key in an active project."),
        ]
    )

    /// `project.ip_not_allowed`: the request IP is outside the project's or organization's IP allowlist.
    static let projectIPNotAllowed = CauseSpec(
        id: .projectIPNotAllowed,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [401...401, 404...404, 400...400],
        wording: Wording(
            rank: 60, confidence: .high,
            fragments: [
                "ip not authorized",
                "does not match the configured ip allowlist",
            ]),
        title: "Your IP address is not on the project's allowlist",
        explanation:
            "The organization or project restricts API access to listed IP addresses, and this request left from another one. This is a 401 even though the key is fine; it follows the network, not the key.",
        fixes: [
            Fix(
                .organization,
                "Add your egress IP (shown by `openai-doctor check` from the trace endpoint) to the IP allowlist in the project or organization settings."
            ),
            Fix(
                .network,
                "Or send the traffic through the network whose address is allowed (office egress, the NAT gateway of your cloud)."
            ),
        ]
    )

    /// `account.deactivated`: the account, organization or the key's owner is deactivated or banned.
    static let accountDeactivated = CauseSpec(
        id: .accountDeactivated,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [401...401, 404...404, 400...400],
        wording: Wording(
            rank: 40, confidence: .high,
            fragments: [
                "associated with a deactivated account",
                "account has been deactivated",
                "has been deleted or deactivated",
                "account associated with this api key has been deactivated",
                "your account has been disabled",
                // OpenAI's `access_terminated` body (2023–): fixtures 1860–1862, three clients.
                "your access was terminated due to violation of our policies",
            ]),
        title: "The account behind the key is deactivated",
        explanation:
            "OpenAI deactivated or deleted the account, organization or key owner, often after a policy review or an unpaid balance. No change on your side makes this key work again.",
        fixes: [
            Fix(.key, "If you use someone else's app or relay, the deactivated account is theirs: contact them."),
            Fix(
                .account,
                "Check the email address of the account owner for a message from OpenAI about the deactivation."),
            Fix.support,
        ]
    )

    /// `billing.quota_exceeded`: no credits, an unpaid bill, a quota or hard limit reached, or billing not active.
    static let billingQuotaExceeded = CauseSpec(
        id: .billingQuotaExceeded,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [429...429],
        wording: Wording(
            rank: 70, confidence: .high,
            fragments: [
                "exceeded your current quota",
                "billing hard limit has been reached",
                "billing_hard_limit_reached",
                "account is not active, please check your billing",
                "billing_not_active",
                "credit balance is too low",
                "credit_balance_exhausted",
                "insufficient_quota",
                "you have run out of credits",
                "check your plan and billing details",
                "insufficient credits",
                "requires more credits",
                "can only afford",
                // OpenAI-compatible providers' and relays' balance refusals: DeepSeek's "402 -
                // Insufficient Balance" and its Chinese "余额不足" (api-docs.deepseek.com
                // quick_start/error_codes), as relays pass them on (TiaraBasori/OpenCode2API#5).
                "insufficient balance",
                "余额不足",
            ]),
        title: "No credit left, or billing is not active",
        explanation:
            "The account has no usable credit: prepaid credits ran out or expired, a usage limit or hard limit was reached, a bill is unpaid, or no payment method was ever added. It arrives as 429 like a rate limit, but waiting does not help and retrying only repeats the failure — SDKs that retry every 429 make it look like a hang.",
        fixes: [
            Fix(
                .account,
                "Check credits, payment method and overdue invoices at https://platform.openai.com/settings/organization/billing; add credit if the balance is zero (new credit can take a few minutes to apply)."
            ),
            Fix(
                .account,
                "Raise the monthly budget / usage limit at https://platform.openai.com/settings/organization/limits if it was reached."
            ),
            Fix(
                .organization,
                "Make sure the key belongs to the organization and project that has the credit (a personal organization and a company one are billed separately)."
            ),
            Fix(.headers, "Stop retrying this error in your code: treat `insufficient_quota` as final."),
        ]
    )

    /// `region.unsupported`: the request leaves from a country or territory OpenAI does not serve.
    static let regionUnsupported = CauseSpec(
        id: .regionUnsupported,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [403...403, 400...400],
        wording: Wording(
            rank: 80, confidence: .high,
            fragments: [
                "country, region, or territory not supported",
                "not available in your country",
                "unsupported_country",
                "unsupported country",
                "not supported in your region",
            ]),
        title: "The request comes from an unsupported country or region",
        explanation:
            "OpenAI refused the request because the IP address it came from is located in a country or territory where the API is not offered. The decision follows the network your traffic leaves from (including a VPN's or cloud region's exit), not where you are or where your account was created.",
        fixes: [
            Fix(
                .region,
                "Check the egress country `openai-doctor check` reports (the `loc` of the API host's trace) against https://platform.openai.com/docs/supported-countries."
            ),
            Fix(
                .region,
                "Using the API from an unsupported place is against OpenAI's terms and can get the account suspended."),
            Fix(
                .network,
                "If a VPN or proxy puts your exit in an unsupported place, turn it off or choose an exit in a supported country; for servers, deploy to a supported region."
            ),
        ]
    )

}
