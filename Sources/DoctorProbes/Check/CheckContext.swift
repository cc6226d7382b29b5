import DoctorCore

/// The state shared by the checks of one run: options, transport, deadline, and what the
/// configuration says to send.
struct CheckContext: Sendable {
    let options: CheckOptions
    let runStart: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let transport: ProbeTransport
    let keyInspection: KeyInspection?
    /// The key as it will be sent: the configured one with surrounding damage removed.
    let keyToSend: String?

    var configuration: LiveConfiguration { options.configuration }
    var flavor: CheckTarget.Flavor { configuration.flavor }

    init(options: CheckOptions, runStart: ContinuousClock.Instant, deadline: ContinuousClock.Instant) {
        self.options = options
        self.runStart = runStart
        self.deadline = deadline
        var settings = options.transport
        settings.userAgent = "\(options.tool.name)/\(options.tool.version)"
        self.transport = ProbeTransport(settings: settings, group: ProbeExecutor.shared.group)
        if let raw = options.configuration.key?.value {
            let audience: KeyInspector.Audience =
                switch options.configuration.flavor {
                case .openai: .openAI
                case .azure: .azure
                case .compatible: .compatible
                }
            keyInspection = KeyInspector.inspect(raw, for: audience)
            keyToSend = KeyCleaning.clean(raw)
        } else {
            keyInspection = nil
            keyToSend = nil
        }
    }

    /// What the report says was checked.
    var target: CheckTarget {
        CheckTarget(
            baseURL: configuration.endpoint?.redacted ?? configuration.baseURL.value.configTrimmedForDisplay,
            host: configuration.endpoint?.host ?? "", flavor: flavor, model: configuration.model?.value,
            organization: configuration.organization?.value, project: configuration.project?.value,
            key: keyInspection?.fingerprint, proxy: configuration.proxy.proxy?.redacted,
            apiVersion: configuration.apiVersion?.value, sources: configuration.sources)
    }

    // MARK: Configuration (no network)

    func configurationOutcomes() -> [CheckOutcome] {
        [keyOutcome(), endpointOutcome(), proxyOutcome()]
    }

    func keyOutcome() -> CheckOutcome {
        let title = "API key"
        guard let inspection = keyInspection, let source = configuration.key?.source else {
            let summary = "no key: \(configuration.keyVariable) is not set (flag, environment or .env)"
            let diagnosis = configDiagnosis(.keyMissing, summary, check: "key_missing")
            return CheckOutcome(
                result: CheckResult(
                    id: CheckID.key, title: title, status: .fail, durationMS: 0, summary: summary,
                    evidence: CheckEvidence(cause: .keyMissing, facts: ["variable": configuration.keyVariable])),
                diagnosis: diagnosis, weight: .configuration)
        }
        var facts = [
            "fingerprint": inspection.fingerprint, "kind": inspection.kind.displayName, "length": String(inspection.length),
            "source": source,
        ]
        if !inspection.findings.isEmpty { facts["findings"] = inspection.sentences.joined(separator: " ") }
        let failing = inspection.findings.filter { $0.cause != nil }
        let status: CheckStatus = failing.isEmpty ? (inspection.findings.isEmpty ? .pass : .warn) : .fail
        var summary = "\(inspection.fingerprint) (\(inspection.kind.displayName), \(inspection.length) chars) from \(source)"
        if let first = failing.first ?? inspection.findings.first { summary += ": " + first.sentence }
        var diagnosis: Diagnosis?
        if let cause = failing.first?.cause {
            diagnosis = configDiagnosis(cause, failing.map(\.sentence).joined(separator: " "), check: "key")
        }
        return CheckOutcome(
            result: CheckResult(
                id: CheckID.key, title: title, status: status, durationMS: 0, summary: summary,
                evidence: CheckEvidence(cause: failing.first?.cause, facts: facts)),
            diagnosis: diagnosis, weight: .configuration)
    }

