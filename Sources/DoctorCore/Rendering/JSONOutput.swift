#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Encodes the tool's JSON documents the one way docs/product.md fixes: sorted keys, snake_case
/// (through explicit coding keys), slashes unescaped, pretty-printed.
public enum JSONOutput {
    /// Encodes `value` as the tool's JSON text.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // Encoding our own Codable values cannot fail short of a bug; say so in JSON.
            return "{\"schema_version\": 1, \"error\": \"internal: could not encode output\"}"
        }
    }
}

/// The `explain` document: `{"schema_version": 1, "diagnosis": {…}}`, or `diagnoses` for a
/// HAR file with several failed entries (each carrying its `entry` index).
public struct ExplainDocument: Sendable, Encodable {
    /// The schema version of this document.
    public static let schemaVersion = 1

    /// The diagnoses, with the HAR entry index where there is one.
    public var items: [(diagnosis: Diagnosis, entry: Int?)]
    /// Whether the input was a HAR file (then the `diagnoses` form is used when there are several).
    public var isHAR: Bool

    /// Creates the document.
    public init(items: [(diagnosis: Diagnosis, entry: Int?)], isHAR: Bool) {
        self.items = items
        self.isHAR = isHAR
    }

    private enum Keys: String, CodingKey {
        case schemaVersion = "schema_version"
        case diagnosis, diagnoses
    }

    private struct Entry: Encodable {
        let diagnosis: Diagnosis
        let entry: Int?
        func encode(to encoder: any Encoder) throws {
            try diagnosis.encode(to: encoder)
            var c = encoder.container(keyedBy: EntryKey.self)
            try c.encode(entry, forKey: .entry)
        }
        enum EntryKey: String, CodingKey { case entry }
    }

    /// Encodes the document.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        if isHAR && items.count > 1 {
            try c.encode(items.map { Entry(diagnosis: $0.diagnosis, entry: $0.entry) }, forKey: .diagnoses)
        } else if let first = items.first {
            if isHAR {
                try c.encode(Entry(diagnosis: first.diagnosis, entry: first.entry), forKey: .diagnosis)
            } else {
                try c.encode(first.diagnosis, forKey: .diagnosis)
            }
        }
    }
}
