import DoctorCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the generation endpoints read from a request body.
struct GenerationRequest: Sendable {
    var model: String?
    var stream = false
    var includeUsage = true
    var inputs: [String] = []
    var base64 = false
    var dimensions: Int?
    /// Set when the body is not JSON at all.
    var unparsable = false

    init(body: [UInt8]?) {
        guard let body, !body.isEmpty else { return }
        guard let object = JSONBody.parse(body)?.object else {
            unparsable = true
            return
        }
        model = object["model"]?.string
        stream = object["stream"]?.bool ?? false
        if let include = object["stream_options"]?.object?["include_usage"]?.bool {
            includeUsage = include
        }
        switch object["input"] {
        case .string(let text): inputs = [text]
        case .array(let list): inputs = list.map { $0.text }
        default: break
        }
        base64 = object["encoding_format"]?.string == "base64"
        dimensions = object["dimensions"]?.integer.map { min(max($0, 1), 3072) }
    }
}

/// The success shapes of the endpoints the mock serves, as in OpenAI's OpenAPI description.
enum OpenAIEndpoints {
    static let reply = "This is a reply from the openai-doctor mock."
    static let created = 1_764_000_000

    /// `GET /v1/models`.
    static func modelList(_ models: [String]) -> String {
        OrderedJSON.object([
            ("object", .string("list")),
            ("data", .array(models.map(modelObject))),
        ]).pretty + "\n"
    }

    /// One model object (`GET /v1/models/{id}`).
    static func modelObject(_ id: String) -> OrderedJSON {
        .object([
            ("id", .string(id)), ("object", .string("model")), ("created", .int(1_715_367_049)),
            ("owned_by", .string("system")),
        ])
    }

    static func tokens(_ text: String) -> Int { max(1, text.split(separator: " ").count * 4 / 3) }

    static func chatUsage(prompt: Int, completion: Int) -> OrderedJSON {
        .object([
            ("prompt_tokens", .int(prompt)), ("completion_tokens", .int(completion)),
            ("total_tokens", .int(prompt + completion)),
            ("prompt_tokens_details", .object([("cached_tokens", .int(0)), ("audio_tokens", .int(0))])),
            (
                "completion_tokens_details",
                .object([
                    ("reasoning_tokens", .int(0)), ("audio_tokens", .int(0)), ("accepted_prediction_tokens", .int(0)),
                    ("rejected_prediction_tokens", .int(0)),
                ])
            ),
        ])
    }

    /// `POST /v1/chat/completions` without streaming.
    static func chatCompletion(model: String, id: String) -> String {
        OrderedJSON.object([
            ("id", .string("chatcmpl-" + id)), ("object", .string("chat.completion")), ("created", .int(created)),
            ("model", .string(model)),
            (
                "choices",
                .array([
                    .object([
                        ("index", .int(0)),
                        (
                            "message",
                            .object([
                                ("role", .string("assistant")), ("content", .string(reply)), ("refusal", .null),
                                ("annotations", .array([])),
                            ])
                        ),
                        ("logprobs", .null), ("finish_reason", .string("stop")),
                    ])
                ])
            ),
            ("usage", chatUsage(prompt: 9, completion: tokens(reply))),
            ("service_tier", .string("default")), ("system_fingerprint", .string("fp_mock0doctor")),
        ]).pretty + "\n"
    }

