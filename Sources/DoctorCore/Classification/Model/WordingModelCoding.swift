/// The committed form of a ``WordingModel``: one base64 string, so that the generated Swift
/// source is a single string literal (a large array literal takes minutes to type-check).
///
/// Layout (little-endian): `WM1`, buckets (UInt32), examples (UInt32), threshold and medium
/// threshold (Float32), the weight scale (Float32), the cause count (UInt8), each cause id
/// (UInt8 length + UTF-8), one Float32 bias per cause, then the weights quantized to Int8
/// steps of the scale, bucket-major, where the byte 0x80 and a LEB128 count stand for a run of
/// zeros (most buckets are zero for most causes).
public enum WordingModelCoding {
    /// The model as its committed string.
    public static func encode(_ model: WordingModel) -> String {
        var bytes: [UInt8] = Array("WM1".utf8)
        func u32(_ value: UInt32) {
            for shift in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
            }
        }
        func f32(_ value: Float) { u32(value.bitPattern) }
        u32(UInt32(model.buckets))
        u32(UInt32(model.examples))
        f32(model.threshold)
        f32(model.mediumThreshold)
        let scale = model.weights.map(abs).max().map { $0 / 127 } ?? 1
        f32(scale)
        bytes.append(UInt8(model.causes.count))
        for cause in model.causes {
            bytes.append(UInt8(cause.rawValue.utf8.count))
            bytes += Array(cause.rawValue.utf8)
        }
        for bias in model.bias { f32(bias) }
        var zeros = 0
        func flushZeros() {
            guard zeros > 0 else { return }
            bytes.append(0x80)
            var count = zeros
            while count >= 0x80 {
                bytes.append(UInt8(count & 0x7F) | 0x80)
                count >>= 7
            }
            bytes.append(UInt8(count))
            zeros = 0
        }
        for weight in model.weights {
            let step = scale > 0 ? Int((weight / scale).rounded()) : 0
            let clamped = max(-127, min(127, step))
            if clamped == 0 {
                zeros += 1
            } else {
                flushZeros()
                bytes.append(UInt8(bitPattern: Int8(clamped)))
            }
        }
        flushZeros()
        return Base64.encode(bytes)
    }

    /// The model a committed string holds, or `nil` when the string is not one.
    public static func decode(_ text: String) -> WordingModel? {
        guard let bytes = Base64.decode(text), bytes.starts(with: Array("WM1".utf8)) else { return nil }
        var at = 3
        func u32() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << UInt32(8 * $1) }
        }
        func f32() -> Float? { u32().map(Float.init(bitPattern:)) }
        guard let buckets = u32().map(Int.init), let examples = u32().map(Int.init), let threshold = f32(),
            let medium = f32(), let scale = f32(), at < bytes.count
        else { return nil }
        let count = Int(bytes[at])
        at += 1
        var causes: [CauseID] = []
        for _ in 0..<count {
            guard at < bytes.count else { return nil }
            let length = Int(bytes[at])
            guard at + 1 + length <= bytes.count,
                let cause = CauseID(rawValue: String(decoding: bytes[at + 1..<at + 1 + length], as: UTF8.self))
            else { return nil }
            causes.append(cause)
            at += 1 + length
        }
        var bias: [Float] = []
        for _ in 0..<count {
            guard let value = f32() else { return nil }
            bias.append(value)
        }
        var weights = [Float](repeating: 0, count: buckets * count)
        var index = 0
        while at < bytes.count, index < weights.count {
            let byte = bytes[at]
            at += 1
            if byte == 0x80 {
                var run = 0
                var shift = 0
                while at < bytes.count {
                    let part = bytes[at]
                    at += 1
                    run |= Int(part & 0x7F) << shift
                    shift += 7
                    if part < 0x80 { break }
                }
                index += run
            } else {
                weights[index] = Float(Int8(bitPattern: byte)) * scale
                index += 1
            }
        }
        guard index == weights.count, at == bytes.count else { return nil }
        return WordingModel(
            causes: causes, buckets: buckets, weights: weights, bias: bias, threshold: threshold,
            mediumThreshold: medium, examples: examples)
    }
}

/// Standard base64 (RFC 4648, with padding), without Foundation.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : 0x3D)
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a string, or `nil` when it holds a byte outside the alphabet.
    static func decode(_ text: String) -> [UInt8]? {
        var table = [Int](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = value }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 4 * 3)
        var value = 0
        var bits = 0
        for byte in text.utf8 where byte != 0x3D {
            let digit = table[Int(byte)]
            guard digit >= 0 else { return nil }
            value = (value << 6) | digit
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((value >> bits) & 0xFF))
            }
        }
        return out
    }
}
