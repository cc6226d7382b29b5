/// Requests refused by a validator, in the words the validators of each stack use: OpenAI's own
/// codes by their grammar, and the sentences of the servers that sit where the API does (OpenAI's
/// length checks, FastAPI/pydantic, Go's `encoding/json`, Jackson, Spring, JSON-schema
/// validators). What an expert reads in all of them: the request reached a server, and the server
/// refused its shape, not its key, its model or its rate.
///
/// A validation sentence never outranks stronger evidence: it is tried after every code, type and
/// wording family of ``CauseSpec``, and never where the status names another kind of answer (a
/// 401, a 404, a 429, a 5xx). The sentences that clients also print of their own (a pydantic
/// settings model, a JSON decoder reading a response) count only where the answer said them: a
/// 400 or 422 status, or an error object's message.
enum ValidationRules {
    /// One validator's sentence.
    struct Sentence {
        /// The fragment, in lower case.
        let fragment: String
        /// Whether clients print it of their own too (decoding a response, checking their own
        /// settings), so that it counts only where the answer said it.
        let answerOnly: Bool
        /// The fragment normalized, converted once.
        let bytes: [UInt8]

        init(_ fragment: String, answerOnly: Bool = false) {
            self.fragment = fragment
            self.answerOnly = answerOnly
            bytes = NormalizedText.needle(fragment)
        }
    }

    /// The statuses a refusal of the request's shape carries (none: the text shows no status).
    static let refusalStatuses: Set<Int> = [400, 413, 415, 422]

    /// Validators' sentences, each with where it is written.
    static let sentences: [Sentence] = [
        // OpenAI's length checks on arrays and strings (2024–26): "Invalid 'file_ids': array too
        // long. Expected an array with maximum length 100, but got an array with length 1084
        // instead." (dimagi/open-chat-studio#954), "… string too long. Expected a string with
        // maximum length 1048576, but got a string with length 1744259 instead." (go-openai's
        // rendering: gptscript-ai/clio#41; with the code `string_above_max_length`:
        // VectorlyApp/bluebox#31).
        Sentence("expected an array with maximum length"),
        Sentence("expected an array with minimum length"),
        Sentence("expected a string with maximum length"),
        Sentence("expected a string with minimum length"),
        Sentence("': array too long"),
        Sentence("': string too long"),
        // FastAPI's request validation (422, `{"detail":[{"loc":["body",…],"msg":…,"type":…}]}`:
        // fastapi/exception_handlers.py `request_validation_exception_handler`, the `loc` a path into
        // the request) and pydantic's messages: v1 pydantic/errors.py (`SequenceError` "value is not
        // a valid sequence", `ListError`, `DictError`, `IntegerError`, `MissingError` "field
        // required", `ExtraError` "extra fields not permitted", `NoneIsNotAllowedError`), v2
        // pydantic-core's error messages ("Field required", "Input should be a valid …", "Extra
        // inputs are not permitted"). langchain-ai/opengpts#203 (a 422 of the assistants clone),
        // hiyouga/LlamaFactory#2644 and microsoft/autogen#1829 ("none is not an allowed value"),
        // xtekky/gpt4free#1989 ("Field required"), Alishahryar1/free-claude-code#1041 ("Input should
        // be 'user' or 'assistant'"). A `loc` that starts at "body" is the request's body: only the
        // server writes it. Clients validate their own settings with pydantic too, so the messages
        // alone count where the answer said them.
        Sentence("\"loc\":[\"body\""),
        Sentence("'loc': ('body'"),
        Sentence("'loc': ['body'"),
        Sentence("value is not a valid ", answerOnly: true),
        Sentence("field required", answerOnly: true),
        Sentence("extra fields not permitted", answerOnly: true),
        Sentence("none is not an allowed value", answerOnly: true),
        Sentence("input should be a valid ", answerOnly: true),
        Sentence("extra inputs are not permitted", answerOnly: true),
        // Go's encoding/json refusing a body (go/src/encoding/json/decode.go `UnmarshalTypeError`:
        // "json: cannot unmarshal array into Go value of type string", `DisallowUnknownFields`:
        // "json: unknown field"), as Go relays and servers return it: one-api's count-token check
        // (Dooy/chatgpt-web-midjourney-proxy#21). A Go client decoding a response prints it too.
        Sentence("json: cannot unmarshal ", answerOnly: true),
        Sentence("json: unknown field ", answerOnly: true),
        // Jackson's read limits (jackson-core StreamReadConstraints: "String value length (%d)
        // exceeds the maximum allowed (%d, from `StreamReadConstraints.getMaxStringLength()`)", the
        // same for number length and nesting depth), as a Java front end refuses a body:
        // QwenLM/Qwen3-Coder#540.
        Sentence("exceeds the maximum allowed ("),
        // Jackson's and Spring's refusals of a body's shape (jackson-databind
        // UnrecognizedPropertyException "Unrecognized field \"x\" (class …), not marked as
        // ignorable", MismatchedInputException "Cannot deserialize value of type"; Spring's
        // HttpMessageNotReadableException "JSON parse error: …"). Java clients decoding a response
        // print the first two as well.
        Sentence("not marked as ignorable", answerOnly: true),
        Sentence("cannot deserialize value of type", answerOnly: true),
        Sentence("json parse error: ", answerOnly: true),
        // JSON-schema validators as servers report them: ajv's "must have required property 'x'"
        // and "must NOT have additional properties" (ajv lib/vocabularies/validation/required.ts,
        // applicator/additionalProperties.ts).
        Sentence("must have required property '", answerOnly: true),
        Sentence("must not have additional properties", answerOnly: true),
    ]

