/// 404s that show the request went to a URL the API is not served at: the body is a web
/// framework's default not-found page rather than an API's error object, or the URL the text
/// names is one no OpenAI-compatible server answers 404 for when its base URL is right.
///
/// OpenAI answers a path it does not serve with its own JSON ("Invalid URL (POST …)", `unknown_url`,
/// decided by the wording rules) and a model it does not know with `model_not_found`; a server that
/// answers with its framework's bare page never routed the request to an API at all. Tried at the
/// status stage, after every code and wording: an API's own error object always wins.
enum NotFoundRules {
    /// A framework's default not-found page, as it stands in a body.
    struct Page {
        /// The fragment, in lower case.
        let fragment: String
        /// The fragment normalized, converted once.
        let bytes: [UInt8]

        init(_ fragment: String) {
            self.fragment = fragment
            bytes = NormalizedText.needle(fragment)
        }
    }

    /// Sentences only a framework's default page writes, found anywhere in the text.
    static let pages: [Page] = [
        // Go's net/http `NotFound` ("404 page not found": go/src/net/http/server.go) and gin's
        // `default404Body` (gin-gonic/gin gin.go), which Ollama and Go relays answer with:
        // hoornet/nives#1, acheong08/ChatGPT-to-API#97, skye-harris/hass_local_openai_llm#15 (a base
        // URL without /v1), Kiln-AI/Kiln#275, vybestack/llxprt-code#775.
        Page("404 page not found"),
        // Express's finalhandler ("Cannot POST /v1/chat/completions" in a <pre>: pillarjs/finalhandler
        // index.js `'Cannot ' + method + ' ' + path`).
        Page("cannot post /"),
        Page("cannot get /"),
        // Werkzeug's (Flask's) `NotFound.description` (pallets/werkzeug src/werkzeug/exceptions.py):
        // hyperonym/basaran#151.
        Page("the requested url was not found on the server"),
        // Starlette's default `HTTPException` detail for a route no endpoint matches, FastAPI's body
        // for it (encode/starlette starlette/exceptions.py: the status's phrase), as JSON and as
        // Python prints the dict: agentscope-ai/QwenPaw#797, harry0703/MoneyPrinterTurbo#1001.
        Page("{\"detail\":\"not found\"}"),
        Page("{'detail': 'not found'}"),
        // LM Studio's server for a path it does not serve, answered with 200 and this body
        // (`{"error":"Unexpected endpoint or method. (POST /chat/completions)"}`): a base URL without
        // /v1. lmstudio-ai/lmstudio-bug-tracker#618, semanser/codel#69, pssah4/vault-operator#73.
        Page("unexpected endpoint or method. ("),
        // Spring Boot's whitelabel JSON for an unmapped path (spring-boot `DefaultErrorAttributes`:
        // timestamp, status, error, path).
        Page("\"status\":404,\"error\":\"not found\""),
    ]

    /// Bodies that are a framework's page only when they are the whole body of an answer (never a
    /// pasted line, which may be a status alone): llama.cpp's server (and llamafile's) answering a
    /// path it does not serve ("File Not Found": ggerganov/llama.cpp examples/server/server.cpp
    /// `set_error_handler`; 64bit/async-openai#221), aiohttp's default ("404: Not Found":
    /// aio-libs/aiohttp web_exceptions.py).
    static let wholeBodies: Set<String> = ["file not found", "404: not found"]

    /// Labels after which a client prints the raw body it could not read, on one line:
    /// async-openai's `map_deserialization_error` ("failed deserialization of: {}": 64bit/async-openai
    /// async-openai/src/error.rs).
    static let bodyLabels: [String] = ["failed deserialization of: "]

    /// Paths of the API's endpoints as base URLs are joined to them, for the confidence: a
    /// framework's page for one of them means the base URL, not the endpoint, is wrong.
    static let apiPaths: [String] = [
        "/chat/completions", "/completions", "/embeddings", "/responses", "/audio/", "/images/", "/threads",
        "/assistants", "/vector_stores", "/batches",
    ]