    /// `POST /v1/chat/completions` with `stream: true`: the `data:` events, ending with the
    /// usage chunk (unless `stream_options.include_usage` is false) and `data: [DONE]`.
    static func chatCompletionEvents(model: String, id: String, includeUsage: Bool) -> [String] {
        func chunk(_ delta: OrderedJSON, finish: OrderedJSON) -> String {
            var fields: [(String, OrderedJSON)] = [
                ("id", .string("chatcmpl-" + id)), ("object", .string("chat.completion.chunk")),
                ("created", .int(created)), ("model", .string(model)), ("service_tier", .string("default")),
                ("system_fingerprint", .string("fp_mock0doctor")),
                (
                    "choices",
                    .array([
                        .object([("index", .int(0)), ("delta", delta), ("logprobs", .null), ("finish_reason", finish)])
                    ])
                ),
            ]
            if includeUsage { fields.append(("usage", .null)) }
            return "data: " + OrderedJSON.object(fields).compact + "\n\n"
        }
        var events = [
            chunk(
                .object([("role", .string("assistant")), ("content", .string("")), ("refusal", .null)]), finish: .null)
        ]
        for word in reply.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            events.append(
                chunk(.object([("content", .string((word.offset == 0 ? "" : " ") + word.element))]), finish: .null))
        }
        events.append(chunk(.object([]), finish: .string("stop")))
        if includeUsage {
            let usage = OrderedJSON.object([
                ("id", .string("chatcmpl-" + id)), ("object", .string("chat.completion.chunk")),
                ("created", .int(created)), ("model", .string(model)), ("service_tier", .string("default")),
                ("system_fingerprint", .string("fp_mock0doctor")), ("choices", .array([])),
                ("usage", chatUsage(prompt: 9, completion: tokens(reply))),
            ])
            events.append("data: " + usage.compact + "\n\n")
        }
        events.append("data: [DONE]\n\n")
        return events
    }

    static func responseObject(model: String, id: String, status: String, text: String?) -> OrderedJSON {
        let output: [OrderedJSON] =
            text.map {
                [
                    .object([
                        ("id", .string("msg_" + id)), ("type", .string("message")), ("status", .string("completed")),
                        (
                            "content",
                            .array([
                                .object([
                                    ("type", .string("output_text")), ("annotations", .array([])),
                                    ("logprobs", .array([])),
                                    ("text", .string($0)),
                                ])
                            ])
                        ),
                        ("role", .string("assistant")),
                    ])
                ]
            } ?? []
        let usage: OrderedJSON =
            text == nil
            ? .null
            : .object([
                ("input_tokens", .int(9)), ("input_tokens_details", .object([("cached_tokens", .int(0))])),
                ("output_tokens", .int(tokens(reply))),
                ("output_tokens_details", .object([("reasoning_tokens", .int(0))])),
                ("total_tokens", .int(9 + tokens(reply))),
            ])
        return .object([
            ("id", .string("resp_" + id)), ("object", .string("response")), ("created_at", .int(created)),
            ("status", .string(status)), ("background", .bool(false)), ("error", .null),
            ("incomplete_details", .null), ("instructions", .null), ("max_output_tokens", .null),
            ("model", .string(model)), ("output", .array(output)), ("parallel_tool_calls", .bool(true)),
            ("previous_response_id", .null), ("reasoning", .object([("effort", .null), ("summary", .null)])),
            ("service_tier", .string("default")), ("store", .bool(true)), ("temperature", .double(1.0)),
            ("text", .object([("format", .object([("type", .string("text"))]))])), ("tool_choice", .string("auto")),
            ("tools", .array([])), ("top_p", .double(1.0)), ("truncation", .string("disabled")), ("usage", usage),
            ("user", .null), ("metadata", .object([])),
        ])
    }

    /// `POST /v1/responses` without streaming.
    static func response(model: String, id: String) -> String {
        responseObject(model: model, id: id, status: "completed", text: reply).pretty + "\n"
    }

    /// `POST /v1/responses` with `stream: true`: named events from `response.created` to `response.completed`.
    static func responseEvents(model: String, id: String) -> [String] {
        var sequence = 0
        func event(_ type: String, _ fields: [(String, OrderedJSON)]) -> String {
            defer { sequence += 1 }
            let object = OrderedJSON.object([("type", .string(type))] + fields + [("sequence_number", .int(sequence))])
            return "event: \(type)\ndata: \(object.compact)\n\n"
        }
        let itemID = "msg_" + id
        let emptyPart = OrderedJSON.object([
            ("type", .string("output_text")), ("annotations", .array([])), ("logprobs", .array([])),
            ("text", .string("")),
        ])
        let fullPart = OrderedJSON.object([
            ("type", .string("output_text")), ("annotations", .array([])), ("logprobs", .array([])),
            ("text", .string(reply)),
        ])
        var events = [
            event(
                "response.created",
                [("response", responseObject(model: model, id: id, status: "in_progress", text: nil))]),
            event(
                "response.in_progress",
                [("response", responseObject(model: model, id: id, status: "in_progress", text: nil))]),
            event(
                "response.output_item.added",
                [
                    ("output_index", .int(0)),
                    (
                        "item",
                        .object([
                            ("id", .string(itemID)), ("type", .string("message")), ("status", .string("in_progress")),
                            ("content", .array([])), ("role", .string("assistant")),
                        ])
                    ),
                ]),
            event(
                "response.content_part.added",
                [
                    ("item_id", .string(itemID)), ("output_index", .int(0)), ("content_index", .int(0)),
                    ("part", emptyPart),
                ]),
        ]
        for (i, word) in reply.split(separator: " ").enumerated() {
            events.append(
                event(
                    "response.output_text.delta",
                    [
                        ("item_id", .string(itemID)), ("output_index", .int(0)), ("content_index", .int(0)),
                        ("delta", .string((i == 0 ? "" : " ") + word)), ("logprobs", .array([])),
                    ]))
        }
        events.append(
            event(
                "response.output_text.done",
                [
                    ("item_id", .string(itemID)), ("output_index", .int(0)), ("content_index", .int(0)),
                    ("text", .string(reply)), ("logprobs", .array([])),
                ]))
        events.append(
            event(
                "response.content_part.done",
                [
                    ("item_id", .string(itemID)), ("output_index", .int(0)), ("content_index", .int(0)),
                    ("part", fullPart),
                ]))
        events.append(
            event(
                "response.output_item.done",
                [
                    ("output_index", .int(0)),
                    (
                        "item",
                        .object([
                            ("id", .string(itemID)), ("type", .string("message")), ("status", .string("completed")),
                            ("content", .array([fullPart])), ("role", .string("assistant")),
                        ])
                    ),
                ]))
        events.append(
            event(
                "response.completed",
                [("response", responseObject(model: model, id: id, status: "completed", text: reply))]))
        return events
    }

    /// `POST /v1/embeddings`: deterministic unit vectors, as floats or base64 of little-endian float32.
    static func embeddings(model: String, inputs: [String], dimensions: Int?, base64: Bool) -> String {
        let size = dimensions ?? (model == "text-embedding-3-large" ? 3072 : 1536)
        var data: [OrderedJSON] = []
        var promptTokens = 0
        for (index, input) in inputs.enumerated() {
            promptTokens += tokens(input)
            var random = SeededRandom(seed: UInt64(truncatingIfNeeded: input.hashValueStable))
            var vector = (0..<size).map { _ in Float(random.unit() * 2 - 1) }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { vector = vector.map { $0 / norm } }
            let embedding: OrderedJSON
            if base64 {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(size * 4)
                for value in vector {
                    let bits = value.bitPattern.littleEndian
                    bytes += [
                        UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24),
                    ]
                }
                embedding = .string(Data(bytes).base64EncodedString())
            } else {
                embedding = .array(vector.map { .double(Double($0)) })
            }
            data.append(.object([("object", .string("embedding")), ("index", .int(index)), ("embedding", embedding)]))
        }
        return OrderedJSON.object([
            ("object", .string("list")), ("data", .array(data)), ("model", .string(model)),
            ("usage", .object([("prompt_tokens", .int(promptTokens)), ("total_tokens", .int(promptTokens))])),
        ]).pretty + "\n"
    }
}

extension String {
    /// FNV-1a over the UTF-8 bytes: stable across runs (unlike `hashValue`).
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
