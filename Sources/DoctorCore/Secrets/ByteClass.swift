/// Branch-free classification of ASCII bytes, shared by every byte-level scanner here.
enum ByteClass {
    static let alphanumericBit: UInt8 = 1
    static let urlSafeBit: UInt8 = 2
    static let hexBit: UInt8 = 4
    static let spaceBit: UInt8 = 8
    static let lineEndBit: UInt8 = 16

    /// One entry per byte value, bits as above.
    static let table: [UInt8] = (0..<256).map { (value: Int) -> UInt8 in
        let b = UInt8(value)
        var bits: UInt8 = 0
        let isDigit = b >= 0x30 && b <= 0x39
        let isUpper = b >= 0x41 && b <= 0x5A
        let isLower = b >= 0x61 && b <= 0x7A
        if isDigit || isUpper || isLower { bits |= alphanumericBit | urlSafeBit }
        if b == 0x2D || b == 0x5F { bits |= urlSafeBit }
        if isDigit || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) { bits |= hexBit }
        if b == 0x20 || b == 0x09 { bits |= spaceBit }
        if b == 0x0A || b == 0x0D { bits |= lineEndBit }
        return bits
    }

    @inline(__always) static func bits(_ b: UInt8) -> UInt8 { table.withUnsafeBufferPointer { $0[Int(b)] } }
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { bits(b) & alphanumericBit != 0 }
    @inline(__always) static func isURLSafe(_ b: UInt8) -> Bool { bits(b) & urlSafeBit != 0 }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { bits(b) & hexBit != 0 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inline(__always) static func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    /// The byte with ASCII letters folded to lower case (other bytes unchanged).
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
}
