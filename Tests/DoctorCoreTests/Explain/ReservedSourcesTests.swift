import Foundation
import Testing

/// No fixture comes from a source kept for measuring `explain` independently
/// (Fixtures/explain/reserved-sources.txt): those threads and pages judge the classifier on reports
/// it never learnt from, so a fixture or a wording taken from one would spoil the measure.
@Suite("fixtures never come from a reserved source")
struct ReservedSourcesTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/explain")

    /// The reserved sources, lowercased (GitHub's owner and repository names ignore case).
    static func reserved() throws -> [String] {
        let text = try String(
            contentsOf: directory.appendingPathComponent("reserved-sources.txt"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Whether `source` cites `reserved` as a whole reference: `owner/repo#12` is not `owner/repo#123`,
    /// nor `other-owner/repo#12`.
    static func cites(_ source: String, _ reserved: String) -> Bool {
        var searchStart = source.startIndex
        while let range = source.range(of: reserved, range: searchStart..<source.endIndex) {
            let before = range.lowerBound == source.startIndex ? nil : source[source.index(before: range.lowerBound)]
            let after = range.upperBound == source.endIndex ? nil : source[range.upperBound]
            let cleanStart = before.map { !($0.isLetter || $0.isNumber || "-_./".contains($0)) } ?? true
            let cleanEnd = after.map { !$0.isNumber } ?? true
            if cleanStart && cleanEnd { return true }
            searchStart = range.upperBound
        }
        return false
    }

    @Test("the whole-reference match ignores longer numbers and other owners")
    func matching() {
        #expect(
            Self.cites(
                "body: example-owner/example-repo#12; wrapping: errors-catalogue.md §5", "example-owner/example-repo#12"
            ))
        #expect(!Self.cites("example-owner/example-repo#120", "example-owner/example-repo#12"))
        #expect(!Self.cites("not-example-owner/example-repo#12", "example-owner/example-repo#12"))
    }

    @Test("no manifest entry, sealed or not, cites a reserved source (case-insensitively)")
    func noReservedSource() throws {
        let reserved = try Self.reserved()
        #expect(reserved.count > 100)
        // Only the manifest's `source` fields are read here, never a sealed fixture's text.
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("manifest.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var offenders: [String] = []
        for entry in entries {
            let source = (entry["source"] as? String ?? "").lowercased()
            for item in reserved where Self.cites(source, item) {
                offenders.append("\(entry["file"] as? String ?? "?"): \(item)")
            }
        }
        #expect(
            offenders.isEmpty,
            "drop these fixtures and what was learnt from them:\n\(offenders.joined(separator: "\n"))")
    }
}
