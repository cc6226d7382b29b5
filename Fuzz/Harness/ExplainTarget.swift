import DoctorCore
import DoctorProbes

/// `explain` end to end: bytes → evidence → diagnosis → text, Markdown and JSON.
enum ExplainTarget {
    static let target = FuzzTarget(
        name: "explain",
        property:
            "bytes (a pasted failure or a saved report) to evidence, diagnosis, text, Markdown and JSON: no crash, a key planted in the input never in any output"
    ) { input in
        let (bytes, key) = PlantedKey.plant(in: input)
        let status = input.choice(2, below: 8) == 0 ? 400 + input.choice(3, below: 200) : nil
        let evidences = SavedReportEvidence.extract(from: bytes, status: status)
        FuzzCheck.require(!evidences.isEmpty, "explain read no evidence at all (it must always give one)")
        let items = evidences.map { evidence -> (diagnosis: Diagnosis, entry: Int?) in
            (Diagnoser.diagnose(evidence), evidence.entry)
        }
        for (diagnosis, _) in items {
            PlantedKey.requireAbsent(key, in: DiagnosisTextRenderer.render(diagnosis), what: "the text output")
            PlantedKey.requireAbsent(
                key, in: DiagnosisTextRenderer.render(diagnosis, style: DiagnosisTextRenderer.Style(color: true)),
                what: "the coloured text output")
            PlantedKey.requireAbsent(key, in: DiagnosisMarkdownRenderer.render(diagnosis), what: "the Markdown output")
        }
        let document = ExplainDocument(items: items, isHAR: evidences.first?.form == .har)
        PlantedKey.requireAbsent(key, in: JSONOutput.encode(document), what: "the JSON output")
    }
}
