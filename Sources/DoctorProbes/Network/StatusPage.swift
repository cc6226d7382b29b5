import DoctorCore

/// What a status page says right now, from status.openai.com's native incident.io JSON or the
/// Atlassian Statuspage-compatible `/api/v2/status.json` (docs/network-notes.md §3).
///
/// ```swift
/// let reading = StatusPage.parseIncidentIO(body)  // from /proxy/status.openai.com
/// reading?.apiAffected  // true when a component of the "APIs" group is not operational
/// ```
public struct StatusPage: Sendable, Equatable, Codable {
    /// Which format the reading came from.
    public enum Format: String, Sendable, Codable {
        /// incident.io's `/proxy/<host>` summary.
        case incidentIO = "incident.io"
        /// Atlassian Statuspage `/api/v2/status.json` or `summary.json`.
        case statuspage
    }

    /// A component that is not operational.
    public struct AffectedComponent: Sendable, Equatable, Codable {
        /// Its name (`Chat Completions`), or its id when the page does not name it.
        public var name: String
        /// Its status (`degraded_performance`, `partial_outage`, `full_outage`, `major_outage`, …).
        public var status: String
        /// The group it belongs to (`APIs`), if known.
        public var group: String?

        /// Creates an affected component.
        public init(name: String, status: String, group: String? = nil) {
            self.name = name
            self.status = status
            self.group = group
        }
    }

    /// The format read.
    public var format: Format
    /// Atlassian's indicator (`none`, `minor`, `major`, `critical`), or one derived from incident.io's worst status.
    public var indicator: String
    /// A one-line description (`All Systems Operational`, or the ongoing incidents' names).
    public var description: String
    /// The components not operational.
    public var affected: [AffectedComponent]
    /// Names of ongoing incidents.
    public var incidents: [String]

    /// Creates a reading.
    public init(
        format: Format, indicator: String, description: String, affected: [AffectedComponent] = [],
        incidents: [String] = []
    ) {
        self.format = format
        self.indicator = indicator
        self.description = description
        self.affected = affected
        self.incidents = incidents
    }

    /// Whether everything is operational.
    public var allOperational: Bool { indicator == "none" && affected.isEmpty && incidents.isEmpty }

    /// Whether an API component (group `APIs`, or a name of an API product) is affected.
    public var apiAffected: Bool {
        affected.contains { component in
            if let group = component.group { return group.lowercased().contains("api") }
            let name = component.name.lowercased()
            return ["api", "chat", "completions", "responses", "embeddings", "models"].contains { name.contains($0) }
        }
    }

    /// Reads incident.io's `/proxy/status.openai.com` summary; `nil` if the body is not one.
    public static func parseIncidentIO(_ body: String) -> StatusPage? {
        guard let root = LenientJSONReader.parse(body), let summary = root["summary"], summary.isObject else {
            return nil
        }
        var names: [String: String] = [:]
        for component in summary["components"]?.elements ?? [] {
            if let id = component["id"]?.text, let name = component["name"]?.text { names[id] = name }
        }
        var groups: [String: String] = [:]
        for item in summary["structure"]?["items"]?.elements ?? [] {
            if let group = item["group"], let groupName = group["name"]?.text {
                for child in group["components"]?.elements ?? [] {
                    if let id = child["component_id"]?.text { groups[id] = groupName }
                }
            }
        }
        let affected: [AffectedComponent] = (summary["affected_components"]?.elements ?? []).compactMap { item in
            guard let id = item["component_id"]?.text else { return nil }
            let status = item["status"]?.text ?? "unknown"
            guard status != "operational" else { return nil }
            return AffectedComponent(name: names[id] ?? id, status: status, group: groups[id])
        }
        let incidents = (summary["ongoing_incidents"]?.elements ?? []).compactMap { $0["name"]?.text }
        let worst = affected.map(\.status)
        let indicator: String
        if worst.contains("full_outage") || worst.contains("major_outage") {
            indicator = "major"
        } else if !worst.isEmpty || !incidents.isEmpty {
            indicator = "minor"
        } else {
            indicator = "none"
        }
        let description =
            incidents.isEmpty
            ? (affected.isEmpty ? "All Systems Operational" : "Degraded components") : incidents.joined(separator: "; ")
        return StatusPage(
            format: .incidentIO, indicator: indicator, description: description, affected: affected,
            incidents: incidents)
    }

    /// Reads Atlassian Statuspage `status.json` or `summary.json`; `nil` if the body is not one.
    public static func parseStatuspage(_ body: String) -> StatusPage? {
        guard let root = LenientJSONReader.parse(body), let status = root["status"], status.isObject,
            let indicator = status["indicator"]?.text
        else { return nil }
        let affected: [AffectedComponent] = (root["components"]?.elements ?? []).compactMap { component in
            guard component["group"]?.text != "true", let name = component["name"]?.text,
                let state = component["status"]?.text, state != "operational"
            else { return nil }
            return AffectedComponent(name: name, status: state)
        }
        let incidents = (root["incidents"]?.elements ?? []).compactMap { incident -> String? in
            guard incident["status"]?.text != "resolved" else { return nil }
            return incident["name"]?.text
        }
        return StatusPage(
            format: .statuspage, indicator: indicator, description: status["description"]?.text ?? indicator,
            affected: affected, incidents: incidents)
    }
}

extension JSONValue {
    /// The elements when this is an array, else empty.
    var elements: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
