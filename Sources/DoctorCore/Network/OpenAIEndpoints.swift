/// The method and path of the API's endpoints, as "Invalid URL (POST /v1/…)" names them: an
/// answer that calls one of these invalid says something in between (a relay, a proxy, an
/// account state) changed the request, not that the client's URL was wrong.
///
/// Source: the API reference at platform.openai.com/docs/api-reference (each endpoint's
/// method and path), the long-lived endpoints only.
///
/// ```swift
/// OpenAIEndpoints.isServed("POST /v1/chat/completions")                  // true
/// OpenAIEndpoints.isServed("POST /v1/chat/completions/chat/completions") // false
/// ```
public enum OpenAIEndpoints {
    /// The endpoints, as `METHOD /path` in lower case.
    public static let served: Set<String> = [
        "post /v1/chat/completions", "post /v1/completions", "post /v1/embeddings", "post /v1/responses",
        "post /v1/moderations", "post /v1/images/generations", "post /v1/images/edits", "post /v1/images/variations",
        "post /v1/audio/transcriptions", "post /v1/audio/translations", "post /v1/audio/speech", "get /v1/models",
        "post /v1/files", "get /v1/files", "post /v1/batches", "get /v1/batches", "post /v1/fine_tuning/jobs",
        "get /v1/fine_tuning/jobs", "post /v1/assistants", "get /v1/assistants", "post /v1/threads",
        "post /v1/threads/runs", "post /v1/vector_stores", "get /v1/vector_stores", "post /v1/uploads",
        "post /v1/realtime/sessions",
    ]

    /// Whether `request` (`POST /v1/chat/completions`, any case, spaces squeezed, a query cut) is
    /// one of the API's endpoints.
    public static func isServed(_ request: String) -> Bool {
        let words = request.lowercased().split(whereSeparator: \.isWhitespace)
        guard words.count == 2 else { return false }
        var path = words[1].prefix { $0 != "?" }
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return served.contains("\(words[0]) \(path)")
    }
}