    /// The rules.
    static let rules: [Rule] = [
        Rule("status.404-framework-page", .status, [.endpointWrong]) { facts in
            // A client's envelope may repeat the status as its code (`"code":404`): no code of an API.
            guard facts.status == nil || facts.status == 404, !facts.openaiHeaders,
                facts.evidence.provider != .azure, facts.code.isEmpty || facts.code == "404"
            else { return nil }
            guard let page = frameworkPage(facts) else { return nil }
            let onAPIPath = facts.status == 404 && facts.says(apiPaths)
            return verdict(
                .endpointWrong, onAPIPath ? .medium : .low,
                "\(facts.status.map { "\($0) with " } ?? "")a web framework's default not-found page (\"\(page)\"), not an API error body: the base URL or path does not reach the API"
            )
        },
        Rule("status.404-unserved-url", .status, [.endpointWrong]) { facts in
            guard facts.status == 404, !facts.hasMessage, facts.code.isEmpty else { return nil }
            for url in RequestURLs.find(in: facts.evidence.excerpt ?? facts.evidence.body ?? "") {
                if url.host.hasSuffix(".api.cognitive.microsoft.com"), url.path.contains("/openai/deployments/") {
                    // A regional Cognitive Services endpoint serves no Azure OpenAI deployment: those
                    // are served on the resource's own host (`<name>.openai.azure.com`,
                    // `<name>.cognitiveservices.azure.com`). FoloToy/folotoy-server-self-hosting#108,
                    // openai/openai-go#104, MicrosoftDocs/azure-docs#107395.
                    return verdict(
                        .endpointWrong, .medium,
                        "404 for an Azure OpenAI deployment path on the regional endpoint \(url.host): deployments are served on the resource's own host (<name>.openai.azure.com)"
                    )
                }
                // A path on the API's host outside /v1 (a base URL without it); the host or /v1 alone
                // is a base URL named in prose, no request.
                if url.host == "api.openai.com", url.path.count > 1, url.path != "/v1", !url.path.hasPrefix("/v1/") {
                    return verdict(
                        .endpointWrong, .medium,
                        "404 for https://api.openai.com\(url.path): the API's paths start with /v1/ (a base URL without /v1)"
                    )
                }
                if url.path.hasSuffix("/models") {
                    // Every OpenAI-compatible server lists its models under its base URL: a list that
                    // is not found there says the base URL is wrong, not a model.
                    return verdict(
                        .endpointWrong, .low,
                        "404 for the model list at \(url.host)\(url.path): the base URL serves no OpenAI-compatible API"
                    )
                }
            }
            return nil
        },
    ]

    /// The framework page the text shows, if any.
    static func frameworkPage(_ facts: Facts) -> String? {
        if facts.hasText, let index = pages.firstIndex(where: { facts.contains($0.bytes) }) {
            return pages[index].fragment
        }
        if let raw = facts.evidence.body, raw.utf8.count <= 64 {
            let body = NormalizedText.fold(raw).trimmed(lineEnds: true)
            if wholeBodies.contains(body) { return body }
        }
        for label in bodyLabels {
            let needle = NormalizedText.needle(label)
            let text = facts.textBytes
            guard let at = ScanText.search(needle, in: text, from: 0) else { continue }
            let start = at + needle.count
            let end = text[start...].firstIndex(of: 0x0A) ?? text.count
            let rest = String(decoding: text[start..<end], as: UTF8.self).trimmed(lineEnds: true)
            if wholeBodies.contains(rest) { return rest }
        }
        return nil
    }
}

/// The URLs a text names with the host and path each request went to: written whole
/// (`for url: https://host/path`, requests' and aiohttp's wording) or, in urllib3's DEBUG access
/// line, as the host then the quoted request line (`https://host:443 "POST /path HTTP/1.1" 404`,
/// urllib3 connectionpool.py `_make_request`).
enum RequestURLs {
    /// One URL: its host (lowercased, no port) and path (no query, no trailing slash).
    struct URL: Equatable {
        var host: String
        var path: String
    }

    /// The most URLs read.
    static let limit = 16

    /// The URLs in `text`, in order.
    static func find(in text: String) -> [URL] {
        var found: [URL] = []
        var rest = text.lowercased()[...]
        while found.count < limit, let scheme = rest.firstRange(of: "http") {
            rest = rest[scheme.upperBound...]
            guard let sep = rest.prefix(2 + 6).firstRange(of: "://") else { continue }
            rest = rest[sep.upperBound...]
            let token = rest.prefix { !$0.isWhitespace && !"\"'()<>[]{},`".contains($0) }
            let slash = token.firstIndex(of: "/") ?? token.endIndex
            let host = String(token[..<slash].prefix { $0 != ":" })
            var path = String(token[slash...].prefix { $0 != "?" && $0 != "#" })
            if path.isEmpty {
                // urllib3: `https://host:443 "POST /path HTTP/1.1" 404`.
                let after = rest[token.endIndex...].drop { $0 == " " }
                if after.hasPrefix("\""), let space = after.dropFirst().firstIndex(of: " ") {
                    path = String(after[after.index(after: space)...].prefix { !$0.isWhitespace && $0 != "?" })
                }
            }
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            guard !host.isEmpty else { continue }
            found.append(URL(host: host, path: path))
        }
        return found
    }
}
