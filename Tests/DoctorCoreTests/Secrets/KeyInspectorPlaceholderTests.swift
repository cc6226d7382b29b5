import DoctorTestSupport
import Testing

@testable import DoctorCore

/// A real key whose random characters spell a placeholder word is still a key, and no finding
/// about a configured key ever repeats more of it than a fingerprint.
@Suite("key inspection never mistakes or prints a real key")
struct KeyInspectorPlaceholderTests {
    @Test(
        "keys of every OpenAI shape with placeholder words inside are not placeholders",
        arguments: ["todo", "fake", "xxxx", "dummy", "insert", "example", "TODO", "Fake"])
    func wordsInsideKeys(_ word: String) {
        for (shape, key) in TestKey.everyShape where shape.kind.isOpenAI {
            // Put the word in the middle of the body, keeping the length.
            let middle = key.index(key.startIndex, offsetBy: key.count / 2)
            let planted = String(key[..<middle]) + word + String(key[key.index(middle, offsetBy: word.count)...])
            let inspection = KeyInspector.inspect(planted)
            #expect(
                !inspection.findings.contains {
                    if case .placeholder = $0 { return true }
                    return false
                },
                "\(shape.kind) \(shape.length) with \(word)")
        }
    }

    @Test("no finding sentence repeats a run of the key longer than its last four characters")
    func sentencesNeverRepeatTheKey() {
        for _ in 0..<200 {
            for (shape, key) in TestKey.everyShape {
                for value in [key, " \(key)\n", "\"\(key)\"", "<\(key)>", key + "todo", "Bearer \(key)"] {
                    let inspection = KeyInspector.inspect(value)
                    let text = inspection.findings.map(\.sentence).joined(separator: " ") + " " + inspection.fingerprint
                    let body = key.dropFirst(shape.kind.prefix.count)
                    guard body.count > 12 else { continue }
                    for start in stride(from: 0, to: body.count - 8, by: 4) {
                        let run = String(body.dropFirst(start).prefix(8))
                        #expect(!text.contains(run), "finding repeats \(run.count) characters of the key")
                    }
                }
            }
        }
    }
}
