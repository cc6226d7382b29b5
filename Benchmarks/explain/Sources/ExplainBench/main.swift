import DoctorCore
import Foundation

// Measures the classifier alone (evidence already extracted) and the whole offline pipeline
// (extract + classify + diagnose) over the real fixture corpus, repeated until each run
// takes at least a couple of seconds. Prints one line per measurement.

let fixtures = URL(
    fileURLWithPath: CommandLine.arguments.count > 1
        ? CommandLine.arguments[1] : "../../Tests/DoctorCoreTests/Fixtures/explain")
// Sealed fixtures are measured only by accuracy.py --sealed: never read here.
let manifest =
    (try? JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("manifest.json"))))
    as? [[String: Any]] ?? []
let sealed = Set(manifest.filter { $0["sealed"] as? Bool ?? false }.compactMap { $0["file"] as? String })
let files = try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
    .filter { $0.lastPathComponent != "manifest.json" && $0.lastPathComponent != "README.md" }
    .filter { !sealed.contains($0.lastPathComponent) }
    .sorted { $0.path < $1.path }
let inputs: [[UInt8]] = files.compactMap { try? [UInt8](Data(contentsOf: $0)) }
let evidences = inputs.flatMap { EvidenceExtractor.extract(from: $0) }
print("corpus: \(inputs.count) files, \(evidences.count) evidence items, \(inputs.reduce(0) { $0 + $1.count }) bytes")

func measure(_ name: String, items: Int, minimumSeconds: Double = 2, _ body: () -> Int) {
    var rounds = 0
    var checksum = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        checksum &+= body()
        rounds += 1
        elapsed = clock.now - start
    } while elapsed < .seconds(minimumSeconds)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(rounds * items) / seconds
    print(
        "\(name): \(Int(rate)) items/s (\(rounds) rounds of \(items), \(String(format: "%.2f", seconds)) s, checksum \(checksum % 1000))"
    )
}

measure("classify (evidence → cause)", items: evidences.count) {
    evidences.reduce(0) { $0 &+ Classifier.classify($1).cause.rawValue.utf8.count }
}
// The learned last stage: the items every rule leaves unknown, where the model runs.
let unknowns = evidences.filter { Classifier.classify($0, model: nil).cause == .unknown }
measure("classify, rules only (no learned stage)", items: evidences.count) {
    evidences.reduce(0) { $0 &+ Classifier.classify($1, model: nil).cause.rawValue.utf8.count }
}
measure("classify the \(unknowns.count) items the rules leave unknown (the model runs)", items: unknowns.count) {
    unknowns.reduce(0) { $0 &+ Classifier.classify($1).cause.rawValue.utf8.count }
}
if let model = WordingModel.shipped {
    let encoded = WordingModelCoding.encode(model)
    print(
        "model: \(encoded.utf8.count) bytes encoded in the binary, \(model.weights.count * 4) bytes decoded, \(model.causes.count) causes"
    )
    measure("decode the shipped model (once per process, on first use)", items: 1, minimumSeconds: 1) {
        WordingModelCoding.decode(encoded)?.buckets ?? 0
    }
}
measure("diagnose (evidence → redacted diagnosis)", items: evidences.count) {
    evidences.reduce(0) { $0 &+ Diagnoser.diagnose($1).fixes.count }
}
measure("extract + diagnose (bytes → diagnosis)", items: inputs.count) {
    inputs.reduce(0) { sum, input in
        sum &+ EvidenceExtractor.extract(from: input).map { Diagnoser.diagnose($0).fixes.count }.reduce(0, +)
    }
}
