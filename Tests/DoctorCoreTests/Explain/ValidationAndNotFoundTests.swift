import Testing

@testable import DoctorCore

/// The families of ValidationRules and NotFoundRules, each held by real lines from reports other
/// than the fixture that first showed it (the thread named beside each case): a validator's
/// sentence is a refused request, a framework's default not-found page is a wrong base URL, and
/// neither outranks a status or an answer that says something else.
@Suite("validation sentences and not-found pages")
struct ValidationAndNotFoundTests {
    /// The rules' verdict (the learned stage is measured apart: LearnedStageTests).
    static func verdict(of text: String, status: Int? = nil) -> Classification {
        Classifier.classify(EvidenceExtractor.extract(from: text, status: status)[0], model: nil)
    }

    @Test(
        "a validator's sentence in the answer is an invalid request",
        arguments: [
            // go-openai's rendering of OpenAI's length check (gptscript-ai/clio#41).
            "error, status code: 400, message: Invalid 'messages[17].content': string too long. Expected a string with maximum length 1048576, but got a string with length 1744259 instead.",
            // FastAPI's 422 as openai-python prints it (hiyouga/LlamaFactory#2644).
            "UnprocessableEntityError: Error code: 422 - {'detail': [{'loc': ['body', 'messages', 2, 'content'], 'msg': 'none is not an allowed value', 'type': 'type_error.none.not_allowed'}]}",
            // pydantic v2's order of fields, in a CLI's own rendering (Alishahryar1/free-claude-code#1041).
            #"API Error: 422 {"detail":[{"type":"literal_error","loc":["body","messages",1,"role"],"msg":"Input should be 'user' or 'assistant'","input":"system","ctx":{"expected":"'user' or 'assistant'"}}]}"#,
        ])
    func validatorSentence(_ text: String) {
        let verdict = Self.verdict(of: text)
        #expect(verdict.cause == .requestInvalid, "\(text)")
    }

    @Test("FastAPI's 422 body alone, with the status given, is an invalid request at medium confidence")
    func fastAPIBodyWithStatus() {
        // gpt4free's answer to a request without `messages` (xtekky/gpt4free#1989).
        let body = #"{"detail":[{"loc":["body","messages"],"message":"Field required","type":"missing"}]}"#
        let verdict = Self.verdict(of: body, status: 422)
        #expect(verdict.cause == .requestInvalid)
        #expect(verdict.confidence == .medium)
        #expect(verdict.rule == "wording.validation-sentence")
    }

    @Test("a relay that could not decode the upstream's answer refused no request")
    func relayDecodingTheAnswer() {
        // one-api's log when the upstream's body did not decode; the fix was a new key
        // (songquanpeng/one-api#418). Go's sentence, but no answer said it to the client.
        let log =
            "[SYS] 2023/08/14 - 05:18:27 | relay error (channel #6): json: cannot unmarshal bool into Go struct field TextResponse.error of type controller.OpenAIError"
        #expect(Self.verdict(of: log).cause != .requestInvalid)
    }

    @Test("a validator's sentence never outranks a status of another kind")
    func statusOfAnotherKind() {
        // The same go-openai line with a 401: the key, not the request's shape, was refused.
        let text =
            "error, status code: 401, message: Invalid 'messages[17].content': string too long. Expected a string with maximum length 1048576, but got a string with length 1744259 instead."
        #expect(Self.verdict(of: text).rule != "wording.validation-sentence")
    }

    @Test("OpenAI's validation codes by their grammar; codes of other causes are left to their rules")
    func validationCodeGrammar() {
        #expect(ValidationRules.isValidationCode("invalid_intent"))
        #expect(ValidationRules.isValidationCode("missing_file_mimetype"))
        #expect(ValidationRules.isValidationCode("string_above_max_length"))
        #expect(ValidationRules.isValidationCode("empty_array"))
        #expect(!ValidationRules.isValidationCode("invalid_api_key"))
        #expect(!ValidationRules.isValidationCode("unknown_url"))
        #expect(!ValidationRules.isValidationCode("invalid_request_error"))
        #expect(!ValidationRules.isValidationCode("unknown_error"))
        #expect(!ValidationRules.isValidationCode("invalid_organization"))
        #expect(!ValidationRules.isValidationCode("model_not_found"))
        // A vector store's refusal of a file, the body alone without its status line (stdapi-ai/stdapi.ai#275).
        let body = """
            {'error': {'message': 'Files with extensions [.png] are not supported for retrieval.
                 See https://platform.openai.com/docs/assistants/tools/file-search/supported-files',
                 'type': 'invalid_request_error', 'param': 'file_ids', 'code': 'unsupported_file'}}
            """
        let verdict = Self.verdict(of: body)
        #expect(verdict.cause == .requestInvalid)
        #expect(verdict.rule == "code.validation-grammar")
    }

