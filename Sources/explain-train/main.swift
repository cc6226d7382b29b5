import DoctorCore
import DoctorTestSupport
import Foundation

// explain-train: trains the learned last stage of `explain` (WordingModel) on every labelled,
// unsealed fixture of Tests/DoctorCoreTests/Fixtures/explain, after measuring it honestly.
//
//   scripts/train-explain-model.sh          # grouped cross-validation, thresholds, then the shipped model
//   scripts/train-explain-model.sh --cv     # the cross-validation report alone; writes nothing
//
// 1. Grouped cross-validation: fixtures sharing a family or a source repository are one group
//    (connected components), so a fold holds out whole families and whole repositories at once.
//    Groups go to ten folds, largest first, each to the fold with the fewest fixtures. For each
//    fold a model is trained on the other nine, and the whole pipeline (rules, then that model)
//    runs on the fold.
// 2. The thresholds: from the held-out folds' leanings (the model alone, on every held-out item),
//    the lowest probability at which the model's answers are still ≥ 97 % right (`low`), and
//    ≥ 99 % right (`medium`).
// 3. The model trained on everything, with those thresholds, written to
//    Sources/DoctorCore/Classification/Model/TrainedWordingModel.swift, and the report to the
//    fixture README between its `explain-train` markers.

let arguments = Array(CommandLine.arguments.dropFirst())
let reportOnly = arguments.contains("--cv")
let listMisses = arguments.contains("--misses")
let root = URL(
    fileURLWithPath: arguments.firstIndex(of: "--root").map { arguments[$0 + 1] }
        ?? FileManager.default.currentDirectoryPath)
let clock = ContinuousClock()
let started = clock.now
let folds = 10
// Settings for experiments (the shipped model uses the defaults): EXPLAIN_TRAIN_BUCKETS,
// EXPLAIN_TRAIN_EPOCHS, EXPLAIN_TRAIN_RATE, EXPLAIN_TRAIN_L2.
let environment = ProcessInfo.processInfo.environment
var trainer = WordingModelTrainer()
if let value = environment["EXPLAIN_TRAIN_BUCKETS"].flatMap(Int.init) { trainer.buckets = value }
if let value = environment["EXPLAIN_TRAIN_EPOCHS"].flatMap(Int.init) { trainer.epochs = value }
if let value = environment["EXPLAIN_TRAIN_RATE"].flatMap(Float.init) { trainer.learningRate = value }
if let value = environment["EXPLAIN_TRAIN_L2"].flatMap(Float.init) { trainer.l2 = value }

struct Item {
    let fixture: ExplainFixture
    let labelled: [(evidence: Evidence, cause: CauseID)]
    let evidences: [Evidence]
    var features: [WordingFeatures] = []
}

let fixtures = ExplainFixture.all.filter { CauseID(rawValue: $0.cause) != nil }
var items: [Item] = []
for fixture in fixtures {
    let evidences = (try? fixture.evidences()) ?? []
    let labelled = (try? fixture.labelledEvidences()) ?? []
    var item = Item(fixture: fixture, labelled: labelled, evidences: evidences)
    item.features = labelled.map { WordingFeatures($0.evidence, buckets: trainer.buckets, keepText: false) }
    items.append(item)
}

// Groups: union-find over family and source repository.
var parent: [String: String] = [:]
@MainActor func find(_ key: String) -> String {
    var key = key
    while let up = parent[key], up != key { key = up }
    return key
}
@MainActor func union(_ a: String, _ b: String) {
    let (ra, rb) = (find(a), find(b))
    if parent[ra] == nil { parent[ra] = ra }
    if parent[rb] == nil { parent[rb] = rb }
    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
}
for item in items {
    let source = "source " + item.fixture.sourceGroup
    if parent[source] == nil { parent[source] = source }
    if let family = item.fixture.family { union(source, "family " + family) }
}
let groups = Dictionary(grouping: items.indices) { find("source " + items[$0].fixture.sourceGroup) }
var foldOf = [Int](repeating: 0, count: items.count)
var foldSizes = [Int](repeating: 0, count: folds)
for (_, members) in groups.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
    let fold = foldSizes.indices.min { (foldSizes[$0], $0) < (foldSizes[$1], $1) } ?? 0
    for member in members { foldOf[member] = fold }
    foldSizes[fold] += members.count
}

