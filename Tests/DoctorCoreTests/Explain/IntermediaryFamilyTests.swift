import Testing

@testable import DoctorCore

/// Families of the parties between a client and the API, read from held-out misses of the
/// grouped cross-validation: a proxy's or app's budget, a free provider's daily allowance, a
/// hosting platform's worker limit, an endpoint that takes only a browser session, and a status
/// a person calls an error in prose. Each case is the party's own wording (the rule names the
/// source), not only the fixture that showed the family.
@Suite("intermediaries: budgets, daily allowances, platform limits, session-only endpoints")
struct IntermediaryFamilyTests {
    static func classify(_ text: String, status: Int? = nil) -> Classification {
        Classifier.classify(EvidenceExtractor.extract(from: text, status: status)[0], model: nil)
    }

    @Test(
        "a proxy's or app's own budget or plan limit is no credit left, at medium",
        arguments: [
            // LiteLLM's BudgetExceededError as its proxy answers it (litellm/exceptions.py).
            #"{"error":{"message":"Budget has been exceeded! Current cost: 2.0, Max budget: 1.0","type":"budget_exceeded","param":null,"code":"429"}}"#,
            // LiteLLM's key budget check (docs.litellm.ai/docs/proxy/users).
            #"{"detail":"Authentication Error, ExceededTokenBudget: Current spend for token: 7.2e-05; Max Budget for Token: 2e-07"}"#,
            // Fixture 1716 (lobehub/lobehub#4827): the UI sentence alone.
            "Your subscription limit has been reached, and you cannot use this feature. Please upgrade to a higher plan or configure a custom model API to continue using it.",
        ])
    func budgets(_ text: String) {
        let verdict = Self.classify(text)
        #expect(verdict.cause == .billingQuotaExceeded && verdict.confidence == .medium, "\(text) → \(verdict)")
    }

    @Test("a free provider's daily allowance is a rate limit that resets, never against the status")
    func dailyAllowances() {
        // Fixture 1776 (harry0703/MoneyPrinterTurbo#113): g4f FreeGpt's answer, relayed.
        let g4f = Self.classify("当前地区当日额度已消耗完, 请尝试更换网络环境")
        #expect(g4f.cause == .rateLimitExceeded && g4f.confidence == .medium)
        #expect(
            Self.classify(#"{"error":{"code":"ASR_DAILY_LIMIT","message":"今日额度已用完"}}"#, status: 429).cause
                == .rateLimitExceeded)
        // A status the cause never answers with: the family does not decide against it.
        #expect(Self.classify("当日额度已用完", status: 401).cause != .rateLimitExceeded)
    }

    @Test("a hosting platform's worker that did not answer in time is the platform's timeout, not the network's")
    func platformWorker() {
        // Fixture 1882 (supabase-community/chatgpt-your-files#2); supabase/edge-runtime worker/pool.rs.
        let supabase = Self.classify("InvalidWorkerCreation: worker did not respond in time")
        #expect(supabase.cause == .serverTimeout)
        #expect(
            EvidenceExtractor.extract(from: "InvalidWorkerCreation: worker did not respond in time")[0].transport == nil
        )
        // The same class's boot error is no timeout.
        #expect(
            Self.classify(
                "InvalidWorkerCreation: worker boot error: failed to read path: No such file or directory (os error 2)"
            )
            .cause != .serverTimeout)
    }

    @Test("an endpoint that takes only a browser session: no API key has the permission")
    func sessionKeyOnly() {
        // Fixture 1758 (mc1903/PS-OpenAI#6).
        let psOpenAI =
            #"{"error":{"message":"Please use a browser session to manage your API keys at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"incorrect_key_type"}}"#
        #expect(Self.classify(psOpenAI).cause == .keyInsufficientScopes)
        // The billing endpoints' 2023 answer, with a `server_error` type that must not win.
        let billing =
            #"{"error":{"message":"Your request to GET /v1/dashboard/billing/subscription must be made with a session key (that is, it can only be made from the browser). You made it with the following key type: secret.","type":"server_error","param":null,"code":null}}"#
        let verdict = Self.classify(billing)
        #expect(verdict.cause == .keyInsufficientScopes && verdict.rule == "code.session-key-only")
    }

    @Test(
        "a status a person calls an error in prose is the status",
        arguments: [
            // Fixture 1761 (gaboolic/vercel-reverse-fast#20): zh, "at 500 characters a 502 error appears".
            ("生成的字符在500的时候就会出现502错误", 502), ("I keep getting a 504 error from the proxy", 504),
            ("502 エラーが出ます", 502),
        ])
    func statusInProse(_ text: String, _ status: Int) {
        #expect(EvidenceExtractor.extract(from: text)[0].status == status, "\(text)")
    }

    @Test("a number that is no status, or not called an error, is not read as one")
    func notAStatus() {
        for text in ["max 500 errors per batch", "line 4502 error: unexpected token", "生成的字符在500的时候"] {
            #expect(EvidenceExtractor.extract(from: text)[0].status == nil, "\(text)")
        }
    }
}
