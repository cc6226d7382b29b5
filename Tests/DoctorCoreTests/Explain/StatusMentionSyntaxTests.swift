import Testing

@testable import DoctorCore

/// The status syntaxes of the stacks and apps the 2026-12 families print beside their own
/// message (``StatusMentions``): each is read as the answer's status when nothing structural
/// told one.
@Suite("status syntaxes of client stacks and apps")
struct StatusMentionSyntaxTests {
    @Test(
        "each stack's way of writing the status is read",
        arguments: [
            // Dio 5 and Dio 4 (cfug/dio dio_exception.dart, dio_error.dart).
            (
                "DioException [bad response]: This exception was thrown because the response has a status code of 429 and RequestOptions.validateStatus was configured to throw for this status code.",
                429
            ),
            ("Unhandled Exception: DioError [DioErrorType.response]: Http status error [401]", 401),
            // .NET Framework's WebException in Windows PowerShell 5.1.
            ("Invoke-RestMethod : The remote server returned an error: (400) Bad Request.", 400),
            // A Cloudflare 5xx page cut before its title: the landing link still names the status.
            (
                #"Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_524&utm_campaign=api.openai.com">cloudflare.com</a>"#,
                524
            ),
            // A relay's envelope printed as a Python dict, and openai-python 0.x's APIError.
            ("upstream failed: {'status': 503, 'detail': 'no healthy upstream'}", 503),
            ("openai.error.APIError: HTTP code 522 from API (<!DOCTYPE html>", 522),
            // revChatGPT's and the R openai package's own status syntaxes.
            (#"OpenAI: {"detail":"Too many requests in 1 hour. Try again later."} (code: 400)"#, 400),
            ("Error: OpenAI API request failed [503]:", 503),
            // urllib3's DEBUG access line.
            (
                #"DEBUG - https://api.openai.com:443 "POST /v1/audio/transcriptions HTTP/1.1" 413 129"#,
                413
            ),
            // A Chinese app's own label, with a full-width colon.
            ("HTTP 状态码：429 (限流触发，CORS 正常工作)", 429),
            // The reason phrase first, the status after it, as the WordPress PHP AI client words
            // a provider's answer (WordPress/ai#126).
            (#"{ code: "prompt_builder_error", message: "Not Found (404)" }"#, 404),
            // requests' raise_for_status, as a Home Assistant integration printed it (fixture 1850)
            // and as a relay's client logged it (SreejanPersonal/openai-unofficial#4).
            (
                "HTTP error from OpenAI: 429 Client Error: Too Many Requests for url: https://api.openai.com/v1/audio/speech",
                429
            ),
            ("API request failed: 404 Client Error: Not Found for url: https://devsdocode-openai.hf.space/models", 404),
        ] as [(String, Int)])
    func syntaxes(_ text: String, _ status: Int) {
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(evidence.status == status, "\(text)")
        #expect(evidence.sightings.contains { $0.kind == .statusMention(status) }, "\(text)")
    }

    @Test("a number after the same labels that is no error status is not read")
    func notStatuses() {
        for text in [
            "the response has a status code of 200", "'status': 'failed'", "HTTP code 200 from API",
            "状态码: 200", "utm_source=errorcode_1020", "error code: 1020 (code: 1020)", "Not Found (4040)",
            "PageNot Found (404)", "Not Found (200)", "2000 client error: x",
        ] {
            #expect(StatusMentions.read(ScanText(text)).isEmpty, "\(text)")
        }
    }
}
