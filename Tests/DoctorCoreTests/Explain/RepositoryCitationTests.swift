import Foundation
import Testing

/// The code cites what the repository carries (docs/causes.md, docs/errors-catalogue.md,
/// docs/data/…, the fixture README), never a document outside it: whoever carries the project on
/// has only the repository.
@Suite("citations stay inside the repository")
struct RepositoryCitationTests {
    /// The checkout's root (symbolic links resolved: scripts/test-core.sh builds from links).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Ways a comment once pointed outside: the machine's working folders and the shared notes the
    /// repository's docs/ were copied from.
    static let outside = ["/work/", "../shared/", " shared/data/", " shared/errors-catalogue", "/shared/causes.md"]

    @Test("no source, script or benchmark file cites a path outside the repository")
    func noOutsidePaths() throws {
        var offenders: [String] = []
        for folder in ["Sources", "scripts", "Benchmarks", "Fuzz", "Examples"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in walker
            where ["swift", "sh", "py", "md", "js", "mjs", "c", "h"].contains(file.pathExtension) {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.outside.contains(where: { line.contains($0) }) {
                    offenders.append("\(file.path.dropFirst(Self.root.path.count + 1)):\(number + 1): \(line)")
                }
            }
        }
        #expect(offenders.isEmpty, "cite docs/ in the repository instead:\n\(offenders.joined(separator: "\n"))")
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("docs/causes.md").path))
    }
}
