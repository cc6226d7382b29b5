/// Causes shown by Azure OpenAI's error shapes (codes such as `DeploymentNotFound`, numeric
/// strings such as `"403"`, and Azure's own wording).
enum AzureRules {
    static func classify(_ facts: Facts) -> Classification? {
        let evidence = facts.evidence
        let azure = evidence.provider == .azure || facts.says(["azure"])
        if facts.code == "deploymentnotfound" || facts.says(["the api deployment for this resource does not exist"]) {
            return verdict(.azureDeploymentNotFound, .high, "Azure's `DeploymentNotFound`: no deployment of that name on this resource")
        }
        if facts.says(["virtual network/firewall rules", "a virtual network is configured for this resource"])
            || evidence.hasMarker("azure:traffic-denied")
        {
            return verdict(.azureNetworkRules, .high, "Azure's \"\(facts.said(["virtual network/firewall rules", "a virtual network is configured"]) ?? "traffic denied")\": the resource's network rules refuse this client")
        }
        if facts.says(["invalid subscription key or wrong api endpoint"]) {
            return verdict(.azureKeyOrEndpoint, .high, "Azure's \"invalid subscription key or wrong API endpoint\"")
        }
        if facts.code == "permissiondenied" || facts.says(["lacks the required data action", "principal does not have access to api/operation"]) {
            return verdict(.azureRBAC, .high, "Azure's `PermissionDenied`: the Entra ID principal lacks the role")
        }
        if azure, facts.code == "contentfilter" || facts.code == "content_filter" || evidence.error.innerCode == "ResponsibleAIPolicyViolation" {
            return verdict(.requestContentPolicy, .high, "Azure's content filter (`content_filter`, ResponsibleAIPolicyViolation)")
        }
        if evidence.provider == .azure, facts.status == 401 || facts.code == "401" || facts.code == "unauthorized",
            !facts.hasMessage || facts.says(["access denied", "unauthorized"])
        {
            return verdict(.azureKeyOrEndpoint, .medium, "401 from Azure OpenAI: the key does not open this endpoint")
        }
        return nil
    }
}