    func endpointOutcome() -> CheckOutcome {
        var issues = BaseURLCheck.issues(configuration.baseURL.value)
        if let organization = configuration.organization?.value {
            issues += IdentifierShape.organizationIssues(organization)
        }
        if let project = configuration.project?.value {
            issues += IdentifierShape.projectIssues(project)
        }
        if flavor == .azure && configuration.model == nil {
            issues.append(
                ConfigIssue(
                    severity: .warn, cause: nil,
                    summary: "Azure mode without a deployment: pass --model <deployment> (or AZURE_OPENAI_DEPLOYMENT) to probe it"))
        }
        var facts = ["base_url": configuration.endpoint?.redacted ?? configuration.baseURL.value.configTrimmedForDisplay,
                     "base_url_source": configuration.baseURL.source, "flavor": flavor.rawValue]
        if let organization = configuration.organization { facts["organization_source"] = organization.source }
        if let project = configuration.project { facts["project_source"] = project.source }
        if let version = configuration.apiVersion { facts["api_version"] = "\(version.value) (\(version.source))" }
        return outcome(
            id: CheckID.endpoint, title: "Base URL, organization and project", issues: issues, facts: facts,
            passSummary: "\(facts["base_url"] ?? "") (\(flavor.rawValue))")
    }

    func proxyOutcome() -> CheckOutcome {
        let selection = configuration.proxy
        let issues = ProxyURLCheck.issues(selection, inContainer: options.inContainer)
        var facts = ["source": selection.source]
        if let proxy = selection.proxy { facts["proxy"] = proxy.redacted }
        if let token = selection.bypassedBy { facts["no_proxy_token"] = token }
        let passSummary: String
        if let proxy = selection.proxy {
            passSummary = "\(proxy.redacted) (\(selection.source))"
        } else if let token = selection.bypassedBy {
            passSummary = "direct: \(configuration.endpoint?.host ?? "the host") matches NO_PROXY entry \"\(token)\""
        } else {
            passSummary = "direct (\(selection.source == "none" ? "no proxy variable set" : selection.source))"
        }
        return outcome(id: CheckID.proxy, title: "Proxy", issues: issues, facts: facts, passSummary: passSummary)
    }

    func outcome(id: String, title: String, issues: [ConfigIssue], facts: [String: String], passSummary: String) -> CheckOutcome {
        let failing = issues.first { $0.severity == .fail }
        let worst = failing ?? issues.first
        let status: CheckStatus = failing != nil ? .fail : (issues.isEmpty ? .pass : .warn)
        var summary = worst?.summary ?? passSummary
        if issues.count > 1 { summary += " (+\(issues.count - 1) more)" }
        var allFacts = facts
        if !issues.isEmpty { allFacts["issues"] = issues.map(\.summary).joined(separator: "; ") }
        var diagnosis: Diagnosis?
        if let failing, let cause = failing.cause {
            diagnosis = configDiagnosis(cause, failing.summary, check: id, fixes: failing.fixes)
        }
        return CheckOutcome(
            result: CheckResult(
                id: id, title: title, status: status, durationMS: 0, summary: summary,
                evidence: CheckEvidence(cause: failing?.cause ?? worst?.cause, facts: allFacts)),
            diagnosis: diagnosis, weight: .configuration)
    }

    /// A diagnosis for a cause that local inspection found without sending anything: the
    /// inspector's finding goes to the classifier as a signal, like every other probe's, with
    /// the finding as the reason and its specific fixes first.
    func configDiagnosis(_ cause: CauseID, _ reason: String, check: String, fixes: [String] = []) -> Diagnosis {
        var evidence = Evidence(form: .probe, signals: [.configFinding(check: check, cause: cause)])
        evidence.notes = [reason]
        var diagnosis = Diagnoser.diagnose(evidence)
        diagnosis.fixes = fixes + diagnosis.fixes.filter { !fixes.contains($0) }
        return diagnosis
    }
}

/// Removes the damage a key picks up on its way into the environment (white space, quotes,
/// angle brackets, zero-width characters, a `Bearer ` prefix), so the probes can still tell
/// whether the key itself is good.
enum KeyCleaning {
    static func clean(_ raw: String) -> String {
        var scalars = raw.unicodeScalars.filter { scalar in
            !scalar.properties.isWhitespace && !["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\"", "'", "<", ">", "`"]
                .contains(scalar)
        }
        var text = String(String.UnicodeScalarView(scalars))
        if text.hasPrefix("Bearer") { text.removeFirst("Bearer".count) }
        if let eq = text.firstIndex(of: "="), text[..<eq].allSatisfy({ $0.isUppercase || $0 == "_" }) {
            text = String(text[text.index(after: eq)...])
        }
        scalars = text.unicodeScalars.filter { $0.isASCII }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension String {
    /// A value for display: trimmed and cut to 200 characters.
    var configTrimmedForDisplay: String {
        let trimmed = split(whereSeparator: \.isNewline).joined(separator: " ")
        return String(trimmed.prefix(200))
    }
}
