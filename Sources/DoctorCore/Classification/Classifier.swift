/// Decides the one primary cause that evidence shows.
///
/// Evidence is judged strongest first, as docs/causes.md asks: the transport phase that failed →
/// who answered (OpenAI JSON with `openai-*` headers, a Cloudflare page, a proxy page, the
/// Azure shape) → the error `code` → its `type` → families of message wording → the status
/// alone. When nothing tells, the answer is ``CauseID/unknown``, never a guess.
///
/// Pure and allocation-light: it reads an ``Evidence`` value and nothing else.
public enum Classifier {
    /// Classifies one piece of evidence: the first declared rule (``RuleTable``), in stage
    /// order, that decides; when none does, the learned last stage (``LearnedStage``) with the
    /// shipped model.
    public static func classify(_ evidence: Evidence) -> Classification {
        // The shipped model is decoded on first use only: input a rule decides never pays for it.
        classify(evidence) { WordingModel.shipped }
    }

    /// Classifies one piece of evidence with `model` as the learned last stage (`nil`: rules
    /// only). Cross-validation passes the model of each fold.
    public static func classify(_ evidence: Evidence, model: WordingModel?) -> Classification {
        classify(evidence) { model }
    }

    /// The rules in stage order, then the model `learned` gives, asked only when no rule decided.
    static func classify(_ evidence: Evidence, learned: () -> WordingModel?) -> Classification {
        let facts = Facts(evidence)
        for rule in RuleTable.rules {
            if var verdict = rule.decide(facts) {
                verdict.rule = rule.id
                return verdict
            }
        }
        if let model = learned(), let verdict = LearnedStage.judge(facts, model: model) { return verdict }
        return .unknown(facts.summaryOfNothing, next: UnknownAdvice.next(for: facts))
    }
}

/// Evidence read once into the forms the rules compare: lowercased message, header presence.
struct Facts {
    let evidence: Evidence
    let status: Int?
    /// Whether the error object carried a message.
    let hasMessage: Bool
    let code: String
    let type: String
    let param: String
    /// The message — or, without one, the body or input excerpt (first 16 KiB) — ASCII-lowercased
    /// with runs of spaces squeezed, as bytes: wording rules search it with memchr, not Characters.
    let textBytes: [UInt8]

    let openaiHeaders: Bool
    let cloudflareServer: Bool
    let proxyConnectStatus: Int?

    init(_ evidence: Evidence) {
        self.evidence = evidence
        status = evidence.status
        let message = evidence.error.message ?? ""
        hasMessage = !message.isEmpty
        code = (evidence.error.code ?? "").lowercased()
        type = (evidence.error.type ?? "").lowercased()
        param = (evidence.error.param ?? "").lowercased()
        let source = hasMessage ? message : (evidence.body ?? evidence.excerpt ?? "")
        textBytes = Facts.folded(source.utf8.prefix(16 << 10))
        let headers = evidence.headers
        openaiHeaders = headers.containsName(withPrefix: "openai-") || headers.contains("x-request-id")
        cloudflareServer = headers["server"]?.lowercased() == "cloudflare"
        proxyConnectStatus = evidence.proxyConnectStatus
    }

    /// The transport failure, when no answer arrived (or the proxy refused the tunnel).
    var unanswered: TransportFailure? {
        guard let transport = evidence.transport, status == nil || proxyConnectStatus != nil else { return nil }
        return transport
    }

    /// ASCII-lowercases and collapses runs of spaces (log formatters pad words apart).
    static func folded(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lastWasSpace = false
        for byte in bytes {
            if byte == 0x20 {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return out
    }

    /// The rest of the input (body or excerpt), folded the same way, when a message was found:
    /// wrappers sometimes extract a message that is only part of what the text says. Folded on
    /// demand: only the last wording rule reads it, for evidence nothing else decided.
    var contextBytes: [UInt8] {
        hasMessage ? Facts.folded((evidence.body ?? evidence.excerpt ?? "").utf8.prefix(16 << 10)) : []
    }

    /// Whether there is any text to read wording from.
    var hasText: Bool { !textBytes.isEmpty }

    /// Whether the text contains `fragment` (given in lowercase).
    func contains(_ fragment: [UInt8]) -> Bool {
        ScanText.search(fragment, in: textBytes, from: 0) != nil
    }

    /// Whether the text contains `fragment` (given in lowercase).
    func contains(_ fragment: String) -> Bool {
        contains(Array(fragment.utf8))
    }

    /// Whether the message (or body, without a message) contains any of the fragments.
    func says(_ fragments: [String]) -> Bool {
        fragments.contains { contains($0) }
    }

    /// The first fragment found, for the reasons.
    func said(_ fragments: [String]) -> String? {
        fragments.first { contains($0) }
    }

    /// What to say when nothing told.
    var summaryOfNothing: String {
        if let status { return "status \(status) alone does not tell which cause (several causes answer \(status))" }
        if evidence.body == nil && evidence.error.isEmpty {
            return "no status, error body or transport failure was found in the input"
        }
        return "no known error code, wording, page or transport failure was found"
    }
}

/// Builds a classification.
func verdict(_ cause: CauseID, _ confidence: Confidence, _ reasons: String...) -> Classification {
    Classification(cause: cause, confidence: confidence, reasons: reasons)
}
