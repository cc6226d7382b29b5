import DoctorCore

/// The endpoints beside the API that the checks read: Cloudflare's trace, the compliance
/// probe, and the status pages (incident.io native and the Atlassian-compatible shim).
enum EdgeEndpoints {
    /// `GET /cdn-cgi/trace`: `key=value` lines in Cloudflare's order (data/cdn-cgi-trace-samples.txt).
    static func trace(_ settings: TraceSettings, host: String, userAgent: String, tls: Bool, now: Double) -> String {
        let lines = [
            "fl=467f51", "h=\(host)", "ip=\(settings.ip)", "ts=\(String(format3(now)))",
            "visit_scheme=\(tls ? "https" : "http")", "uag=\(userAgent)", "colo=\(settings.colo)", "sliver=none",
            "http=http/1.1", "loc=\(settings.loc)", "tls=\(tls ? "TLSv1.3" : "off")",
            "sni=\(tls ? "plaintext" : "off")",
            "warp=\(settings.warp)", "gateway=\(settings.gateway)", "rbi=off", "kex=\(tls ? "X25519" : "none")",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func format3(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `GET /compliance/cookie_requirements` from a supported country.
    static let cookieRequirements = "{\"cookie_consent_required\":true}"

    static let pageID = "01JMDK9XYNY6RXSED6SDWW50WY"
    static let components: [(id: String, name: String)] = [
        ("01JMXBRMFE6N2NNT7DG6XZQ6PW", "Chat Completions"),
        ("01JP8CD9JR3HR6Y7G4Q75N4DVW", "Responses"),
        ("01JMXBRMFEPDPH0F2A94WGEZP4", "Assistants"),
        ("01JMXBRMFEQW613TFE89F45035", "Realtime"),
        ("01JMXBRMFE0V9J9X2HY3SKX399", "Completions (legacy)"),
        ("01JMXCAX0QN2ZHVMS54EEN1HXB", "Embeddings"),
        ("01JMXBRMFESJCBGJR10PDD3WCQ", "Files"),
    ]

    static func componentStatus(_ incident: StatusIncident?) -> String {
        switch incident?.impact {
        case nil: return "operational"
        case "minor": return "degraded_performance"
        case "critical": return "full_outage"
        default: return "partial_outage"
        }
    }

    static func affectedID(_ incident: StatusIncident) -> String {
        components.first { $0.name == incident.component }?.id ?? components[0].id
    }

    /// `GET /proxy/status.openai.com`: incident.io's native summary, in the shape of
    /// data/status-openai-incidentio-proxy-summary.json (trimmed to what clients read).
    static func incidentIOSummary(_ incident: StatusIncident?) -> String {
        let status = componentStatus(incident)
        var affected: [OrderedJSON] = []
        var ongoing: [OrderedJSON] = []
        if let incident {
            let component = affectedID(incident)
            affected = [.object([("component_id", .string(component)), ("status", .string(status))])]
            ongoing = [
                .object([
                    ("published_at", .string("2026-11-26T15:00:00.000Z")),
                    ("id", .string("01MOCKINCIDENT0000000000000")),
                    ("status_page_id", .string(pageID)), ("name", .string(incident.name)),
                    ("status", .string("investigating")),
                    (
                        "affected_components",
                        .array([
                            .object([
                                ("component_id", .string(component)), ("status", .string(status)),
                                ("current_status", .string(status)),
                            ])
                        ])
                    ),
                    ("type", .string("incident")),
                ])
            ]
        }
        return OrderedJSON.object([
            (
                "summary",
                .object([
                    ("id", .string(pageID)), ("name", .string("OpenAI")), ("subpath", .string("openai-1")),
                    ("public_url", .string("https://status.openai.com/")),
                    (
                        "components",
                        .array(
                            components.map {
                                .object([
                                    ("id", .string($0.id)), ("name", .string($0.name)),
                                    ("status_page_id", .string(pageID)),
                                ])
                            })
                    ),
                    ("affected_components", .array(affected)), ("ongoing_incidents", .array(ongoing)),
                    ("scheduled_maintenances", .array([])),
                ])
            )
        ]).pretty
    }

    static func indicator(_ incident: StatusIncident?) -> (String, String) {
        switch incident?.impact {
        case nil: return ("none", "All Systems Operational")
        case "minor": return ("minor", "Minor Service Outage")
        case "critical": return ("critical", "Major System Outage")
        default: return ("major", "Partial System Outage")
        }
    }

    static func page() -> OrderedJSON {
        .object([
            ("id", .string(pageID)), ("name", .string("OpenAI")), ("url", .string("https://status.openai.com/")),
            ("updated_at", .string("2026-11-26T15:00:00Z")),
        ])
    }

    /// `GET /api/v2/status.json` (shape of data/status-openai-api-v2-status.2026-09-15.json).
    static func atlassianStatus(_ incident: StatusIncident?) -> String {
        let (indicator, description) = indicator(incident)
        return OrderedJSON.object([
            ("page", page()),
            ("status", .object([("description", .string(description)), ("indicator", .string(indicator))])),
        ]).pretty
    }

    /// `GET /api/v2/summary.json` (shape of the status-openai-api-v2-summary captures, with
    /// Statuspage's `incidents` array).
    static func atlassianSummary(_ incident: StatusIncident?) -> String {
        let (indicator, description) = indicator(incident)
        let affected = incident.map(affectedID)
        let componentList: [OrderedJSON] = components.enumerated().map { index, component in
            .object([
                ("id", .string(component.id)), ("name", .string(component.name)),
                ("status", .string(component.id == affected ? componentStatus(incident) : "operational")),
                ("position", .int(index)),
            ])
        }
        var incidents: [OrderedJSON] = []
        if let incident {
            incidents = [
                .object([
                    ("id", .string("mockincident01")), ("name", .string(incident.name)),
                    ("status", .string("investigating")),
                    ("created_at", .string("2026-11-26T15:00:00.000Z")),
                    ("updated_at", .string("2026-11-26T15:00:00.000Z")),
                    ("impact", .string(incident.impact)), ("shortlink", .string("https://status.openai.com/")),
                    ("page_id", .string(pageID)),
                    (
                        "components",
                        .array([
                            .object([
                                ("id", .string(affected ?? "")), ("name", .string(incident.component)),
                                ("status", .string(componentStatus(incident))),
                            ])
                        ])
                    ),
                ])
            ]
        }
        return OrderedJSON.object([
            ("page", page()),
            ("status", .object([("description", .string(description)), ("indicator", .string(indicator))])),
            ("components", .array(componentList)), ("incidents", .array(incidents)),
            ("scheduled_maintenances", .array([])),
        ]).pretty
    }
}
