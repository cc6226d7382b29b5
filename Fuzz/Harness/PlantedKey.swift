import DoctorCore

/// A real-shaped key made at run time for the "no key survives" properties: never a literal in
/// the repository (see common rules), and derived from the input's seed so a finding replays.
enum PlantedKey {
    /// The shapes planted: every shape the scanner finds in free text by its prefix. Azure's
    /// 32 hexadecimal digits have no prefix, so free text holding one is not a key by shape.
    static let shapes = KeyShape.all.filter { $0.kind != .azure }

    /// A key of `shape`, its characters drawn from `generator`: the test suite's one generator
    /// (Tests/DoctorTestSupport/KeyGenerator.swift, compiled into the harness by scripts/fuzz.sh).
    static func make(_ shape: KeyShape, using generator: inout SeededGenerator) -> String {
        KeyGenerator.make(shape, using: &generator)
    }

    /// `bytes` with a key of a fuzzer-chosen shape inserted at a fuzzer-chosen position.
    ///
    /// A key glued to characters of key alphabets is a longer token, not that key, so a space
    /// separates it from such neighbours. Returns the new bytes and the key.
    static func plant(in input: FuzzInput, slot: Int = 0) -> (bytes: [UInt8], key: String) {
        var generator = SeededGenerator(seed: input.seed)
        let shape = shapes[input.choice(slot, below: shapes.count)]
        let key = make(shape, using: &generator)
        var bytes = input.bytes
        let at = input.choice(slot + 1, below: bytes.count + 1)
        func isKeyByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2D || b == 0x5F || b >= 0x80
        }
        var planted = Array(key.utf8)
        if at > 0, isKeyByte(bytes[at - 1]) { planted.insert(0x20, at: 0) }
        if at < bytes.count, isKeyByte(bytes[at]) { planted.append(0x20) }
        bytes.insert(contentsOf: planted, at: at)
        return (bytes, key)
    }

    /// Aborts when `output` holds `key`, or a 24-character piece of its body.
    static func requireAbsent(_ key: String, in output: String, what: String) {
        if let found = output.firstRange(of: key) {
            let before = output[..<found.lowerBound].suffix(60)
            let after = output[found.upperBound...].prefix(60)
            FuzzCheck.fail(
                "the planted \(KeyKind.recognise(key)) key appears whole in \(what): "
                    + "\((before + "<KEY>" + after).debugDescription)")
        }
        let body = Array(key.utf8.dropFirst(12))
        if body.count >= 24 {
            let piece = String(decoding: body[0..<24], as: UTF8.self)
            if let found = output.firstRange(of: piece) {
                let before = output[..<found.lowerBound].suffix(60)
                let after = output[found.upperBound...].prefix(60)
                FuzzCheck.fail(
                    "24 characters of the planted \(KeyKind.recognise(key)) key's body appear in \(what): "
                        + "\((before + "<PIECE>" + after).debugDescription)")
            }
        }
    }
}
