import DoctorCore

/// Renders a live `check` run for a terminal: one line per check with ✓ / ! / ✗ (– for skipped)
/// and its time, then the diagnosis with numbered fixes and the other findings. With
/// `verbose`, each check's evidence follows its line: facts, markers, and every request's
/// phase timings and TLS chain. Not a parseable format (use `--format json`).
///
/// ```swift
/// print(CheckConsoleRenderer.render(report, verbose: false))
/// // ✓ config.key          sk-proj-…a1B2 (project key, 164 chars) from env OPENAI_API_KEY     0 ms
/// // ✗ api.models          403 unsupported_country_region_territory: region.unsupported   212 ms
/// ```
public enum CheckConsoleRenderer {
    /// The symbol for a status.
    public static func symbol(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return "✓"
        case .warn: return "!"
        case .fail: return "✗"
        case .skip: return "–"
        }
    }

    /// The whole text.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - verbose: Whether to show each check's evidence.
    ///   - style: Colour or not.
    public static func render(
        _ report: CheckReport, verbose: Bool, style: DiagnosisTextRenderer.Style = .plain
    ) -> String {
        var out = ""
        let target = report.target
        var head = "openai-doctor check · \(target.baseURL)"
        if let model = target.model { head += " · model \(model)" }
        head += " · " + (target.key.map { "key \($0)" } ?? "no key")
        head += " · " + (target.proxy.map { "proxy \($0)" } ?? "direct")
        out += style.bold(head) + "\n"
        out += style.dim("started \(report.startedAt) (\(report.timeZone))") + "\n\n"
        let idWidth = report.checks.map(\.id.count).max() ?? 10
        for check in report.checks {
            let id = check.id + String(repeating: " ", count: max(0, idWidth - check.id.count))
            let time = check.status == .skip && check.durationMS == 0 ? "" : "  \(check.durationMS) ms"
            out +=
                "\(colored(symbol(check.status), check.status, style)) \(id)  \(check.summary)" + style.dim(time) + "\n"
            if verbose { out += evidenceText(check.evidence, indent: "      ") }
        }
        out += "\n"
        if let diagnosis = report.diagnosis {
            out += DiagnosisTextRenderer.render(diagnosis, style: style)
        } else {
            out += style.bold("No problem found.") + " Every check that ran passed.\n"
        }
        if !report.findings.isEmpty {
            out += "\n" + style.bold("Also seen") + "\n"
            for finding in report.findings {
                out += "  \(symbol(finding.status)) \(finding.check): \(finding.summary)"
                if let cause = finding.cause { out += style.dim(" (\(cause.rawValue))") }
                out += "\n"
            }
        }
        out += runtimesText(report, style: style)
        return out
    }

    /// `check`'s path and each runtime's, one block each, then the differences and their fixes.
    static func runtimesText(_ report: CheckReport, style: DiagnosisTextRenderer.Style) -> String {
        let rows = RuntimeTable.rows(report)
        guard !rows.isEmpty else { return "" }
        var out = "\n" + style.bold("Your runtimes beside check's path") + "\n"
        for row in rows {
            let mark = row.isSkip ? "–" : row.cause == "ok" ? "✓" : "✗"
            var agreement = ""
            if row.agrees == "NO" { agreement = " (differs from check)" }
            if row.agrees == "yes" { agreement = " (as check)" }
            out += "  \(mark) \(row.path)  \(row.cause)\(agreement)\n"
            if row.isSkip {
                out += "      \(row.outcome)\n"
                continue
            }
            out += "      client: \(row.client)\n"
            if let skipped = row.skippedClients { out += "      skipped: \(skipped)\n" }
            out += "      proxy: \(row.proxy) · address: \(row.address)\n"
            out += "      trust: \(row.trust)\n      egress: \(row.egress)\n      outcome: \(row.outcome)\n"
        }
        let differences = RuntimeTable.differences(report)
        if !differences.isEmpty {
            out += "\n" + style.bold("What makes them differ") + "\n"
            for (index, item) in differences.enumerated() {
                out += "  \(index + 1). [\(item.runtime)] \(item.difference.what)\n"
                out += "     fix: \(item.difference.fix)\n"
            }
        }
        return out
    }

    static func colored(_ text: String, _ status: CheckStatus, _ style: DiagnosisTextRenderer.Style) -> String {
        guard style.color else { return text }
        let code: String
        switch status {
        case .pass: code = "32"
        case .warn: code = "33"
        case .fail: code = "31"
        case .skip: code = "2"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// A check's evidence as indented lines.
    public static func evidenceText(_ evidence: CheckEvidence, indent: String) -> String {
        var out = ""
        for (name, value) in evidence.facts.sorted(by: { $0.key < $1.key }) { out += "\(indent)\(name): \(value)\n" }
        if !evidence.markers.isEmpty { out += "\(indent)markers: \(evidence.markers.joined(separator: ", "))\n" }
        for request in evidence.requests {
            var line = "\(indent)\(request.label): "
            line +=
                request.status.map { "status \($0)" }
                ?? (request.failure.map { "failed in \($0.phase.rawValue) (\($0.kind.rawValue))" } ?? "")
            line += ", \(request.totalMS) ms"
            if let proxy = request.proxy { line += " via \(proxy)" }
            out += line + "\n"
            let phases = request.phases.map { "\($0.phase.rawValue) \($0.durationMS)" }.joined(separator: " · ")
            if !phases.isEmpty { out += "\(indent)  phases (ms): \(phases)\n" }
            if let dns = request.dns {
                out +=
                    "\(indent)  dns \(dns.host) [\(dns.source)]: A \(dns.a.isEmpty ? (dns.aError ?? "none") : dns.a.joined(separator: " "))"
                out += "; AAAA \(dns.aaaa.isEmpty ? (dns.aaaaError ?? "none") : dns.aaaa.joined(separator: " "))\n"
            }
            for attempt in request.connects {
                out +=
                    "\(indent)  connect \(attempt.address):\(attempt.port) (\(attempt.family)) \(attempt.durationMS) ms"
                out += attempt.error.map { " \($0)" } ?? " ok"
                out += "\n"
            }
            if let proxy = request.proxyConnect {
                out += "\(indent)  CONNECT answer: \(proxy.status.map(String.init) ?? "none")"
                if !proxy.markers.isEmpty { out += " [\(proxy.markers.joined(separator: ", "))]" }
                out += "\n"
            }
            if let tls = request.tls {
                out +=
                    "\(indent)  tls \(tls.version ?? "-") alpn \(tls.alpn ?? "-") trusted \(tls.trusted ? "yes" : "no")"
                out += tls.verifyError.map { " (\($0))" } ?? ""
                out += "\n"
                for (index, certificate) in tls.chain.enumerated() {
                    out += "\(indent)    [\(index)] \(certificate.subject) ← issued by \(certificate.issuer)\n"
                }
            }
            if let id = request.requestID { out += "\(indent)  request id: \(id)\n" }
        }
        if let answer = evidence.answer {
            let diagnosis = Diagnosis(
                cause: .unknown, confidence: .low, title: "", explanation: "", fixes: [], evidence: answer)
            for line in DiagnosisTextRenderer.evidenceLines(diagnosis) where line != "(nothing recognisable)" {
                out += "\(indent)\(line)\n"
            }
        }
        return out
    }
}
