import DoctorCore

/// The SARIF 2.1.0 log of an audit, for GitHub code scanning and other SARIF readers.
///
/// One rule per kind of credential (`openai-doctor/leaked-key/project`, …/authorization, …),
/// one `error`-level result per finding with its file, line and column. Messages carry the
/// fingerprint only. `partialFingerprints` are stable across runs (rule, path and the
/// key fingerprint, or the line for secrets without one) so alerts are tracked, not duplicated.
public struct SARIFLog: Encodable, Sendable {
    /// The SARIF version written.
    public static let version = "2.1.0"

    let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    let runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    /// Encodes the fixed version with the runs.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(Self.version, forKey: .version)
        try c.encode(runs, forKey: .runs)
    }

    struct Run: Encodable, Sendable {
        var tool: Tool
        var results: [Result]
        var columnKind = "utf16CodeUnits"
    }

    struct Tool: Encodable, Sendable {
        var driver: Driver
    }

    struct Driver: Encodable, Sendable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Text: Encodable, Sendable {
        var text: String
    }

    struct Rule: Encodable, Sendable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
        var properties: Properties
    }

    struct Configuration: Encodable, Sendable {
        var level = "error"
    }

    struct Properties: Encodable, Sendable {
        var tags: [String]
        var securitySeverity: String

        enum CodingKeys: String, CodingKey {
            case tags
            case securitySeverity = "security-severity"
        }
    }

    struct Result: Encodable, Sendable {
        var ruleId: String
        var ruleIndex: Int
        var level = "error"
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable, Sendable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable, Sendable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable, Sendable {
        var uri: String
    }

    struct Region: Encodable, Sendable {
        var startLine: Int
        var startColumn: Int?
    }
}

extension AuditReport {
    /// The report as a SARIF 2.1.0 log.
    ///
    /// - Parameters:
    ///   - toolVersion: the tool's version, for `tool.driver.version`.
    public func sarif(toolVersion: String) -> SARIFLog {
        var rules: [SARIFLog.Rule] = []
        var ruleIndex: [String: Int] = [:]
        var results: [SARIFLog.Result] = []
        for finding in findings {
            let (id, title) = Self.rule(for: finding)
            if ruleIndex[id] == nil {
                ruleIndex[id] = rules.count
                rules.append(
                    SARIFLog.Rule(
                        id: id, name: title.replacingSpacesWithCamelCase(),
                        shortDescription: .init(text: "Leaked \(title)"),
                        fullDescription: .init(text: "A \(title) is written in plain text in a tracked file."),
                        help: .init(
                            text:
                                "Revoke the credential (for OpenAI keys: platform.openai.com → API keys), create a new one, keep it in the environment or a secret store, and remove it from the file and its history. `openai-doctor redact` makes logs safe to share."
                        ),
                        defaultConfiguration: .init(),
                        properties: .init(tags: ["security", "secret", "openai"], securitySeverity: "9.0")
                    ))
            }
            let uri = Self.uri(finding.path)
            let stable =
                finding.keyType != nil
                ? "\(id):\(uri):\(finding.fingerprint)"
                : "\(id):\(uri):\(finding.line)"
            // Safe: ruleIndex holds every rule id, built from the same findings above
            // swift-format-ignore: NeverForceUnwrap
            results.append(
                SARIFLog.Result(
                    ruleId: id, ruleIndex: ruleIndex[id]!,
                    message: .init(
                        text:
                            "Leaked \(finding.keyType != nil ? finding.summary : title). Revoke it and remove it from the file."
                    ),
                    locations: [
                        .init(
                            physicalLocation: .init(
                                artifactLocation: .init(uri: uri),
                                region: .init(startLine: finding.line, startColumn: finding.column)))
                    ],
                    partialFingerprints: ["secretFingerprint/v1": stable]
                ))
        }
        let driver = SARIFLog.Driver(
            name: "openai-doctor", version: toolVersion,
            informationUri: "https://github.com/openai-doctor/openai-doctor", rules: rules)
        return SARIFLog(runs: [SARIFLog.Run(tool: .init(driver: driver), results: results)])
    }

    static func rule(for finding: AuditFinding) -> (id: String, title: String) {
        if let type = finding.keyType, let kind = KeyKind(rawValue: type) {
            return ("openai-doctor/leaked-key/\(type)", kind.displayName)
        }
        switch finding.kind {
        case "authorization": return ("openai-doctor/leaked-authorization", "Authorization credential")
        case "api-key": return ("openai-doctor/leaked-api-key-field", "api-key value")
        case "password": return ("openai-doctor/leaked-url-password", "URL password")
        case "session-cookie": return ("openai-doctor/leaked-session-cookie", "session cookie")
        default: return ("openai-doctor/leaked-\(finding.kind)", finding.kind)
        }
    }

    /// A relative URI for a path: `./` dropped, `%`, spaces and `#` escaped.
    static func uri(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        var out = ""
        for scalar in p.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case " ": out += "%20"
            case "#": out += "%23"
            case "?": out += "%3F"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// "project key" → "ProjectKey".
    func replacingSpacesWithCamelCase() -> String {
        split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}
