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
        judge(evidence, namingOutranked: false) { WordingModel.shipped }
    }

    /// Classifies one piece of evidence with `model` as the learned last stage (`nil`: rules
    /// only). Cross-validation passes the model of each fold.
    public static func classify(_ evidence: Evidence, model: WordingModel?) -> Classification {
        judge(evidence, namingOutranked: false) { model }
    }

    /// Classifies one piece of evidence and, when `namingOutranked`, names the strongest later
    /// verdict for another cause (``Classification/outranked``), for `decided by`. When no rule
    /// decides, the model `learned` gives (the learned last stage; `nil`: rules only) may; it is
    /// asked only then.
    ///
    /// Every error object of the input is judged (``Evidence/sightings``), not only the first:
    /// at the stages an object's own fields decide (code, type, wording), a rule that the first
    /// object does not satisfy is tried on each later one, in the order they stand. A wrapper's
    /// generic message never hides the API's own code later in the same input.
    static func judge(
        _ evidence: Evidence, namingOutranked: Bool, learned: () -> WordingModel?
    ) -> Classification {
        let facts = Facts(evidence)
        var others: [(Facts, Int)]?
        var winner: Classification?
        for rule in RuleTable.rules {
            var decided = rule.decide(facts)
            var from: Int?
            if decided == nil, evidence.sightings.count > 1, objectStages.contains(rule.stage) {
                if others == nil { others = laterObjects(of: evidence, context: facts.context) }
                for (other, index) in others ?? [] {
                    if let verdict = rule.decide(other) {
                        decided = verdict
                        from = index
                        break
                    }
                }
            }
            guard var verdict = decided else { continue }
            // A bare UI sentence that offers several layers to check shows no failure of its own:
            // the words a transport table or a wording family read in it are the app's.
            if rule.stage == .transport || rule.stage == .wording, verdict.cause != .unknown,
                let hedge = HedgedMessage.hedge(in: facts)
            {
                var hedged = Classification.unknown(
                    "the app's message hedges between the key and the network (\"\(hedge)\"): it shows it for any failed call, so it names no cause",
                    next: UnknownAdvice.next(for: facts))
                hedged.rule = HedgedMessage.ruleID
                hedged.outranked = Classification.Outranked(
                    cause: verdict.cause, rule: rule.id, reason: verdict.reasons.first ?? rule.id)
                return hedged
            }
            verdict.rule = rule.id
            verdict.sightingIndex = from
            guard var first = winner else {
                if !namingOutranked { return verdict }
                winner = verdict
                continue
            }
            if verdict.cause != first.cause, verdict.cause != .unknown {
                first.outranked = Classification.Outranked(
                    cause: verdict.cause, rule: rule.id, reason: verdict.reasons.first ?? rule.id)
                return first
            }
        }
        if let winner { return winner }
        if let model = learned(), let verdict = LearnedStage.judge(facts, model: model) { return verdict }
        return .unknown(facts.summaryOfNothing, next: UnknownAdvice.next(for: facts))
    }

    /// The stages at which an error object's own fields decide.
    private static let objectStages: Set<RuleStage> = [.code, .type, .wording]

    /// The facts of each later error object: the evidence with that object in place of the first
    /// (sharing `context`, the text around them all, folded once).
    private static func laterObjects(of evidence: Evidence, context: Facts.FoldedContext) -> [(Facts, Int)] {
        evidence.sightings.indices.compactMap { index in
            let sighting = evidence.sightings[index]
            guard let fields = sighting.fields, fields != evidence.error else { return nil }
            var other = evidence
            other.error = fields
            other.status = sighting.status ?? evidence.status
            return (Facts(other, sharing: context), index)
        }
    }
}

/// Evidence read once into the forms the rules compare: lowercased message, header presence.
struct Facts {
    let evidence: Evidence
    let status: Int?
    /// Whether the error object carried a message.
    let hasMessage: Bool
    /// The error object's `code`, lowercased; without one, the first known code the text writes
    /// that names a cause (``Signal/knownCode(_:)``, ``codeFromText``).
    let code: String
    /// Whether ``code`` was read from a token in the text, not from an error object's field.
    let codeFromText: Bool
    let type: String
    let param: String
    /// The message — or, without one, the body or input excerpt (first 16 KiB) — normalized
    /// (``NormalizedText``), as bytes: wording rules search it with memchr, not Characters.
    let textBytes: [UInt8]
    /// The byte pairs of ``textBytes``: most fragments a rule asks for are ruled out by them.
    let textPairs: BytePairs

