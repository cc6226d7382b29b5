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
        /// The status, or the first error, or the skip's reason.
        public var outcome: String
        /// The cause (`ok` when it worked), or `skipped`.
        public var cause: String
        /// `yes`, `NO`, or `—` for `check`'s own row and skipped runtimes.
        public var agrees: String
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
                outcome: models?.status.map { "HTTP \($0)" }
                    ?? models?.proxyConnect?.status.map { "the proxy answered CONNECT with \($0)" }
                    ?? models?.failure.map { "no answer (\($0.phase.rawValue) \($0.kind.rawValue))" }
                    ?? report.check(.models)?.summary ?? "—",
                cause: report.diagnosis?.cause.rawValue ?? "ok", agrees: "—")
        ]
        for runtime in runtimes {
            if runtime.isSkipped {
                rows.append(
                    Row(
                        path: runtime.runtime, client: "—", proxy: "—", trust: "—", address: "—",
                        outcome: runtime.outcome.error ?? "skipped", cause: "skipped", agrees: "—"))
                continue
            }
            var outcome = runtime.outcome.status.map { "HTTP \($0)" } ?? "no answer"
            if let error = runtime.outcome.error {
                outcome += ": " + (error.count > 160 ? String(error.prefix(160)) + "…" : error)
            }
            rows.append(
                Row(
                    path: runtime.runtime,
                    client: [runtime.version, runtime.client].compactMap { $0 }.joined(separator: " · "),
                    proxy: runtime.proxy ?? "—", trust: runtime.trust ?? "—", address: runtime.address ?? "—",
                    outcome: outcome, cause: runtime.cause ?? "—",
                    agrees: runtime.agrees.map { $0 ? "yes" : "NO" } ?? "—"))
        }
        return rows
    }

    /// The runtimes' differences, each with its runtime's name.
    public static func differences(_ report: CheckReport) -> [(runtime: String, difference: RuntimeDifference)] {
        (report.runtimes ?? []).flatMap { runtime in runtime.differences.map { (runtime.runtime, $0) } }
    }
}