@MainActor func examples(_ indices: some Sequence<Int>) -> [WordingModelTrainer.Example] {
    indices.flatMap { index in
        zip(items[index].features, items[index].labelled).map {
            WordingModelTrainer.Example(features: $0, cause: $1.cause)
        }
    }
}

// Held-out results.
struct Outcome {
    var right = false
    var confidentlyWrong = false
    var learned = false
}
var outcomes = [Outcome](repeating: Outcome(), count: items.count)
var leanings: [(probability: Float, right: Bool, rulesUnknown: Bool)] = []
var foldModels: [Int: WordingModel] = [:]
for fold in 0..<folds {
    let training = items.indices.filter { foldOf[$0] != fold }
    foldModels[fold] = trainer.train(examples(training))
}

@MainActor func judge(threshold: Float, medium: Float) {
    for index in items.indices {
        guard var model = foldModels[foldOf[index]] else { continue }
        model.threshold = threshold
        model.mediumThreshold = medium
        let item = items[index]
        let verdicts = item.evidences.map { Classifier.classify($0, model: model) }
        let expected = item.fixture.causes ?? [item.fixture.cause]
        let got = item.fixture.causes == nil ? Array(verdicts.prefix(1)) : verdicts
        let right = got.map(\.cause.rawValue) == expected
        let wrongConfident = zip(got, expected).contains { verdict, want in
            verdict.cause.rawValue != want && verdict.confidence >= .medium
        }
        outcomes[index] = Outcome(
            right: right, confidentlyWrong: wrongConfident,
            learned: got.contains { $0.rule == Classification.learnedRule })
    }
}

// The leanings of each held-out item's fold model, for the thresholds.
for index in items.indices {
    guard let model = foldModels[foldOf[index]] else { continue }
    for (evidence, cause) in items[index].labelled {
        guard let leaning = model.leaning(for: evidence) else { continue }
        let rulesUnknown = Classifier.classify(evidence, model: nil).cause == .unknown
        leanings.append((leaning.probability, leaning.cause == cause, rulesUnknown))
    }
}
leanings.sort { $0.probability > $1.probability }
let topRight = leanings.filter(\.right).count
@MainActor func cut(precision: Double) -> Float {
    var right = 0
    var chosen: Float = 1.01
    for (count, leaning) in leanings.enumerated() {
        if leaning.right { right += 1 }
        if count + 1 >= 20, Double(right) / Double(count + 1) >= precision { chosen = leaning.probability }
    }
    return max(chosen, 0.5)
}
let threshold = cut(precision: 0.97)
let medium = max(cut(precision: 0.99), threshold)
judge(threshold: threshold, medium: medium)

// The report.
@MainActor func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "–" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
}
let byFamily = Dictionary(grouping: items.indices) { items[$0].fixture.family ?? "(none: 001–299)" }
var lines: [String] = []
lines.append("| family | right | total | accuracy | confidently wrong |")
lines.append("|---|---|---|---|---|")
@MainActor func row(_ name: String, _ members: [Int]) -> String {
    let right = members.filter { outcomes[$0].right }.count
    let wrong = members.filter { outcomes[$0].confidentlyWrong }.count
    return
        "| \(name) | \(right) | \(members.count) | \(percent(right, members.count)) | \(wrong) (\(percent(wrong, members.count))) |"
}
for (family, members) in byFamily.sorted(by: { ($1.value.count, $0.key) < ($0.value.count, $1.key) }) {
    lines.append(row(family, members))
}
lines.append(row("**all**", Array(items.indices)))
let unbatched = items.indices.filter { items[$0].fixture.batch == nil }
let batched = items.indices.filter { items[$0].fixture.batch != nil }
lines.append(row("fixtures without `batch`", unbatched))
if !batched.isEmpty { lines.append(row("batch fixtures (unsealed)", batched)) }
let tenPlus = byFamily.filter { $0.value.count >= 10 }
let missed = tenPlus.filter { family, members in
    let right = members.filter { outcomes[$0].right }.count
    let wrong = members.filter { outcomes[$0].confidentlyWrong }.count
    return Double(right) < 0.95 * Double(members.count) || Double(wrong) > 0.01 * Double(members.count)
}.keys.sorted()
let overallRight = items.indices.filter { outcomes[$0].right }.count
let overallWrong = items.indices.filter { outcomes[$0].confidentlyWrong }.count
let answered = leanings.filter { $0.probability >= threshold }
let unknownAnswered = answered.filter(\.rulesUnknown)
let learnedRight = items.indices.filter { outcomes[$0].learned && outcomes[$0].right }.count
let learnedAll = items.indices.filter { outcomes[$0].learned }.count
let answeredRight = answered.filter { $0.right }.count
let unknownAnsweredRight = unknownAnswered.filter { $0.right }.count
let summary = """
    \(items.count) fixtures (\(unbatched.count) without `batch`, \(batched.count) unsealed batch fixtures), \
    \(groups.count) groups in \(folds) folds of \(foldSizes.map(String.init).joined(separator: "/")) fixtures; \
    thresholds: low from \(String(format: "%.3f", threshold)), medium from \(String(format: "%.3f", medium)). \
    The model alone, held out, answers \(answered.count) of \(leanings.count) items at the threshold, \
    \(percent(answeredRight, answered.count)) right; of those the rules leave unknown, \
    \(unknownAnswered.count) answered, \(percent(unknownAnsweredRight, unknownAnswered.count)) right. \
    In the pipeline the model decided \(learnedAll) fixtures, \(learnedRight) of them right. \
    Its first choice among the causes the evidence allows is right for \(topRight) of \(leanings.count). \
    Families of 10+ below 95 % right or above 1 % confidently wrong: \
    \(missed.isEmpty ? "none" : missed.joined(separator: ", ")).
    """
