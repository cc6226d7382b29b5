import DoctorCore
import Foundation

/// One fixture of the corpus in Fixtures/explain (see its README): a real failure text and
/// the cause it must classify to.
public struct ExplainFixture: Sendable, CustomStringConvertible {
    public let file: String
    public let cause: String
    public let form: String
    public let source: String
    public let status: Int?
    public let headers: [String]
    public let causes: [String]?
    public let plantedKey: Bool

    public var description: String { "\(file) → \(cause)" }

    /// The directory of the corpus, found from this source file (fixtures are not bundled).
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DoctorCoreTests/Fixtures/explain")

    /// Every fixture of the manifest.
    public static let all: [ExplainFixture] = {
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.map { item in
            ExplainFixture(
                file: item["file"] as? String ?? "",
                cause: item["cause"] as? String ?? "",
                form: item["form"] as? String ?? "",
                source: item["source"] as? String ?? "",
                status: item["status"] as? Int,
                headers: item["headers"] as? [String] ?? [],
                causes: item["causes"] as? [String],
                plantedKey: item["planted_key"] as? Bool ?? false
            )
        }
    }()

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

    /// The header flags as header fields.
    public var headerFields: HeaderFields { HTTPHead.fields(headers) }
}
