import Testing

@testable import DoctorCore

/// Wording families read from the 2026-12-b collection: each case is the real line of a report
/// (the fixture and its thread named), so that the family, not one fixture, is held. The
/// fixtures themselves are measured as a collection (ExplainFixtureTests, accuracy.py).
@Suite("stack and wrapper wording families")
struct StackWordingTests {
    /// The cause the rules name (the learned stage is measured apart: LearnedStageTests).
    static func cause(of text: String, status: Int? = nil) -> CauseID {
        Diagnoser.diagnose(EvidenceExtractor.extract(from: text, status: status)[0], model: nil).cause
    }

    @Test("an app's \"Failed to connect to NAME:\" around the API's answer is the answer, not a timeout")
    func appWrapperAroundAnAnswer() {
        // Fixture 1858 (zed-industries/zed#9446): the answer came back, so the connection worked.
        let zed =
            "Failed to connect to OpenAI API: The model `gpt-4-1106-preview` does not exist or you do not have access to it."
        #expect(Self.cause(of: zed) == .modelNotFound)
        // curl's and OkHttp's own sentence names a host: still a connection failure.
        #expect(
            Self.cause(of: "curl: (28) Failed to connect to api.openai.com port 443 after 21045 ms: Timed out")
                == .networkTimeout)
        #expect(
            Self.cause(
                of: "curl: (7) Failed to connect to api.openai.com port 443 after 5 ms: Couldn't connect to server")
                == .networkConnect)
        #expect(
            Self.cause(of: "java.net.ConnectException: Failed to connect to api.openai.com/104.18.7.192:443")
                != .unknown)
    }

    @Test(
        "a handshake the peer cut (an EOF, no certificate seen) is a failed connection, not interception",
        arguments: [
            // Fixture 1744 (carlrobertoh/ProxyAI#293), OkHttp on the JVM.
            "javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake",
            // Python's ssl module: the EOF during the handshake.
            "httpx.ConnectError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)",
        ])
    func handshakeCutByThePeer(_ text: String) {
        #expect(Self.cause(of: text) == .networkConnect, "\(text)")
    }

    @Test("a handshake answered in another protocol is not read as a cut connection")
    func wrongVersionIsNotAConnectFailure() {
        let text = "httpx.ConnectError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"
        #expect(Self.cause(of: text) != .networkConnect)
    }

    @Test(".NET's WebException texts name their phase")
    func dotnetWebException() {
        // Fixture 1769 (mapluisch/OpenAI-Realtime-API-for-Unity#8).
        #expect(
            Self.cause(of: "websocket connection failed: Unable to connect to the remote server") == .networkConnect)
        #expect(
            Self.cause(of: "System.Net.WebException: The remote name could not be resolved: 'api.openai.com'")
                == .networkDNS)
    }

    @Test("OpenAI's access_terminated sentence names a deactivated account, wrapped or alone")
    func accessTerminated() {
        // Fixture 1862 (TheoKanning/openai-java#176), the sentence alone.
        let sentence =
            "Your access was terminated due to violation of our policies, please check your email for more information."
        #expect(Self.cause(of: sentence) == .accountDeactivated)
        let body =
            #"{"error":{"message":"\#(sentence)","type":"invalid_request_error","param":null,"code":"access_terminated"}}"#
        #expect(Self.cause(of: body, status: 401) == .accountDeactivated)
    }

    @Test("the transcription endpoint's refusal of a file it cannot read is an invalid request")
    func invalidAudioFormat() {
        // Fixture 1770 (EpicenterHQ/epicenter#474).
        let text =
            "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']"
        #expect(Self.cause(of: text) == .requestInvalid)
    }

    @Test("Azure's older deployment wording (\"for the resource\") names the missing deployment")
    func azureDeploymentOlderWording() {
        // Fixture 1812 (ruoccofabrizio/azure-open-ai-embeddings-qna#16).
        let text = "InvalidRequestError: The API deployment for the resource does not exist."
        #expect(Self.cause(of: text) == .azureDeploymentNotFound)
    }
}