print(lines.joined(separator: "\n"))
print("")
print(summary)
if listMisses {
    // `--misses`: every held-out fixture the pipeline got wrong, with what it said and which rule said it.
    print("")
    for index in items.indices where !outcomes[index].right {
        let item = items[index]
        guard var model = foldModels[foldOf[index]] else { continue }
        model.threshold = threshold
        model.mediumThreshold = medium
        let verdict = item.evidences.first.map { Classifier.classify($0, model: model) }
        let got = verdict.map { "\($0.cause.rawValue) (\($0.confidence), \($0.rule ?? "-"))" } ?? "no evidence"
        print("miss \(item.fixture.file) [\(item.fixture.family ?? "-")]: want \(item.fixture.cause), got \(got)")
    }
}

if reportOnly {
    print("cross-validation only (--cv): nothing written; \(clock.now - started)")
    exit(0)
}

// The shipped model: every example, the thresholds above.
var model = trainer.train(examples(items.indices))
model.threshold = threshold
model.mediumThreshold = medium
let encoded = WordingModelCoding.encode(model)
let source = """
    // swift-format-ignore-file
    // Generated by scripts/train-explain-model.sh (explain-train): do not edit by hand.
    // \(model.examples) labelled evidence items, \(model.causes.count) causes, \(model.buckets) buckets; \
    thresholds \(String(format: "%.3f", threshold)) (low) and \(String(format: "%.3f", medium)) (medium).

    extension WordingModel {
        /// The shipped model, decoded once on first use; `nil` until one has been trained.
        public static let shipped: WordingModel? = WordingModelCoding.decode(TrainedWordingModel.encoded)
    }

    /// The committed weights (see ``WordingModelCoding`` for the layout).
    enum TrainedWordingModel {
        /// What grouped cross-validation measured for the whole pipeline when these weights were
        /// trained (Tests/DoctorCoreTests/Fixtures/explain/README.md has the table).
        static let crossValidation = CrossValidationFigures(
            right: \(overallRight), total: \(items.count), confidentlyWrong: \(overallWrong),
            familiesBelowTarget: [\(missed.map { "\"\($0)\"" }.joined(separator: ", "))])

        static let encoded =
            "\(encoded)"
    }

    """
try source.write(
    to: root.appendingPathComponent("Sources/DoctorCore/Classification/Model/TrainedWordingModel.swift"),
    atomically: true, encoding: .utf8)

let readme = root.appendingPathComponent("Tests/DoctorCoreTests/Fixtures/explain/README.md")
if var text = try? String(contentsOf: readme, encoding: .utf8),
    let begin = text.range(of: "<!-- explain-train:begin -->"), let end = text.range(of: "<!-- explain-train:end -->")
{
    text.replaceSubrange(
        begin.upperBound..<end.lowerBound, with: "\n" + lines.joined(separator: "\n") + "\n\n" + summary + "\n")
    try text.write(to: readme, atomically: true, encoding: .utf8)
}
print("wrote the model (\(encoded.utf8.count) bytes encoded) and the README table; \(clock.now - started)")
