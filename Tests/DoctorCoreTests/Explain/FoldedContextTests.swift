import Testing

@testable import DoctorCore

/// The text around the message is folded once and shared by the facts of every error object:
/// facts with a message read all of it, facts without one what lies past its first 16 KiB.
@Suite("the shared folded context")
struct FoldedContextTests {
    @Test("each fold keeps its own byte pairs, whichever fold a later error object asks for first")
    func pairsBelongToTheirFold() throws {
        // A body longer than 16 KiB: OpenAI's quota sentence at its head, Envoy's reset at its tail.
        let head = "You exceeded your current quota, please check your plan and billing details. "
        let tail = "upstream connect error or disconnect/reset before headers. reset reason: connection termination"
        let body = head + String(repeating: "x ", count: 9000) + tail
        var withMessage = try #require(EvidenceExtractor.extract(from: "{\"error\":{\"message\":\"failed\"}}").first)
        withMessage.body = body
        withMessage.excerpt = nil
        var withoutMessage = withMessage
        withoutMessage.error = APIErrorFields()
        let first = Facts(withMessage)
        let later = Facts(withoutMessage, sharing: first.context)
        let headNeedle = NormalizedText.needle("you exceeded your current quota")
        let tailNeedle = NormalizedText.needle("disconnect/reset before headers")
        // The whole text folded first, then the part past the head: each answers from its own bytes.
        #expect(first.contextContains(tailNeedle))
        #expect(later.contextContains(tailNeedle))
        #expect(!later.contextContains(headNeedle))
        #expect(first.contextContains(headNeedle))
        #expect(first.containsAnywhere(headNeedle))
        #expect(!first.contains(headNeedle))
    }
}
