import DoctorCore

/// Key inspection: what `check` says of a configured key.
enum KeyInspectionTarget {
    static let target = FuzzTarget(
        name: "key-inspection",
        property:
            "key inspection of any value (a real-shaped key planted in it): no crash, the key in no sentence, fingerprint or JSON, a clean key found clean"
    ) { input in
        let (bytes, key) = PlantedKey.plant(in: input)
        let raw = String(decoding: bytes, as: UTF8.self)
        var inspections: [KeyInspection] = []
        for audience in [KeyInspector.Audience.openAI, .azure, .compatible] {
            for value in [input.text, raw] {
                let inspection = KeyInspector.inspect(value, for: audience)
                PlantedKey.requireAbsent(key, in: inspection.sentences.joined(separator: "\n"), what: "the sentences")
                PlantedKey.requireAbsent(key, in: inspection.fingerprint, what: "the fingerprint")
                // Only the last four characters are ever shown, after the prefix and "…".
                let tail = inspection.fingerprint.split(separator: "…", omittingEmptySubsequences: false).last ?? ""
                FuzzCheck.require(
                    inspection.fingerprint.contains("…") && tail.count <= 4,
                    "fingerprint \(inspection.fingerprint.debugDescription) shows more than four characters")
                inspections.append(inspection)
            }
        }
        // One encoding of them all: JSONEncoder is the slowest step under AddressSanitizer.
        PlantedKey.requireAbsent(key, in: JSONOutput.encode(inspections), what: "the inspections' JSON")
        // The planted key alone, as a clean configuration holds it, is usable and of its kind.
        let clean = KeyInspector.inspect(key, for: .openAI)
        let shape = PlantedKey.shapes.first { key.hasPrefix($0.kind.prefix) && key.count == $0.length }
        if let shape, shape.kind.callsModels {
            FuzzCheck.require(clean.isUsable, "a well-formed \(shape.kind) key found unusable: \(clean.sentences)")
            FuzzCheck.require(clean.fingerprint == KeyFingerprint.fingerprint(key), "two fingerprints of one key")
        }
    }
}
