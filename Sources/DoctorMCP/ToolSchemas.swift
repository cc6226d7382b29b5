import DoctorCore
import MCP

/// The JSON Schemas of the tools' arguments and results.
///
/// The result schemas describe docs/product.md's documents (the same JSON `--format json` prints):
/// the keys every reader relies on are required and the closed vocabularies (cause ids,
/// layers, retry classes, check statuses) are enumerated, so an MCP client that validates
/// structured results (the official SDKs do) catches a drift from the contract.
enum ToolSchemas {
    // MARK: Building blocks

    static func object(_ properties: [String: Value], required: [String] = [], closed: Bool = false) -> Value {
        var schema: [String: Value] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        if closed { schema["additionalProperties"] = false }
        return .object(schema)
    }

    static func string(_ description: String) -> Value {
        ["type": "string", "description": .string(description)]
    }

    static func boolean(_ description: String) -> Value {
        ["type": "boolean", "description": .string(description)]
    }

    static func enumeration(_ values: [String], nullable: Bool = false) -> Value {
        var cases = values.map { Value.string($0) }
        if nullable { cases.append(.null) }
        return ["enum": .array(cases)]
    }

    static func nullable(_ type: String) -> Value {
        ["type": [.string(type), "null"]]
    }

    static let stringList: Value = ["type": "array", "items": ["type": "string"]]

    static let schemaVersion: Value = ["type": "integer", "const": 1]

    // MARK: The diagnosis object

    /// docs/product.md's diagnosis object.
    static let diagnosis: Value = object(
        [
            "cause": enumeration(CauseID.allCases.map(\.rawValue)),
            "layer": enumeration(Layer.allCases.map(\.rawValue), nullable: true),
            "retry": enumeration(RetryClass.allCases.map(\.rawValue)),
            "confidence": enumeration(Confidence.allCases.map(\.rawValue)),
            "title": ["type": "string"],
            "explanation": ["type": "string"],
            "fixes": stringList,
            "evidence": object(
                [
                    "status": nullable("integer"), "provider": nullable("string"), "error_type": nullable("string"),
                    "error_code": nullable("string"), "message": nullable("string"), "request_id": nullable("string"),
                    "cf_ray": nullable("string"), "markers": stringList,
                ],
                required: [
                    "status", "provider", "error_type", "error_code", "message", "request_id", "cf_ray", "markers",
                ]),
        ],
        required: ["cause", "layer", "retry", "confidence", "title", "explanation", "fixes", "evidence"])

    // MARK: Results

    /// `explain`: `{"schema_version": 1, "diagnosis": {…}}` or, for a HAR file with several
    /// failed entries, `{"schema_version": 1, "diagnoses": [{…, "entry": N}]}`.
    static let explainOutput: Value = [
        "type": "object",
        "properties": [
            "schema_version": schemaVersion, "diagnosis": diagnosis,
            "diagnoses": ["type": "array", "items": diagnosis],
        ],
        "required": ["schema_version"],
        "oneOf": [["required": ["diagnosis"]], ["required": ["diagnoses"]]],
    ]

    /// `check`: the versioned report of `check --format json`.
    static let checkOutput: Value = object(
        [
            "schema_version": schemaVersion,
            "tool": object(
                ["name": ["type": "string"], "version": ["type": "string"]], required: ["name", "version"]),
            "started_at": ["type": "string"],
            "time_zone": ["type": "string"],
            "target": ["type": "object"],
            "checks": [
                "type": "array",
                "items": object(
                    [
                        "id": ["type": "string"], "title": ["type": "string"],
                        "status": enumeration(["pass", "warn", "fail", "skip"]),
                        "duration_ms": ["type": "number"], "summary": ["type": "string"],
                        "evidence": ["type": "object"],
                    ],
                    required: ["id", "title", "status", "duration_ms", "summary", "evidence"]),
            ],
            "verdict": enumeration(["ok", "problem"]),
            "diagnosis": ["anyOf": [["type": "null"], diagnosis]],
            "findings": ["type": "array", "items": ["type": "object"]],
            "runtimes": ["type": "array", "items": runtime],
        ],
        required: [
            "schema_version", "tool", "started_at", "time_zone", "target", "checks", "verdict", "diagnosis", "findings",
        ])

