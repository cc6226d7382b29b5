/// What the request asked for: the model, its size, its parameters, its URL.
///
/// One spec per cause (``CauseSpec``): what docs/causes.md says of it, the wording families that
/// name it, and what the tool tells a person about it.
extension CauseSpec {
    /// `model.not_found`: the model id is wrong, retired, or invisible to this key.
    static let modelNotFound = CauseSpec(
        id: .modelNotFound,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 100, confidence: .high,
            fragments: [
                "does not exist or you do not have access to it",
                "model_not_found",
                "the model: `",
                "model not found",
                "no such model",
                "unknown model",
                "it may not exist or you may not have access to it",
                // 2023 wordings without the access clause: "That model does not exist"
                // (waylaidwanderer/node-chatgpt-api#49, JasonInd/ChatGPT-DiscordBot#9) and "The model
                // `gpt-3.5-turboo` does not exist" with code null (openai-php/laravel#35).
                "that model does not exist",
                "` does not exist",
                "invalid model id",
            ]),
        title: "The model does not exist or is not visible to this key",
        explanation:
            "OpenAI answered that the model id does not exist or that you do not have access to it: a typo, a retired model, a fine-tune of another organization, or a model this key's project cannot see.",
        fixes: [
            Fix(
                .request,
                "Check the model id for typos and list the models this key can see: `GET /v1/models` (shown by `openai-doctor check --model ID`)."
            ),
            Fix(
                .request,
                "If the model was retired, move to its successor (https://platform.openai.com/docs/deprecations)."),
            Fix(
                .organization,
                "If the model is a fine-tune or limited-access model, use a key of the organization/project that has it."
            ),
        ]
    )

    /// `model.no_access`: the model exists but this organization or project may not use it.
    static let modelNoAccess = CauseSpec(
        id: .modelNoAccess,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [403...403, 400...400],
        wording: Wording(
            rank: 90, confidence: .high,
            fragments: [
                "does not have access to model",
                "organization must be verified",
                "not allowed to sample from this model",
                "you are not allowed to sample",
                "must be verified to stream",
                "must be verified to use",
                "is not allowed for this provider",
                // OpenRouter refusing an OpenAI model that OpenAI serves only to the user's own key
                // ("OpenAI is requiring a key to access this model, which you can add in
                // https://openrouter.ai/settings/integrations", code 403: open-webui/open-webui#16817).
                "is requiring a key to access this model",
            ]),
        title: "This organization or project may not use the model",
        explanation:
            "The model exists, but the project or organization is not allowed to use it: the project's model allowlist excludes it, the organization must be verified for it (or for streaming it), or the usage tier is too low.",
        fixes: [
            Fix(
                .account,
                "Some models need a higher usage tier: check https://platform.openai.com/settings/organization/limits."),
            Fix(
                .organization,
                "Allow the model in the project's settings (Limits → Model usage) at https://platform.openai.com/settings."
            ),
            Fix(
                .organization,
                "If the message asks for organization verification, verify at https://platform.openai.com/settings/organization/general (access can take 15 minutes to propagate)."
            ),
        ]
    )

    /// `rate_limit.exceeded`: a request- or token-per-minute/day limit was reached.
    static let rateLimitExceeded = CauseSpec(
        id: .rateLimitExceeded,
        layer: .openai, retry: .after, shownByHTTPAnswer: true,
        statuses: [429...429],
        wording: Wording(
            rank: 120, confidence: .high,
            fragments: [
                "rate limit reached for",
                "rate limit exceeded",
                "your request rate increased too quickly",
                "rate_limit_exceeded",
                "you are sending requests too quickly",
                "exceeded token rate limit",
                "exceeded call rate limit",
                "exceeded the token rate limit",
                "exceeded the call rate limit",
                "rate limit is exceeded",
                "temporarily rate-limited upstream",
                // OpenAI-compatible providers' own words: Anthropic's "This request would exceed the
                // rate limit for your organization (…) of 50,000 input tokens per minute"
                // (docs.anthropic.com/en/api/errors; FoundationAgents/OpenManus#746).
                "would exceed the rate limit for your organization",
                // The ChatGPT web backend's cap, as unofficial clients relay it (`{"detail":"Too many
                // requests in 1 hour. Try again later."}`, often with their own code 400):
                // rawandahmad698/PyChatGPT#8, acheong08/ChatGPT#1103, lencx/ChatGPT#625.
                "too many requests in 1 hour",
            ]),
        title: "A rate limit was reached",
        explanation:
            "The organization or project sent more requests or tokens per minute (or per day) than its limit allows. This one is transient: wait as long as the server says (`retry-after`, the reset headers or \"Please try again in …\") and retry with backoff.",
        fixes: [
            Fix(.request, "Send fewer tokens per request (max_tokens, shorter prompts) or fewer requests in parallel."),
            Fix(
                .account,
                "Higher limits come with higher usage tiers: https://platform.openai.com/settings/organization/limits."),
            Fix(
                .headers,
                "Retry after the wait the server gives (retry-after / x-ratelimit-reset-*), with exponential backoff and jitter, and cap the attempts."
            ),
        ]
    )

    /// `request.too_large`: one request alone exceeds the token-per-minute limit.
    static let requestTooLarge = CauseSpec(
        id: .requestTooLarge,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        statuses: [429...429],
        wording: Wording(
            rank: 110, confidence: .high,
            fragments: [
                "request too large for"
            ]),
        title: "One request is larger than the per-minute token limit",
        explanation:
            "This single request asks for more tokens than the whole tokens-per-minute limit allows, so it can never pass, however long you wait. It arrives as a 429 \"Request too large\" and must not be retried.",
        fixes: [
            Fix(
                .request,
                "Reduce the input (split documents, summarise history) or max_tokens so the request fits under the TPM limit."
            ),
            Fix(.account, "Or move to a usage tier or model with a higher TPM limit."),
        ]
    )

    /// `request.invalid`: bad parameters or body.
    static let requestInvalid = CauseSpec(
        id: .requestInvalid,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 160, confidence: .medium,
            fragments: [
                "unsupported parameter",
                "unsupported value",
                "unrecognized request argument",
                "is not valid under any of the given schemas",
                "we could not parse the json body",
                "invalid type for",
                "is a required property",
                "additional properties are not allowed",
                "invalid value for",
                // The API's refusal of a value outside an enumeration, "Invalid value: ''. Supported
                // values are: 'low', 'medium', and 'high'." (CreativeCrafts/laravel-ai-assistant#24),
                // and its "Unsupported value: … Supported values are: …" form.
                "supported values are:",
                // A thread that is still running refuses another run: OpenAI's Assistants ("already
                // has an active run") and LangGraph's server, which Open Canvas calls ("Thread is
                // already running a task. Wait for it to finish or choose a different multitask
                // strategy.", HTTP 422: langchain-ai/open-canvas#296).
                "already has an active run",
                "is already running a task",
                "'messages' must contain",
                "items are not persisted when `store` is set to false",
                "previous response with id",
                "previous response cannot be used",
                "no tool call found for function call output",
                "encrypted content could not be decrypted",
                "unsupportedparamserror",
                "conversation already has an active response",
                "what was sent was not valid json",
                "you must provide a model parameter",
                "invalid 'previous_response_id'",
                "items are not persisted",
                "this model does not support",
                // A validation error of an OpenAI-compatible server's request model (pydantic's
                // `string_too_long`, fixture 1747).
                "string should have at most",
                // The validator's other sentences ("None is not of type 'string' - 'suffix'",
                // "'x' is not one of ['system', …] - 'messages.0.role'"): python-jsonschema
                // jsonschema/_keywords.py `type` and `enum`, as the 2023 API printed them
                // (openai-php/client#97).
                "is not of type '",
                "is not one of ['",
                // Function calling's schema check ("Invalid schema for function 'x': …"):
                // home-assistant/core#160462, and the clients that classify it (code search).
                "invalid schema for function",
                // The Assistants API and its v1 → v2 migration
                // (platform.openai.com/docs/assistants/migration): dfinke/PSAI#80,
                // orhanerday/open-ai#140; a message sent while a run is active
                // (openai/openai-python#1023, VoloBuilds/openai-assistants-discord-bot#5,
                // livekit/agents#1367, openai/openai-dotnet#87).
                "the v1 assistants api has been deprecated",
                "cannot be used with the assistants api in v1",
                "can't add messages to thread",
                // Images and files the endpoints refuse: roboflow/awesome-openai-vision-api-experiments#11,
                // CosmosShadow/gptpdf#6, marketing-factory/ai-filemetadata#18, anasfik/openai#216,
                // Kav-K/GPTDiscord#443.
                "image_url is only supported by certain models",
                "you uploaded an unsupported image",
                "unsupported mimetype",
                "invalid image",
                // Whisper's and the image edit/variation endpoints' own refusals of a file (code
                // invalid_value / invalid_image_format): "Audio file might be corrupted or
                // unsupported", "Invalid file format. Supported formats: ['flac', 'm4a', …]", "Invalid
                // input image - format must be in ['RGBA', 'LA', 'L'], got RGB.", "Uploaded image must
                // be a PNG and less than 4 MB." (clients and apps that test for them, code search).
                "audio file might be corrupted or unsupported",
                "invalid file format. supported formats: ['",
                "invalid input image - format must be in",
                "uploaded image must be a png and less than 4 mb",
                // An upload over the endpoint's size limit (Whisper's 25 MB), Starlette's
                // ContentSizeLimit wording ("Maximum content size limit (26214400) exceeded (… bytes
                // read)", with type server_error): aschmelyun/subvert#22, murtaza-nasir/speakr#42,
                // and the clients that test for it (code search).
                "maximum content size limit",
                // The generic refusal of the Realtime and Responses APIs ("There was an issue with
                // your request. Please check your inputs and try again"): home-assistant/core#161073,
                // LiveKit's realtime plugin (code search).
                "please check your inputs and try again",
                // A fine-tuning job refused for its training file (code invalid_file_format):
                // johny-b/llmcomp#59, and a fine-tuning script's notes (code search).
                "file format error in the training file",
                // OpenAI-compatible servers (llama.cpp, vLLM, MLX) refusing a message history their
                // model's chat template cannot render, with 400 or 500: the Mistral/Llama/Gemma
                // templates' `raise_exception('Conversation roles must alternate
                // user/assistant/user/assistant/...')`, the gpt-oss/MiniMax templates' "Message has
                // tool role, but there was no previous assistant message with a tool call!"
                // (skye-harris/hass_local_openai_llm#18; templates and clients the code search finds).
                "conversation roles must alternate",
                "message has tool role, but there was no previous assistant message",
            ]),
        title: "The request's parameters or body are invalid",
        explanation:
            "OpenAI rejected the request itself: an unsupported parameter or value for this model, a malformed body, or a wrong type. The message and `param` name the field.",
        fixes: [
            Fix(
                .request,
                "Fix the field the error names (`param`), for example `max_completion_tokens` instead of `max_tokens` on reasoning models."
            ),
            Fix(.request, "Update the SDK: old versions send parameters newer models reject."),
        ]
    )

    /// `request.context_length`: prompt plus completion exceed the model's context window.
    static let requestContextLength = CauseSpec(
        id: .requestContextLength,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 130, confidence: .high,
            fragments: [
                "maximum context length",
                "context_length_exceeded",
                "exceeds the context window",
                "context window",
                "reduce the length of the messages",
            ]),
        title: "The prompt and completion exceed the model's context",
        explanation:
            "The messages plus the requested completion are longer than the model's context window. The message gives the limit and how many tokens were requested.",
        fixes: [
            Fix(.request, "Shorten the input (trim history, chunk documents) or lower max_tokens."),
            Fix(.request, "Or use a model with a larger context window."),
        ]
    )

    /// `request.content_policy`: the safety system rejected the input or output.
    static let requestContentPolicy = CauseSpec(
        id: .requestContentPolicy,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 140, confidence: .high,
            fragments: [
                "rejected as a result of our safety system",
                // Any task the safety system stopped ("Your task failed as a result of our safety
                // system", code task_failed_text_safety_system: ezzcodeezzlife/dalle2-in-python#15).
                "as a result of our safety system",
                "blocked by our content filters",
                "content management policy",
                "flagged as potentially violating our usage policy",
                "content_policy_violation",
            ]),
        title: "The safety system rejected the request",
        explanation:
            "The input (or output) was flagged by OpenAI's or Azure's safety system. Retrying the same content gives the same answer.",
        fixes: [
            Fix(
                .request,
                "Rephrase the prompt or remove the flagged content; run it through the moderation endpoint first."),
            Fix(.organization, "On Azure, review the deployment's content filter configuration."),
        ]
    )

    /// `endpoint.wrong`: wrong URL, path, method, scheme or base URL.
    static let endpointWrong = CauseSpec(
        id: .endpointWrong,
        layer: .client, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 150, confidence: .high,
            fragments: [
                "invalid url (",
                "can only be accessed over https",
                "this is not a chat model",
                "did you mean to use v1/completions",
                "unknown request url",
                "not supported in the v1/chat/completions endpoint",
                "invalid url(post",
                "invalid url(get",
                "this is a chat model and not supported",
                "did you mean to use v1/chat/completions",
                "not supported in the v1/completions endpoint",
                // Azure OpenAI's (and OpenAI-compatible servers') 404 for a path or api-version it
                // does not serve, `{"error":{"code":"404","message":"Resource not found"}}`:
                // microsoft/autogen#3953 (the endpoint URL), stulzq/azure-openai-proxy#52 (the
                // api-version), andrewyng/aisuite#186, langchain-ai/langchain#13284,
                // murtaza-nasir/speakr#8 (a base URL holding the whole path).
                "resource not found",
            ]),
        title: "The request went to the wrong URL",
        explanation:
            "The URL, path, method or scheme is not an API endpoint: a doubled path (`/v1/chat/completions/chat/completions`), a missing `/v1`, `http://` instead of `https://`, a completions model on the chat endpoint, or a base URL that points at a host that is not the API at all.",
        fixes: [
            Fix(
                .request,
                "Set the base URL to https://api.openai.com/v1 (or your provider's documented base URL) and let the SDK add the path."
            ),
            Fix(.request, "Use https:// — the API refuses plain HTTP."),
            Fix(
                .request,
                "Check the method and endpoint for the model type (chat models on /v1/chat/completions or /v1/responses)."
            ),
        ]
    )

}