    let openaiHeaders: Bool
    let cloudflareServer: Bool
    let proxyConnectStatus: Int?
    /// The rest of the input, folded on first use and shared by the facts of every error object.
    let context: FoldedContext
    /// What these facts computed on first use (the statuses the message writes).
    private let memo = Memo()

    /// Values derived from one error object's facts, computed once however many rules ask.
    private final class Memo {
        var messageStatus: Int??
    }

    /// The input around the message, folded once however many rules and error objects ask:
    /// the whole input can be a megabyte.
    final class FoldedContext {
        /// All of the body or excerpt, folded.
        var whole: Folded?
        /// What lies past its first 16 KiB, folded.
        var pastHead: Folded?
    }

    /// Folded bytes with their byte pairs, made together so the pairs always belong to the bytes.
    struct Folded {
        let bytes: [UInt8]
        let pairs: BytePairs

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            pairs = BytePairs(bytes)
        }
    }

    init(_ evidence: Evidence, sharing context: FoldedContext? = nil) {
        self.context = context ?? FoldedContext()
        self.evidence = evidence
        status = evidence.status
        let message = evidence.error.message ?? ""
        hasMessage = !message.isEmpty
        let fieldCode = (evidence.error.code ?? "").lowercased()
        let textCode =
            fieldCode.isEmpty
            ? evidence.signals.lazy.compactMap { signal -> String? in
                guard case .knownCode(let code) = signal, KnownErrorCodes.cause(of: code) != nil else { return nil }
                return code.lowercased()
            }.first : nil
        code = textCode ?? fieldCode
        codeFromText = textCode != nil
        type = (evidence.error.type ?? "").lowercased()
        param = (evidence.error.param ?? "").lowercased()
        let source = hasMessage ? message : (evidence.body ?? evidence.excerpt ?? "")
        textBytes = Facts.folded(source.utf8.prefix(16 << 10))
        textPairs = BytePairs(textBytes)
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

    /// The text as every stage compares it (``NormalizedText``, tags taken out): case, typography,
    /// escapes, entities and log framing folded, so wording matches whatever form it arrived in.
    static func folded(_ bytes: some Collection<UInt8>) -> [UInt8] {
        NormalizedText.bytes(of: bytes)
    }

    /// The rest of the input (body or excerpt), folded the same way: all of it when a message was
    /// found (wrappers sometimes extract a message that is only part of what the text says), and
    /// what lies past the first 16 KiB when there was none (the wording rules read those first).
    /// Folded on demand: only the last wording rule reads it, for evidence nothing else decided.
    var contextBytes: [UInt8] { contextFolded.bytes }

    /// ``contextBytes`` with their pairs, folded on first use and kept in the shared context (facts
    /// with a message read the whole text, facts without one what lies past the head).
    private var contextFolded: Folded {
        let text = (evidence.body ?? evidence.excerpt ?? "").utf8
        if hasMessage {
            if let whole = context.whole { return whole }
            let folded = Folded(Facts.folded(text))
            context.whole = folded
            return folded
        }
        if let pastHead = context.pastHead { return pastHead }
        let folded = Folded(text.count > 16 << 10 ? Facts.folded(text.dropFirst(16 << 10)) : [])
        context.pastHead = folded
        return folded
    }

    /// Whether ``contextBytes`` contain `fragment` (given as a needle).
    func contextContains(_ fragment: [UInt8]) -> Bool {
        let context = contextFolded
        return context.pairs.mayContain(fragment) && ScanText.search(fragment, in: context.bytes, from: 0) != nil
    }

    /// Whether the message (or body, without a message) or the text around it contains `fragment`.
    func containsAnywhere(_ fragment: [UInt8]) -> Bool {
        contains(fragment) || contextContains(fragment)
    }

    /// The first status the error message itself writes (``StatusMentions``): the answer a
    /// wrapper's message reports, which may differ from the wrapper's own status.
    var messageStatus: Int? {
        if let known = memo.messageStatus { return known }
        guard hasMessage, let message = evidence.error.message else { return nil }
        let status = StatusMentions.read(ScanText(String(message.utf8.prefix(4 << 10)) ?? "")).first?.status
        memo.messageStatus = .some(status)
        return status
    }

    /// Whether there is any text to read wording from.
    var hasText: Bool { !textBytes.isEmpty }

    /// Whether the text contains `fragment` (given in lowercase).
    func contains(_ fragment: [UInt8]) -> Bool {
        textPairs.mayContain(fragment) && ScanText.search(fragment, in: textBytes, from: 0) != nil
    }

    /// Whether the text contains `fragment` (given in lowercase).
    func contains(_ fragment: String) -> Bool {
        contains(NormalizedText.needle(fragment))
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
