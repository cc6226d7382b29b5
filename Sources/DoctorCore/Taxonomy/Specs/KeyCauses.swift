/// The API key: missing, invalid, damaged, or short of a scope.
///
/// One spec per cause (``CauseSpec``): what docs/causes.md says of it, the wording families that
/// name it, and what the tool tells a person about it.
extension CauseSpec {
    /// `key.missing`: no API key was sent.
    static let keyMissing = CauseSpec(
        id: .keyMissing,
        layer: .client, retry: .no, shownByHTTPAnswer: true,
        statuses: [401...401, 404...404, 400...400],
        wording: Wording(
            rank: 0, confidence: .high,
            fragments: [
                "you didn't provide an api key",
                "you did not provide an api key",
                "missing bearer or basic authentication",
                "missing bearer authentication",
                "missing credentials",
                "the api_key client option must be set",
                "openai_api_key environment variable is missing or empty",
                "no api key provided",
                "api key is missing",
                "apikey is not set",
                "no auth credentials found",
                // Clients and apps refusing an unset or empty key before any request leaves, each in
                // its own words (issue 21, kind 6): LangChain's `get_from_dict_or_env`
                // (langchain-ai/langchain libs/core/langchain_core/utils/env.py, "Did not find
                // openai_api_key, please add an environment variable"); LangChain.js ChatOpenAI and
                // AzureChatOpenAI ("OpenAI or Azure OpenAI API key or Token Provider not found", and
                // "OpenAI or Azure OpenAI API key not found" before it: FlowiseAI/Flowise#926);
                // OpenAI.jl `auth_header` (JuliaML/OpenAI.jl src/OpenAI.jl, "api_key cannot be
                // empty"); "An API key is required for …" (nextcloud/integration_openai as
                // nextcloud/llm2#43 shows it, and app and SDK validators the code search finds);
                // "No API key detected" (gd3kr/BlenderGPT#42, cronitor-python); start-up checks
                // ("OPENAI_API_KEY is not set in environment variables", "No OpenAI API key found").
                "did not find openai_api_key",
                "api key or token provider not found",
                "openai api key not found",
                "api_key cannot be empty",
                "api key is required",
                "no api key detected",
                "openai_api_key is not set",
                "no openai api key found",
                "no openai_api_key found",
                // A hosted app that runs on its own quota until the user brings a key, refusing
                // without one (sqlchat/sqlchat#139: "Please sign up to get free quota or supply your
                // own OpenAI key.").
                "supply your own openai key",
                // ruby-openai's ConfigurationError (alexrudall/ruby-openai lib/openai.rb: "OpenAI
                // access token missing! See …"); Spring AI's OpenAiConnectionProperties check
                // ("OpenAI API key must be set. Use the connection property: spring.ai.openai.api-key");
                // LangChain4j's and Java clients' `ensureNotBlank` ("apiKey cannot be null or
                // blank"); .NET's argument checks on an `apiKey` parameter (dotnet/runtime
                // Strings.resx ArgumentNull_Generic "Value cannot be null.", Argument_EmptyString,
                // Argument_EmptyOrWhiteSpaceString, with " (Parameter 'apiKey')").
                "openai access token missing",
                "api key must be set",
                "apikey cannot be null or blank",
                "value cannot be null. (parameter 'apikey')",
                "empty string (parameter 'apikey')",
                "empty string. (parameter 'apikey')",
                "entirely of whitespace. (parameter 'apikey')",
                // A JavaScript template `Bearer ${key}` with the key unset, as axios and fetch dumps
                // print the header it built (neoxr/neoxr-bot#69; test files of public repositories).
                "bearer undefined",
            ]),
        title: "No API key was sent",
        explanation:
            "The API answered 401 because the request carried no credentials: the Authorization header was missing or held an empty `Bearer `. Usually the key variable is unset in the environment the program really runs in (a service, a container, a CI job, an IDE launch configuration), or the client was created before the variable was loaded.",
        fixes: [
            Fix(
                .key,
                "Set OPENAI_API_KEY in the environment the program runs in (or pass the key to the client explicitly); `openai-doctor check` shows where it looked and what it found."
            ),
            Fix(
                .key,
                "If you use a .env file, make sure it is loaded before the client is created and that the variable name matches exactly."
            ),
            Fix(
                .headers,
                "If you build requests by hand, send `Authorization: Bearer <key>` (Azure: the `api-key` header)."),
        ]
    )

