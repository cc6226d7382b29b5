/// Branch-light classification of ASCII bytes, shared by every byte-level scanner here.
///
/// Pure arithmetic, no tables: a table in a global array costs a retain and a release per
/// look-up in the hot loops, which is more than the comparison itself.
package enum ByteClass {
    @inline(__always) package static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) package static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) package static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) package static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) package static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inline(__always) package static func isURLSafe(_ b: UInt8) -> Bool { isAlphanumeric(b) || b == 0x2D || b == 0x5F }
    @inline(__always) package static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) package static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inline(__always) package static func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    /// The byte with ASCII letters folded to lower case (other bytes unchanged).
    @inline(__always) package static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
}
