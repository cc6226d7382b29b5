import DoctorCore

@testable import DoctorProbes

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Saved reports (`report`, `explain` of a report) and baselines (`baseline compare`) read back.
enum SavedTargets {
    static let report = FuzzTarget(
        name: "saved-report",
        property:
            "saved check and verify reports: a report read back renders as text, Markdown and HTML, writes and reads back equal, and explains to one evidence"
    ) { input in
        guard let saved = try? SavedReport.decode(input.bytes) else { return }
        switch saved {
        case .check(let report):
            _ = CheckConsoleRenderer.render(report, verbose: true)
            _ = CheckConsoleRenderer.render(report, verbose: false, style: DiagnosisTextRenderer.Style(color: true))
            _ = SupportTicketRenderer.render(report)
            _ = CheckReportHTMLRenderer.render(report)
            let written = Array(JSONOutput.encode(report).utf8)
            guard case .check(let again)? = try? SavedReport.decode(written) else {
                FuzzCheck.fail("a check report written back does not read: \(String(decoding: written, as: UTF8.self))")
            }
            FuzzCheck.require(again == report, "a check report read back differs from the one written")
        case .verify(let report):
            _ = VerifyReportRenderer.text(report)
            _ = VerifyReportRenderer.markdown(report)
            _ = VerifyReportRenderer.html(report)
            let written = Array(JSONOutput.encode(report).utf8)
            guard case .verify(let again)? = try? SavedReport.decode(written) else {
                FuzzCheck.fail(
                    "a verify report written back does not read: \(String(decoding: written, as: UTF8.self))")
            }
            FuzzCheck.require(again == report, "a verify report read back differs from the one written")
        }
        FuzzCheck.require(
            SavedReportEvidence.extract(from: input.bytes).count == 1,
            "a saved report explained to other than one evidence")
    }

    static let baseline = FuzzTarget(
        name: "baseline",
        property:
            "saved baselines: one read back writes and reads back equal, shows no change against itself, and renders as text and Markdown"
    ) { input in
        guard let snapshot = try? JSONDecoder().decode(BaselineSnapshot.self, from: Data(input.bytes)) else { return }
        _ = BaselineRenderer.text(snapshot)
        _ = BaselineRenderer.markdown(snapshot)
        let written = Data(JSONOutput.encode(snapshot).utf8)
        guard let again = try? JSONDecoder().decode(BaselineSnapshot.self, from: written) else {
            FuzzCheck.fail("a baseline written back does not read: \(String(decoding: written, as: UTF8.self))")
        }
        FuzzCheck.require(again == snapshot, "a baseline read back differs from the one written")
        let changes = BaselineComparison.changes(from: snapshot, to: snapshot)
        FuzzCheck.require(changes.isEmpty, "a baseline compared with itself shows changes: \(changes.map(\.field))")
        let comparison = BaselineComparison(baseline: snapshot, today: again)
        _ = BaselineRenderer.text(comparison)
        _ = BaselineRenderer.markdown(comparison)
    }
}