    /// `key.invalid`: the key is wrong, revoked, deleted, a placeholder, or another provider's.
    static let keyInvalid = CauseSpec(
        id: .keyInvalid,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 5, confidence: .high,
            fragments: [
                "invalid proxy server token passed",
                "token_not_found_in_db",
                "authentication fails, your api key",
                // ChatGPT's web backend refusing an expired session access token (code
                // `token_expired`), as the unofficial clients and relays built on it pass it on:
                // rawandahmad698/PyChatGPT#85, acheong08/ShareGPT#4.
                "your authentication token has expired",
            ]),
        title: "The API key is not valid",
        explanation:
            "OpenAI recognised no account for this key: it is mistyped, revoked, deleted, belongs to another organization's revoked project, is a placeholder, or is not an OpenAI key at all. The message echoes the start and end of the key it received; compare that with the key you think you are using.",
        fixes: [
            Fix(
                .key,
                "Compare the echoed key's first and last characters with your configured key (`openai-doctor check` prints its fingerprint); an older key in another variable, .env file or shell profile often wins."
            ),
            Fix(
                .key,
                "Create a new key at https://platform.openai.com/api-keys and replace the old one everywhere it is set."
            ),
            Fix(
                .key,
                "If you point the client at another provider or a relay, use that provider's key and base URL together."
            ),
            Fix.support,
        ]
    )

    /// `key.malformed`: the key was damaged before sending: whitespace, quotes, brackets, zero-width or non-ASCII characters, truncation.
    static let keyMalformed = CauseSpec(
        id: .keyMalformed,
        layer: .client, retry: .no, shownByHTTPAnswer: false,
        title: "The API key was damaged before it was sent",
        explanation:
            "The key contains characters a key never has — white space, a newline, quotes, angle brackets, a zero-width or typographic character — or it is cut short. Such a key either cannot be put in an HTTP header at all (\"Illegal header value\", a latin-1/ascii encoding error at position 7, right after `Bearer `) or reaches OpenAI as a different string. It usually comes from copying out of a document, chat or web page.",
        fixes: [
            Fix(
                .key,
                "Copy the key again from https://platform.openai.com/api-keys into a plain-text editor and paste it without quotes, brackets or spaces."
            ),
            Fix(
                .key,
                "Remove quotes around the value in .env files and CI secrets, and any trailing newline (`printf %s` rather than `echo`)."
            ),
            Fix(
                .key,
                "Run `openai-doctor check` to see which character is wrong and where (the key itself is never printed)."
            ),
        ]
    )

    /// `key.insufficient_scopes`: a restricted key or the member's role lacks a scope.
    static let keyInsufficientScopes = CauseSpec(
        id: .keyInsufficientScopes,
        layer: .openai, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 50, confidence: .high,
            fragments: [
                "insufficient permissions for this operation",
                "missing scopes:",
            ]),
        title: "The key or role lacks a permission",
        explanation:
            "The key is valid, but it is a restricted key without the scope this endpoint needs, or your role in the organization or project does not allow the operation. The message names the missing scope (for example `api.model.read` or `api.responses.write`).",
        fixes: [
            Fix(
                .key,
                "Edit the restricted key's permissions at https://platform.openai.com/api-keys to grant the scope named in the message, or use a key with All permissions."
            ),
            Fix(
                .organization,
                "Ask an organization owner to give you the Writer (organization) or Member (project) role needed for this operation."
            ),
        ]
    )

}
