import DoctorCore

/// `config.endpoint`: the base URL and the organization/project ids, judged locally.
struct EndpointProbe: Probe {
    let id = CheckID.endpoint
    let title = "Base URL, organization and project"
    let dependencies: [CheckID] = []
    let role = ProbeRole.local

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let configuration = context.configuration
        let flavor = context.flavor
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
                    summary:
                        "Azure mode without a deployment: pass --model <deployment> (or AZURE_OPENAI_DEPLOYMENT) to probe it"
                ))
        }
        var facts = [
            "base_url": configuration.endpoint?.redacted ?? configuration.baseURL.value.configTrimmedForDisplay,
            "base_url_source": configuration.baseURL.source, "flavor": flavor.rawValue,
        ]
        if let organization = configuration.organization { facts["organization_source"] = organization.source }
        if let project = configuration.project { facts["project_source"] = project.source }
        if let version = configuration.apiVersion { facts["api_version"] = "\(version.value) (\(version.source))" }
        return ConfigurationOutcome.outcome(
            id: id, title: title, issues: issues, facts: facts,
            passSummary: "\(facts["base_url"] ?? "") (\(flavor.rawValue))")
    }
}
