import DoctorTestSupport
import Testing

@testable import DoctorCore

@Suite("Key kinds and fingerprints")
struct KeyKindTests {
    @Test("every generated shape is recognised as its kind, with an expected length", arguments: KeyShape.all)
    func recognisesEveryShape(shape: KeyShape) {
        let key = TestKey.make(shape)
        #expect(key.count == shape.length)
        #expect(KeyKind.recognise(key) == shape.kind)
        #expect(shape.kind.expectedLengths.contains(key.count))
    }

    @Test("the most specific prefix wins")
    func longestPrefix() {
        #expect(KeyKind.kind(forPrefixOf: "sk-proj-abc") == .project)
        #expect(KeyKind.kind(forPrefixOf: "sk-svcacct-abc") == .serviceAccount)
        #expect(KeyKind.kind(forPrefixOf: "sk-admin-abc") == .admin)
        #expect(KeyKind.kind(forPrefixOf: "sk-None-abc") == .noneProject)
        #expect(KeyKind.kind(forPrefixOf: "sk-ant-api03-abc") == .anthropic)
        #expect(KeyKind.kind(forPrefixOf: "sk-abc") == .legacy)
        #expect(KeyKind.kind(forPrefixOf: "abc") == nil)
        #expect(KeyKind.recognise("0123456789abcdef0123456789ABCDEF") == .azure)
        #expect(KeyKind.recognise("0123456789abcdef0123456789ABCDEG") == .unrecognized)
    }

    @Test("a fingerprint is the type prefix, an ellipsis and the last four", arguments: KeyShape.all)
    func fingerprint(shape: KeyShape) {
        let key = TestKey.make(shape)
        let fingerprint = KeyFingerprint.fingerprint(key)
        #expect(fingerprint == shape.kind.prefix + "…" + String(key.suffix(4)))
        // Never more than prefix + last four of the key.
        let shown = fingerprint.replacingFirst("…", with: "")
        #expect(shown.count <= shape.kind.prefix.count + 4)
    }

    @Test("fingerprints ignore surrounding noise and hide the tail of short values")
    func fingerprintEdges() {
        let key = TestKey.make(.project, length: 164)
        #expect(KeyFingerprint.fingerprint(" \"\(key)\"\n") == KeyFingerprint.fingerprint(key))
        #expect(KeyFingerprint.fingerprint("sk-proj-abcd") == "sk-proj-…")
        #expect(KeyFingerprint.fingerprint("hunter2") == "…")
        #expect(KeyFingerprint.fingerprint("") == "…")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = firstRange(of: target) else { return self }
        return String(self[..<r.lowerBound]) + replacement + String(self[r.upperBound...])
    }

    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let r = rest.firstRange(of: needle) {
            count += 1
            rest = rest[r.upperBound...]
        }
        return count
    }
}
