import DoctorCore

/// What a support ticket needs that a saved report may not hold: the versions of the machine
/// and the steps the person already tried.
public struct SupportTicketContext: Sendable, Equatable {
    /// The operating system and version, when the report does not record it.
    public var operatingSystem: String?
    /// The Swift version the tool was built with, when the report does not record it.
    public var swiftVersion: String?
    /// Steps already tried, in the person's words (`report --tried`).
    public var stepsTried: [String]

    /// Creates a context.
    public init(operatingSystem: String? = nil, swiftVersion: String? = nil, stepsTried: [String] = []) {
        self.operatingSystem = operatingSystem
        self.swiftVersion = swiftVersion
        self.stepsTried = stepsTried
    }
}

/// Renders a ``CheckReport`` as a Markdown support ticket: exact local time and zone, product,
/// model, tool/OS/Swift versions, the checks, request ids and cf-ray, the steps already tried
/// and the sanitized shape of each request — everything the guide asks support to be sent,
/// and no key, password, cookie or payment detail.
public enum SupportTicketRenderer {
    /// The Markdown ticket for `report`.
    public static func render(_ report: CheckReport, context: SupportTicketContext = SupportTicketContext()) -> String {
        let headline = report.diagnosis.map { "\($0.title) (`\($0.cause.rawValue)`)" } ?? "no failure reproduced"
        var out = "# OpenAI API support request: \(headline)\n\n"
        let facts = allFacts(report)
        let os = facts["os"] ?? context.operatingSystem
        let swift = facts["swift"] ?? facts["swift_version"] ?? context.swiftVersion
        var rows: [(String, String?)] = [
            ("Local time", report.startedAt),
            ("Time zone", report.timeZone),
            ("Product", product(report.target)),
            ("Base URL", report.target.baseURL),
            ("Model", report.target.model ?? "(none probed)"),
            ("Organization", report.target.organization),
            ("Project", report.target.project),
            ("API key (fingerprint only)", report.target.key ?? "none found"),
            ("Network path", report.target.proxy.map { "through proxy \($0)" } ?? "direct (no proxy)"),
            ("Egress country", facts["loc"] ?? facts["country"]),
            ("Tool", "\(report.tool.name) \(report.tool.version)"),
            ("OS", os),
            ("Swift", swift),
            ("Verdict", report.verdict.rawValue),
        ]
        rows = rows.filter { $0.1 != nil }
        out += "| | |\n|---|---|\n"
        for (name, value) in rows { out += "| \(name) | \(cell(value ?? "")) |\n" }
        out += "\n"

        if let diagnosis = report.diagnosis {
            out += DiagnosisMarkdownRenderer.render(diagnosis, heading: "What fails") + "\n"
        }

        out += "## Checks run\n\n| status | check | summary | time |\n|---|---|---|---|\n"
        for check in report.checks {
            out +=
                "| \(check.status.rawValue) | \(cell(check.id)) | \(cell(check.summary)) | \(check.durationMS) ms |\n"
        }
        out += "\n"

        out += runtimesMarkdown(report)

        let requests = report.checks.flatMap(\.evidence.requests)
        out += "## Request ids\n\n"
        if requests.isEmpty {
            out += "No request was made.\n\n"
        } else {
            out += "| request | status | x-request-id | cf-ray | time |\n|---|---|---|---|---|\n"
            for request in requests {
                let status =
                    request.status.map(String.init) ?? request.failure.map {
                        "no answer (\($0.phase.rawValue) \($0.kind.rawValue))"
                    } ?? "—"
                let cfRay = request.responseHeaders["cf-ray"] ?? "—"
                out +=
                    "| \(cell(request.label)) | \(cell(status)) | \(cell(request.requestID ?? "—")) | \(cell(cfRay)) | \(request.totalMS) ms |\n"
            }
            out += "\n"
        }

        out += "## Steps already tried\n\n"
        for step in context.stepsTried { out += "- \(DiagnosisMarkdownRenderer.escape(step))\n" }
        for check in report.checks where check.status != .skip {
            out += "- \(DiagnosisMarkdownRenderer.escape(check.title)): \(check.status.rawValue)\n"
        }
        out += "\n"

        out += "## Sanitized request shape\n\n"
        let shapes = requestShapes(report)
        if shapes.isEmpty {
            out += "No request was made.\n"
        } else {
            out += "```http\n" + shapes.joined(separator: "\n\n") + "\n```\n"
        }
        out += "\nKeys appear only as fingerprints; no password, cookie or payment detail is included.\n"
        return out
    }

    /// `check`'s path and the runtimes side by side, then what makes them differ (empty without runtimes).
    static func runtimesMarkdown(_ report: CheckReport) -> String {
        let rows = RuntimeTable.rows(report)
        guard !rows.isEmpty else { return "" }
        var out = "## The same request through other runtimes\n\n"
        out += "| path | client | proxy | trust | address | egress | outcome | cause | agrees |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for row in rows {
            let client = row.client + (row.skippedClients.map { " (skipped: \($0))" } ?? "")
            let cells = [
                row.path, client, row.proxy, row.trust, row.address, row.egress, row.outcome, row.cause, row.agrees,
            ]
            out += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
        }
        out += "\n"
        let differences = RuntimeTable.differences(report)
        if !differences.isEmpty {
            out += "What makes them differ:\n\n"
            for item in differences {
                out += "- **\(item.runtime)**: \(DiagnosisMarkdownRenderer.escape(item.difference.what)) "
                out += "Fix: \(DiagnosisMarkdownRenderer.escape(item.difference.fix))\n"
            }
            out += "\n"
        }
        return out
    }

    /// "OpenAI API", "Azure OpenAI" or "OpenAI-compatible API at HOST".
    static func product(_ target: CheckTarget) -> String {
        switch target.flavor {
        case .openai: return "OpenAI API"
        case .azure: return "Azure OpenAI" + (target.apiVersion.map { " (api-version \($0))" } ?? "")
        case .compatible: return "OpenAI-compatible API at \(target.host)"
        }
    }

    /// The request line and the identifying headers of each API request, values masked.
    static func requestShapes(_ report: CheckReport) -> [String] {
        var seen = Set<String>()
        var shapes: [String] = []
        for request in report.checks.flatMap(\.evidence.requests) {
            let line = "\(request.method) \(request.url)"
            guard seen.insert(line).inserted else { continue }
            var shape = line
            if report.target.flavor == .azure {
                shape += "\napi-key: " + (report.target.key ?? "(none)")
            } else {
                shape += "\nAuthorization: Bearer " + (report.target.key ?? "(none)")
            }
            if let organization = report.target.organization { shape += "\nOpenAI-Organization: \(organization)" }
            if let project = report.target.project { shape += "\nOpenAI-Project: \(project)" }
            if let proxy = request.proxy { shape += "\n(via proxy \(proxy))" }
            shapes.append(shape)
        }
        return shapes
    }

    /// Every check's facts merged (first writer wins), for the ticket's header rows.
    static func allFacts(_ report: CheckReport) -> [String: String] {
        var facts: [String: String] = [:]
        for check in report.checks {
            for (name, value) in check.evidence.facts where facts[name] == nil { facts[name] = value }
        }
        return facts
    }

    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
