/// Azure OpenAI's own refusals.
///
/// One spec per cause (``CauseSpec``): what docs/causes.md says of it, the wording families that
/// name it, and what the tool tells a person about it.
extension CauseSpec {
    /// `azure.network_rules`: azure OpenAI firewall or virtual-network rules refuse this client.
    static let azureNetworkRules = CauseSpec(
        id: .azureNetworkRules,
        layer: .azure, retry: .no, shownByHTTPAnswer: true,
        title: "Azure OpenAI's network rules refuse this client",
        explanation:
            "The Azure OpenAI resource has firewall or virtual-network rules, and this request came from an address or network they do not allow (or through the public endpoint while a private endpoint is required).",
        fixes: [
            Fix(
                .organization,
                "Add your egress IP or virtual network in the resource's Networking settings in the Azure portal."),
            Fix(
                .network,
                "If the resource uses a private endpoint, call it from inside the virtual network, with DNS resolving the private address."
            ),
        ]
    )

    /// `azure.key_or_endpoint`: the Azure key is wrong, or the endpoint belongs to another resource or region.
    static let azureKeyOrEndpoint = CauseSpec(
        id: .azureKeyOrEndpoint,
        layer: .azure, retry: .no, shownByHTTPAnswer: true,
        title: "Azure key wrong, or endpoint of another resource",
        explanation:
            "Azure rejected the key for this endpoint: the key is wrong, or it belongs to another Azure OpenAI resource or region than the endpoint URL.",
        fixes: [
            Fix(
                .request,
                "Check AZURE_OPENAI_ENDPOINT is that same resource's endpoint (https://<resource>.openai.azure.com/)."),
            Fix(
                .key, "Copy Key 1 from the same resource's Keys and Endpoint page and send it in the `api-key` header."),
        ]
    )

    /// `azure.deployment_not_found`: the Azure deployment name is wrong or not ready.
    static let azureDeploymentNotFound = CauseSpec(
        id: .azureDeploymentNotFound,
        layer: .azure, retry: .no, shownByHTTPAnswer: true,
        title: "The Azure deployment does not exist",
        explanation:
            "The deployment name in the URL is not a deployment of this resource, or it was created less than about five minutes ago. On Azure the model parameter is the deployment's name, not the model's.",
        fixes: [
            Fix(
                .request,
                "Use the deployment name shown in Azure AI Foundry (not the model name) and check the api-version."),
            Fix(.status, "If you just created it, wait a few minutes and try again."),
        ]
    )

    /// `azure.rbac`: the Entra ID principal lacks the role or data action.
    static let azureRBAC = CauseSpec(
        id: .azureRBAC,
        layer: .azure, retry: .no, shownByHTTPAnswer: true,
        title: "The Azure identity lacks the role",
        explanation:
            "Entra ID authentication worked, but the principal has no role that grants this data action on the resource.",
        fixes: [
            Fix(
                .organization,
                "Assign the principal the \"Cognitive Services OpenAI User\" (or Azure AI User) role on the resource; role assignments take a few minutes."
            )
        ]
    )

    /// `unknown`: the evidence does not tell.
    static let unknown = CauseSpec(
        id: .unknown,
        layer: nil, retry: .no, shownByHTTPAnswer: false,
        title: "The evidence does not tell",
        explanation:
            "Nothing in what was given identifies who refused or why. Give the full error: the HTTP status, the response body and headers, or the complete exception text — or run `openai-doctor check` to test each layer live.",
        fixes: [
            Fix(
                .request,
                "Capture the status, body and headers (for example `curl -i`) and run `openai-doctor explain` on them."),
            Fix(.network, "Run `openai-doctor check` to test the key, network path, region and service status live."),
            Fix.support,
        ]
    )

}
