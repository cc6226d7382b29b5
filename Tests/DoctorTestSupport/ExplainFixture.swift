import DoctorCore
import Foundation

/// One fixture of the corpus in Fixtures/explain (see its README): a real failure text and
/// the cause it must classify to.
///
/// Sealed fixtures (`"sealed": true`) are never listed here: their files are measured only by
/// `Benchmarks/explain/accuracy.py --sealed` with a release binary, so that neither a test, nor
/// the model's trainer, nor a person tuning the classifier reads them.
public struct ExplainFixture: Sendable, CustomStringConvertible {
    public let file: String
    public let cause: String
    public let form: String
    public let source: String
    public let status: Int?
    public let headers: [String]
    public let causes: [String]?
    public let plantedKey: Bool
    /// The family of wording or client it stands for (fixtures 300 and up; `nil` before).
    public let family: String?
    /// The collection it was gathered in (`2026-12`); `nil` for the corpus the golden outputs record.
    public let batch: String?

    public var description: String { "\(file) → \(cause)" }

    /// The fixture's number: the digits its file name starts with (`042`, `1000`).
    public var number: Int { Int(file.prefix { $0.isNumber }) ?? 0 }

    /// Where its wording was seen, as a grouping key: the `owner/repo` of a GitHub source (the
    /// body's, for `body: …; wrapping: …`), else the web host, else the document named.
    public var sourceGroup: String {
        let first = source.split(separator: ";").first.map(String.init) ?? source
        let body = first.hasPrefix("body:") ? String(first.dropFirst(5)) : first
        if let match = body.firstMatch(of: /github\.com\/([\w.-]+\/[\w.-]+)/) {
            return "github:" + match.1.lowercased()
        }
        if let match = body.firstMatch(of: /([A-Za-z0-9][\w.-]*\/[\w.-]+)#\d+/) {
            return "github:" + match.1.lowercased()
        }
        if let match = body.firstMatch(of: /https?:\/\/([^\/\s)]+)/) { return "web:" + match.1.lowercased() }
        if let match = body.firstMatch(of: /file id (\d+)/) { return "file:" + match.1 }
        if let match = body.firstMatch(of: /([\w.-]+\.(md|txt|html|json))/) { return "doc:" + match.1 }
        return "other:" + body.trimmingCharacters(in: .whitespaces)
    }

    /// The directory of the corpus, found from this source file (fixtures are not bundled).
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DoctorCoreTests/Fixtures/explain")

    /// Every fixture of the manifest that is not sealed.
    public static let all: [ExplainFixture] = {
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.filter { !($0["sealed"] as? Bool ?? false) }.map { item in
            ExplainFixture(
                file: item["file"] as? String ?? "",
                cause: item["cause"] as? String ?? "",
                form: item["form"] as? String ?? "",
                source: item["source"] as? String ?? "",
                status: item["status"] as? Int,
                headers: item["headers"] as? [String] ?? [],
                causes: item["causes"] as? [String],
                plantedKey: item["planted_key"] as? Bool ?? false,
                family: item["family"] as? String,
                batch: item["batch"] as? String
            )
        }
    }()

    /// The fixtures without a `batch`: the corpus every test holds to and the golden outputs record.
    public static var unbatched: [ExplainFixture] { all.filter { $0.batch == nil } }

    /// The unsealed fixtures of later collections: measured, and learnt by the wording model.
    public static var batched: [ExplainFixture] { all.filter { $0.batch != nil } }

    /// The fixture's text with every `{{KEY:shape}}` placeholder replaced by a fresh random key.
    public func load() throws -> (text: String, keys: [String]) {
        var text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        var keys: [String] = []
        for (placeholder, kind) in [
            ("{{KEY:legacy}}", KeyKind.legacy), ("{{KEY:proj}}", .project),
            ("{{KEY:svcacct}}", .serviceAccount), ("{{KEY:admin}}", .admin),
        ] {
            while let range = text.range(of: placeholder) {
                let key = TestKey.make(kind, length: kind == .project ? 164 : kind == .serviceAccount ? 167 : nil)
                keys.append(key)
                text.replaceSubrange(range, with: key)
            }
        }
        return (text, keys)
    }

    /// The evidence items of the fixture, as `explain` extracts them.
    public func evidences() throws -> [Evidence] {
        EvidenceExtractor.extract(from: try load().text, status: status, headers: headerFields)
    }

    /// Each evidence item with the cause it is labelled with: every failed HAR entry with its
    /// cause of `causes`, else the first item with `cause` (the one `explain` leads with).
    public func labelledEvidences() throws -> [(evidence: Evidence, cause: CauseID)] {
        let items = try evidences()
        if let causes {
            return zip(items, causes).compactMap { item, cause in CauseID(rawValue: cause).map { (item, $0) } }
        }
        guard let first = items.first, let label = CauseID(rawValue: cause) else { return [] }
        return [(first, label)]
    }

    /// The header flags as header fields.
    public var headerFields: HeaderFields { HTTPHead.fields(headers) }
}
