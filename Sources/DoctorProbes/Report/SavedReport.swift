#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A report read back from its JSON: a `check` report or a `verify` report.
///
/// ```swift
/// switch try SavedReport.decode(bytes) {
/// case .check(let report): print(report.verdict)
/// case .verify(let report): print(report.steps.count)
/// }
/// ```
public enum SavedReport: Sendable, Equatable {
    /// `openai-doctor check --format json` output.
    case check(CheckReport)
    /// `openai-doctor verify --format json` output.
    case verify(VerifyReport)

    /// Why a JSON document is not a report this build can read.
    public struct DecodingFailure: Error, Sendable, Equatable, CustomStringConvertible {
        /// One sentence for a person.
        public var reason: String

        /// Creates a failure.
        public init(reason: String) {
            self.reason = reason
        }

        /// The reason.
        public var description: String { reason }
    }

    private struct Header: Decodable {
        var schemaVersion: Int?
        var kind: String?
        var checks: [IgnoredValue]?

        enum CodingKeys: String, CodingKey {
            case kind, checks
            case schemaVersion = "schema_version"
        }
    }

    private struct IgnoredValue: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// Decodes a check or verify report.
    ///
    /// - Throws: ``DecodingFailure`` when the bytes are not JSON, not a report, or of a newer schema.
    public static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> SavedReport {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw DecodingFailure(
                reason: "not a JSON report (expected the output of check or verify with --format json)")
        }
        guard let version = header.schemaVersion else {
            throw DecodingFailure(reason: "no schema_version: not a report written by openai-doctor")
        }
        guard version <= CheckReport.currentSchemaVersion else {
            throw DecodingFailure(
                reason:
                    "schema_version \(version) was written by a newer openai-doctor; this one reads version \(CheckReport.currentSchemaVersion)"
            )
        }
        do {
            switch header.kind {
            case "verify": return .verify(try decoder.decode(VerifyReport.self, from: data))
            case nil where header.checks != nil: return .check(try decoder.decode(CheckReport.self, from: data))
            default:
                throw DecodingFailure(reason: "a \(header.kind ?? "JSON") document, not a check or verify report")
            }
        } catch let failure as DecodingFailure {
            throw failure
        } catch {
            throw DecodingFailure(reason: "the report is incomplete or damaged: \(describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
