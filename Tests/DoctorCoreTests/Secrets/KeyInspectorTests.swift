import DoctorTestSupport
import Testing

@testable import DoctorCore

@Suite("Key inspector")
struct KeyInspectorTests {
    static let project = TestKey.make(.project, length: 164)

    @Test("a clean key of every OpenAI shape has no findings", arguments: KeyShape.all.filter { $0.kind.callsModels })
    func clean(shape: KeyShape) {
        let key = TestKey.make(shape)
        let inspection = KeyInspector.inspect(key)
        #expect(inspection.findings == [])
        #expect(inspection.kind == shape.kind)
        #expect(inspection.length == shape.length)
        #expect(inspection.fingerprint == KeyFingerprint.fingerprint(key))
        #expect(inspection.isUsable)
    }

    @Test("damage is found, with its position")
    func damage() {
        let key = Self.project
        #expect(KeyInspector.inspect(key + "\n").findings == [.trailingWhitespace(count: 1)])
        #expect(KeyInspector.inspect("  " + key).findings == [.leadingWhitespace(count: 2)])
        #expect(KeyInspector.inspect("\"\(key)\"").findings == [.quotes(character: "\"")])
        #expect(KeyInspector.inspect("<\(key)>").findings == [.angleBrackets])
        #expect(KeyInspector.inspect("Bearer \(key)").findings == [.bearerPrefix])
        #expect(KeyInspector.inspect("OPENAI_API_KEY=\(key)").findings == [.assignment(name: "OPENAI_API_KEY")])
        let wrapped = String(key.prefix(80)) + "\n" + String(key.dropFirst(80))
        #expect(KeyInspector.inspect(wrapped).findings == [.embeddedNewline(position: 81)])
        let zeroWidth = String(key.prefix(10)) + "\u{200B}" + String(key.dropFirst(10))
        #expect(KeyInspector.inspect(zeroWidth).findings == [.invisibleCharacter(position: 11, codePoint: "U+200B")])
        let cyrillic = String(key.prefix(20)) + "\u{0430}" + String(key.dropFirst(21))
        let found = KeyInspector.inspect(cyrillic).findings
        #expect(found.first == .nonASCIICharacter(position: 21, codePoint: "U+0430"))
        #expect(KeyInspector.inspect(cyrillic).cause == .keyMalformed)
    }

    @Test("wrong lengths are truncation or extension")
    func lengths() {
        let key = Self.project
        #expect(
            KeyInspector.inspect(String(key.prefix(120))).findings == [
                .truncated(kind: .project, length: 120, expected: [164, 132, 56])
            ])
        #expect(
            KeyInspector.inspect(key + "AB").findings == [
                .tooLong(kind: .project, length: 166, expected: [164, 132, 56])
            ])
        let legacy = TestKey.make(.legacy)
        #expect(
            KeyInspector.inspect(String(legacy.dropLast())).findings == [
                .truncated(kind: .legacy, length: 50, expected: [51])
            ])
    }

    @Test(
        "placeholders and masked copies",
        arguments: [
            "YOUR_API_KEY", "<your key>", "sk-xxxxxxxxxxxxxxxx", "sk-...", "sk-proj-...", "your-openai-api-key-here",
            "sk-abc***...wxyz", "sk-proj-…a1B2",
        ])
    func placeholders(value: String) {
        let inspection = KeyInspector.inspect(value)
        #expect(inspection.cause == .keyInvalid, "\(inspection.findings)")
        #expect(inspection.findings.count == 1)
    }

    @Test("other providers, admin keys and session tokens")
    func mixUps() {
        let anthropic = TestKey.make(.anthropic, length: 108)
        #expect(KeyInspector.inspect(anthropic).findings == [.otherProvider(.anthropic)])
        let azure = TestKey.make(.azure)
        #expect(KeyInspector.inspect(azure).findings == [.otherProvider(.azure)])
        #expect(KeyInspector.inspect(azure, for: .azure).findings == [])
        #expect(KeyInspector.inspect(Self.project, for: .azure).findings == [.openAIKeyForAzure(.project)])
        #expect(KeyInspector.inspect(TestKey.make(.admin)).findings == [.adminKey])
        #expect(KeyInspector.inspect(TestKey.make(.session)).findings == [.sessionToken])
        #expect(KeyInspector.inspect("   ").findings == [.empty])
        #expect(KeyInspector.inspect("   ").cause == .keyMissing)
    }

    @Test("an inspection never holds the key")
    func noSecret() {
        let key = Self.project
        let inspection = KeyInspector.inspect(" \(key)x\n")
        let dump = String(describing: inspection) + inspection.sentences.joined()
        #expect(!dump.contains(String(key.dropLast(4).suffix(20))))
        for sentence in inspection.sentences { #expect(!sentence.isEmpty) }
    }
}
