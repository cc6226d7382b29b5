import DoctorCore

/// `check`'s own path and each runtime of `check --runtime` as rows side by side: the one
/// reading of the report the text, Markdown and HTML renderers share.
///
/// ```swift
/// RuntimeTable.rows(report).map(\.path)   // ["check", "python", "node"]
/// ```
public enum RuntimeTable {
    /// One path to the API: `check`'s own or a runtime's.
    public struct Row: Sendable, Equatable {
        /// `check`, or the runtime's name.
        public var path: String
        /// The runtime's version and client (`Python 3.11.7 · openai 3.63.0 (httpx2 2.17.0)`).
        public var client: String
        /// The proxy taken, or `none`.
        public var proxy: String
        /// Where its trust anchors come from.
        public var trust: String
        /// The address connected to, or `—`.
        public var address: String
        /// What its trace request saw: the egress address and family, country and data centre
        /// (`203.0.113.7 (IPv4) · US · SJC`), or why there is none, or `—`.
        public var egress: String
        /// The status, or the first error, or the skip's reason.
        public var outcome: String
        /// The cause (`ok` when it worked), or `skipped`.
        public var cause: String
        /// `yes`, `NO`, or `—` for `check`'s own row and skipped runtimes.
        public var agrees: String
        /// Whether the runtime did not run: ``outcome`` holds the reason, no cause was judged.
        public var isSkip: Bool = false
        /// The clients its probe preferred but could not use, with why (`openai 0.28.1: …`), or `nil`.
        public var skippedClients: String? = nil
    }

    /// `203.0.113.7 (IPv4) · US · SJC` from a trace's fields.
    static func egress(ip: String?, family: String?, loc: String?, colo: String?) -> String {
        var parts: [String] = []
        if let ip { parts.append(ip + (family.map { " (\($0))" } ?? "")) }
        if let loc { parts.append(loc) }
        if let colo { parts.append(colo) }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }

    /// check's own egress, from its `egress.trace` check.
    static func checkEgress(_ report: CheckReport) -> String {
        guard let trace = report.check(.trace) else { return "—" }
        let facts = trace.evidence.facts
        if let ip = facts["ip"] {
            return egress(ip: ip, family: ip.contains(":") ? "IPv6" : "IPv4", loc: facts["loc"], colo: facts["colo"])
        }
        return trace.status == .fail ? trace.summary : "—"
    }

    /// A runtime's egress, from its trace request.
    static func runtimeEgress(_ trace: RuntimeTrace?) -> String {
        guard let trace else { return "—" }
        if trace.ip != nil || trace.loc != nil {
            return egress(ip: trace.ip, family: trace.family, loc: trace.loc, colo: trace.colo)
        }
        let error = trace.error ?? "no trace"
        return "no trace: " + (error.count > 160 ? String(error.prefix(160)) + "…" : error)
    }

    /// The rows: `check` first, then each runtime in the order asked; empty without runtimes.
    public static func rows(_ report: CheckReport) -> [Row] {
        guard let runtimes = report.runtimes else { return [] }
        let models = report.check(.models)?.evidence.requests.first
        let checkAddress = models?.connects.last { $0.error == nil }.map { attempt in
            attempt.address.contains(":")
                ? "[\(attempt.address)]:\(attempt.port)" : "\(attempt.address):\(attempt.port)"
        }
        let trust: String
        if let tls = models?.tls {
            trust = "system store + --cacert" + (tls.trusted ? " (chain trusted)" : " (chain NOT trusted)")
        } else {
            trust = report.target.baseURL.hasPrefix("https") ? "system store + --cacert" : "— (plain HTTP)"
        }
        var rows = [
            Row(
                path: "check", client: "\(report.tool.name) \(report.tool.version) (NIO)",
                proxy: report.target.proxy ?? "none", trust: trust, address: checkAddress ?? "—",
                egress: checkEgress(report),
                outcome: models?.status.map { "HTTP \($0)" }
                    ?? models?.proxyConnect?.status.map { "the proxy answered CONNECT with \($0)" }
                    ?? models?.failure.map { "no answer (\($0.phase.rawValue) \($0.kind.rawValue))" }
                    ?? report.check(.models)?.summary ?? "—",
                cause: report.diagnosis?.cause.rawValue ?? "ok", agrees: "—")
        ]
        for runtime in runtimes {
            if let reason = runtime.skipped {
                rows.append(
                    Row(
                        path: runtime.runtime, client: "—", proxy: "—", trust: "—", address: "—", egress: "—",
                        outcome: "skipped: " + reason, cause: "skipped", agrees: "—", isSkip: true))
                continue
            }
            var outcome = runtime.outcome?.status.map { "HTTP \($0)" } ?? "no answer"
            if let error = runtime.outcome?.error {
                outcome += ": " + (error.count > 160 ? String(error.prefix(160)) + "…" : error)
            }
            let skips = runtime.skippedClients.map { "\($0.client): \($0.reason)" }.joined(separator: "; ")
            rows.append(
                Row(
                    path: runtime.runtime,
                    client: [runtime.version, runtime.client].compactMap { $0 }.joined(separator: " · "),
                    proxy: runtime.proxy ?? "—", trust: runtime.trust ?? "—", address: runtime.address ?? "—",
                    egress: runtimeEgress(runtime.trace), outcome: outcome, cause: runtime.cause ?? "—",
                    agrees: runtime.agrees.map { $0 ? "yes" : "NO" } ?? "—",
                    skippedClients: skips.isEmpty ? nil : skips))
        }
        return rows
    }

    /// The runtimes' differences, each with its runtime's name.
    public static func differences(_ report: CheckReport) -> [(runtime: String, difference: RuntimeDifference)] {
        (report.runtimes ?? []).flatMap { runtime in runtime.differences.map { (runtime.runtime, $0) } }
    }
}