    /// One entry of `check`'s additive `runtimes` list (present only when `runtime` was given).
    static let runtime: Value = object(
        [
            "runtime": enumeration(["python", "node", "java", "curl"]),
            "version": nullable("string"), "client": nullable("string"), "proxy": nullable("string"),
            "trust": nullable("string"), "address": nullable("string"),
            "outcome": [
                "anyOf": [
                    ["type": "null"],
                    object(
                        ["status": nullable("integer"), "error": nullable("string")], required: ["status", "error"]),
                ]
            ],
            "trace": [
                "anyOf": [
                    ["type": "null"],
                    object(
                        [
                            "status": nullable("integer"), "ip": nullable("string"), "family": nullable("string"),
                            "loc": nullable("string"), "colo": nullable("string"), "error": nullable("string"),
                        ],
                        required: ["status", "ip", "family", "loc", "colo", "error"]),
                ]
            ],
            "cause": nullable("string"), "agrees": nullable("boolean"),
            "differences": [
                "type": "array",
                "items": object(
                    ["what": ["type": "string"], "fix": ["type": "string"]], required: ["what", "fix"]),
            ],
            "skipped": nullable("string"),
            "skipped_clients": [
                "type": "array",
                "items": object(
                    ["client": ["type": "string"], "reason": ["type": "string"]], required: ["client", "reason"]),
            ],
        ],
        required: [
            "runtime", "version", "client", "proxy", "trust", "address", "outcome", "trace", "cause", "agrees",
            "differences", "skipped", "skipped_clients",
        ])

    /// `redact`: the safe text and what was replaced.
    static let redactOutput: Value = object(
        [
            "schema_version": schemaVersion,
            "text": ["type": "string"],
            "secrets": ["type": "integer", "minimum": 0],
            "replaced": ["type": "object", "additionalProperties": ["type": "integer"]],
            "lines": ["type": "integer", "minimum": 0],
            "har": ["type": "boolean"],
        ],
        required: ["schema_version", "text", "secrets", "replaced", "lines", "har"])

    /// `audit`: the report of `audit --format json` (findings by place and fingerprint, never a value).
    static let auditOutput: Value = object(
        [
            "schema_version": schemaVersion,
            "findings": [
                "type": "array",
                "items": object(
                    [
                        "path": ["type": "string"], "line": ["type": "integer"], "column": nullable("integer"),
                        "kind": ["type": "string"], "key_type": nullable("string"), "fingerprint": ["type": "string"],
                        "token": ["type": "string"],
                    ],
                    required: ["path", "line", "column", "kind", "key_type", "fingerprint", "token"]),
            ],
            "error_records": ["type": "array", "items": ["type": "object"]],
            "files_scanned": ["type": "integer"],
            "bytes_scanned": ["type": "integer"],
            "skipped_binary": stringList,
            "ignored": ["type": "integer"],
            "unreadable": ["type": "array", "items": ["type": "object"]],
        ],
        required: [
            "schema_version", "findings", "error_records", "files_scanned", "bytes_scanned", "skipped_binary",
            "ignored", "unreadable",
        ])

    /// `describe_cause`: one entry of the cause table.
    static let describeCauseOutput: Value = object(
        [
            "schema_version": schemaVersion,
            "cause": enumeration(CauseID.allCases.map(\.rawValue)),
            "layer": enumeration(Layer.allCases.map(\.rawValue), nullable: true),
            "retry": enumeration(RetryClass.allCases.map(\.rawValue)),
            "title": ["type": "string"],
            "explanation": ["type": "string"],
            "fixes": stringList,
        ],
        required: ["schema_version", "cause", "layer", "retry", "title", "explanation", "fixes"])
}
