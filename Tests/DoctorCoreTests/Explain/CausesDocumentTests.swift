import Foundation
import Testing

@testable import DoctorCore

/// docs/causes.md is generated from the cause specs (``CausesDocument``) and must not go stale.
///
/// To write it anew after changing a spec or a rule:
/// `OPENAI_DOCTOR_WRITE_CAUSES_DOC=1 scripts/test-core.sh --filter CausesDocument`.
@Suite("docs/causes.md")
struct CausesDocumentTests {
    /// docs/causes.md of this checkout (symbolic links resolved: scripts/test-core.sh builds from links).
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/causes.md")

    @Test("docs/causes.md is what CauseSpec generates")
    func upToDate() throws {
        let generated = CausesDocument.markdown()
        if ProcessInfo.processInfo.environment["OPENAI_DOCTOR_WRITE_CAUSES_DOC"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try generated.write(to: Self.path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(
            committed == generated,
            "docs/causes.md is stale: OPENAI_DOCTOR_WRITE_CAUSES_DOC=1 scripts/test-core.sh --filter CausesDocument")
    }

    @Test("every cause has its row, with its layer and retry class")
    func everyCause() {
        let document = CausesDocument.markdown()
        for cause in CauseID.allCases {
            #expect(
                document.contains("| `\(cause.rawValue)` | \(cause.layer?.rawValue ?? "—") | \(cause.retry.rawValue) |")
            )
        }
    }
}