    @Test(
        "a web framework's default not-found page is a wrong base URL",
        arguments: [
            // Ollama's (Go's) page for a base URL without /v1 (skye-harris/hass_local_openai_llm#15).
            "openai.NotFoundError: 404 page not found",
            // LiteLLM around the same page (Kiln-AI/Kiln#275).
            "Unexpected error: litellm.NotFoundError: NotFoundError: OpenAIException - 404 page not found",
            // FastAPI's route-not-found body (agentscope-ai/QwenPaw#797, harry0703/MoneyPrinterTurbo#1001).
            "Unknown agent error: NotFoundError: Error code: 404 - {'detail': 'Not Found'}",
            "404 {'detail': 'Not found'}",
            // A client showing the body alone (chatboxai/chatbox#1008).
            #"API Error: {"detail":"Not Found"}"#,
            // LM Studio's answer to a base URL without /v1, as a Go client printed it (semanser/codel#69).
            "failed to process input: failed to get message summary: Unexpected endpoint or method. (POST /v1/api/chat)",
            // Werkzeug's sentence from a Flask server (hyperonym/basaran#151).
            "InvalidRequestError: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
        ])
    func frameworkPage(_ text: String) {
        let verdict = Self.verdict(of: text)
        #expect(verdict.cause == .endpointWrong, "\(text)")
        #expect(verdict.rule == "status.404-framework-page", "\(text)")
    }

    @Test("a bare 404, the status's own phrase or an API's 404 body is not a framework's page")
    func notAFrameworkPage() {
        // aiohttp's status and reason for the right URL: a model the key may not use (fixture 1369).
        let aiohttp =
            "Smart Notes Error: Unknown error from OpenAI - 404, message='Not Found', url=URL('https://api.openai.com/v1/chat/completions')"
        #expect(Self.verdict(of: aiohttp).cause == .unknown)
        #expect(Self.verdict(of: "404 Not Found").cause == .unknown)
        #expect(Self.verdict(of: "Not Found", status: 404).cause == .unknown)
        let modelBody =
            #"{"error":{"message":"The model `gpt-5-turbo` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#
        #expect(Self.verdict(of: modelBody, status: 404).cause == .modelNotFound)
    }

    @Test("a 404 for a URL no right base URL answers 404 for")
    func unservedURL() {
        // urllib3's access line for an Azure deployment path on a regional Cognitive Services endpoint
        // (FoloToy/folotoy-server-self-hosting#108; the family of openai/openai-go#104 and
        // MicrosoftDocs/azure-docs#107395), with the status the line itself carries.
        let azure =
            #"2024-01-05 11:08:51,250 - DEBUG - https://northcentralus.api.cognitive.microsoft.com:443 "POST //openai/deployments/whisper/audio/transcriptions?api-version=2023-09-01-preview HTTP/1.1" 404 198"#
        let verdict = Self.verdict(of: azure)
        #expect(verdict.cause == .endpointWrong)
        #expect(verdict.rule == "status.404-unserved-url")
        // requests' wording for the model list of a relay's base URL (SreejanPersonal/openai-unofficial#4).
        let list =
            "ERROR:openai_unofficial.main:API request failed: 404 Client Error: Not Found for url: https://devsdocode-openai.hf.space/models"
        #expect(Self.verdict(of: list).cause == .endpointWrong)
        // The right URL (aiohttp, fixture 1369): the 404 says nothing of the base URL.
        let right =
            "Smart Notes Error: Unknown error from OpenAI - 404, message='Not Found', url=URL('https://api.openai.com/v1/chat/completions')"
        #expect(Self.verdict(of: right).rule != "status.404-unserved-url")
        // A base URL named in prose beside a 404 is no request (MoneyPrinterTurbo's maintainer,
        // harry0703/MoneyPrinterTurbo#1001).
        let prose =
            "If you are using the official OpenAI API, please either leave **Base Url** empty or set it to:\n\n```text\nhttps://api.openai.com/v1\n```"
        #expect(Self.verdict(of: prose, status: 404).rule != "status.404-unserved-url")
    }

    @Test("a client's line pasted as Markdown inline code keeps its status and message")
    func quotedClientLine() {
        // openai-node's "<status> <message>" in backticks, as a no-code platform's user pasted it
        // (nocobase/nocobase#10487, fixture 1843).
        let text =
            "`400 Error from provider (Console Go): Request is missing x-opencode-session and cannot be routed efficiently. Please see https://opencode.ai/docs/go/#where-can-i-use-it\n`"
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(evidence.status == 400)
        #expect(evidence.error.message?.hasPrefix("Error from provider (Console Go)") == true)
        #expect(Self.verdict(of: text).cause == .requestInvalid)
    }

    @Test("the URLs a text names, urllib3's split form included")
    func requestURLs() {
        let urls = RequestURLs.find(
            in:
                #"https://northcentralus.api.cognitive.microsoft.com:443 "POST //openai/deployments/whisper/audio/transcriptions?api-version=2023-09-01-preview HTTP/1.1" 404 198, url=URL('https://api.openai.com/v1/chat/completions/')"#
        )
        #expect(
            urls == [
                .init(
                    host: "northcentralus.api.cognitive.microsoft.com",
                    path: "//openai/deployments/whisper/audio/transcriptions"),
                .init(host: "api.openai.com", path: "/v1/chat/completions"),
            ])
    }
}