    /// The words of a code that name something other than the request's shape: the key, the
    /// account, the endpoint, the model. A code holding one is left to the rules of its cause.
    static let otherCauseWords: [String] = [
        "key", "auth", "token", "organization", "project", "scope", "country", "region", "model", "url", "endpoint",
        "route", "path", "session", "user", "account", "billing", "quota", "permission", "access", "credential",
        "subscription", "plan", "ip_",
    ]

    /// Whether a code has the grammar of OpenAI's request-validation codes: `invalid_value`,
    /// `invalid_type`, `invalid_intent`, `invalid_file`, `missing_required_parameter`,
    /// `missing_file_mimetype`, `unsupported_parameter`, `unsupported_file`, `unknown_parameter`,
    /// `empty_array`, `string_above_max_length`, `integer_below_min_value` (KnownErrorCodes,
    /// CodeRules), and no word of another cause.
    static func isValidationCode(_ code: String) -> Bool {
        guard !code.hasSuffix("_error") else { return false }
        let prefixed = ["invalid_", "missing_", "unsupported_", "unknown_", "empty_"].contains { code.hasPrefix($0) }
        let suffixed = [
            "_too_long", "_too_short", "_too_large", "_too_small", "_above_max_length", "_below_min_length",
            "_above_max_value", "_below_min_value",
        ].contains { code.hasSuffix($0) }
        guard prefixed || suffixed else { return false }
        return !otherCauseWords.contains { code.contains($0) }
    }

    /// The rules: the code grammar (at the code stage, after every code of its own), then the
    /// validators' sentences (at the wording stage, after every family of ``CauseSpec``).
    static let rules: [Rule] = [
        Rule("code.validation-grammar", .code, [.requestInvalid]) { facts in
            guard isValidationCode(facts.code) else { return nil }
            if let status = facts.status, !refusalStatuses.contains(status) { return nil }
            // A code another code rule names is that rule's (`invalid_prompt` is the safety system's,
            // `unsupported_value` with "must be verified" a model the organization may not use),
            // even where this one is asked only for what the winner outranked.
            guard !codeRules.contains(where: { $0.decide(facts) != nil }) else { return nil }
            // A wrapper's own code around a failed connection ("invalid_param" with "Connection
            // error.") refused nothing of the request.
            guard !facts.messageNamesTransportFailure else { return nil }
            // A schema library's issue list (zod's `ZodIssueCode`s such as `invalid_union`, each with
            // `expected` and `received`: colinhacks/zod) is a client checking an answer it got.
            guard !facts.says(["\"received\":", "received: '"]) else { return nil }
            let named =
                facts.codeFromText ? "the code \(facts.code) written in the text" : "`code` \(facts.code)"
            let openAIType = facts.type == "invalid_request_error"
            return verdict(
                .requestInvalid, openAIType || facts.status != nil ? .high : .medium,
                "\(named): a validation code, the request's parameters or file were refused")
        },
        Rule("wording.validation-sentence", .wording, [.requestInvalid]) { facts in
            if let status = facts.status, !refusalStatuses.contains(status) { return nil }
            let statusAgrees = facts.status.map(refusalStatuses.contains) ?? false
            for sentence in sentences {
                let inText = facts.hasText && facts.contains(sentence.bytes)
                guard inText || (!sentence.answerOnly && facts.hasMessage && facts.contextContains(sentence.bytes))
                else { continue }
                // A sentence clients print of their own counts where the answer said it.
                if sentence.answerOnly, !statusAgrees, !(facts.hasMessage && inText) { continue }
                return verdict(
                    .requestInvalid, statusAgrees ? .medium : .low,
                    "a validator's sentence \"\(sentence.fragment)\"\(statusAgrees ? " with status \(facts.status ?? 0)" : ""): the server refused the request's shape"
                )
            }
            return nil
        },
    ]

    /// The code stage's other rules.
    private static let codeRules: [Rule] = RuleTable.rules.filter {
        $0.stage == .code && $0.id != "code.validation-grammar"
    }
}
