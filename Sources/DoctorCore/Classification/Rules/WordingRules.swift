/// Causes recognised by families of message wording, for errors without a usable code:
/// 2022–23 bodies with `code: null`, SDK texts that kept only the message, relays.
///
/// Each family lists fragments seen across years (docs/errors-catalogue.md §2); the order puts
/// the families that are easiest to confuse (quota before rate limit, too large before
/// rate limit, model access before model existence) in the right precedence.
enum WordingRules {
    /// One cause's wording family, as its ``CauseSpec`` declares it.
    struct Family {
        let cause: CauseID
        let confidence: Confidence
        let fragments: [String]
        /// The fragments as bytes, converted once.
        let bytes: [[UInt8]]
    }

    /// Every cause's family, in rank order.
    static let families: [Family] = CauseID.allCases
        .compactMap { cause in cause.spec.wording.map { (cause, $0) } }
        .sorted { $0.1.rank < $1.1.rank }
        .map { cause, wording in
            Family(
                cause: cause, confidence: wording.confidence, fragments: wording.fragments,
                bytes: wording.fragments.map { Array($0.utf8) })
        }

    /// The rules: an echoed key first (invalid or malformed by the echo), then one rule per
    /// cause's family, in rank order.
    static let rules: [Rule] =
        [
            Rule("wording.incorrect-api-key", .wording, [.keyInvalid, .keyMalformed, .keyMissing]) { facts in
                guard facts.hasText, facts.says(["incorrect api key provided", "invalid api key", "invalid_api_key"])
                else { return nil }
                return KeyEchoRules.fromInvalidKey(facts)
            }
        ]
        + families.map { family in
            Rule("wording.\(family.cause.rawValue)", .wording, [family.cause]) { facts in
                guard facts.hasText, let index = family.bytes.firstIndex(where: facts.contains) else { return nil }
                let fragment = family.fragments[index]
                // A wording alone is strong only when the status agrees (or is missing).
                let confidence = family.cause.spec.agrees(with: facts.status) ? family.confidence : .medium
                return verdict(family.cause, confidence, "the message says \"\(fragment)\"")
            }
        } + [
            // The extracted message said nothing known, but the text around it does (an SDK that kept
            // the status line as the message, a wrapper around the real body): less sure than the message.
            Rule("wording.around-message", .wording, Set(families.map(\.cause))) { facts in
                let context = facts.contextBytes
                guard !context.isEmpty else { return nil }
                for family in families {
                    guard
                        let index = family.bytes.firstIndex(where: { ScanText.search($0, in: context, from: 0) != nil })
                    else { continue }
                    return verdict(
                        family.cause, .medium, "the text around the message says \"\(family.fragments[index])\"")
                }
                return nil
            }
        ]
}
