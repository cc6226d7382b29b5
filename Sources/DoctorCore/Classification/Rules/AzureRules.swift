/// Causes shown by Azure OpenAI's error shapes (codes such as `DeploymentNotFound`, numeric
/// strings such as `"403"`, and Azure's own wording).
enum AzureRules {
    /// The rules, in precedence order.
    static let rules: [Rule] = [
        Rule("azure.deployment-not-found", .answeringParty, [.azureDeploymentNotFound]) { facts in
            guard
                facts.code == "deploymentnotfound"
                    || facts.says([
                        "the api deployment for this resource does not exist",
                        "the api deployment for the resource does not exist",
                    ])
            else { return nil }
            return verdict(
                .azureDeploymentNotFound, .high,
                "Azure's `DeploymentNotFound`: no deployment of that name on this resource")
        },
        Rule("azure.key-auth-disabled", .answeringParty, [.azureKeyOrEndpoint]) { facts in
            guard facts.code == "authenticationtypedisabled" || facts.says(["key based authentication is disabled"])
            else { return nil }
            return verdict(
                .azureKeyOrEndpoint, .high,
                "Azure's `AuthenticationTypeDisabled`: the resource accepts no keys, only Entra ID tokens")
        },
        Rule("azure.network-rules", .answeringParty, [.azureNetworkRules]) { facts in
            let phrases = [
                "virtual network/firewall rules", "a virtual network is configured for this resource",
                "public access is disabled", "traffic is not from an approved private endpoint",
            ]
            guard facts.says(phrases) || facts.evidence.has(.azureTrafficDenied) else { return nil }
            return verdict(
                .azureNetworkRules, .high,
                "Azure's \"\(facts.said(phrases) ?? "traffic denied")\": the resource's network rules refuse this client"
            )
        },
        Rule("azure.key-or-endpoint", .answeringParty, [.azureKeyOrEndpoint]) { facts in
            guard facts.says(["invalid subscription key or wrong api endpoint"]) else { return nil }
            return verdict(.azureKeyOrEndpoint, .high, "Azure's \"invalid subscription key or wrong API endpoint\"")
        },
        Rule("azure.rbac", .answeringParty, [.azureRBAC]) { facts in
            guard
                facts.code == "permissiondenied"
                    || facts.says(["lacks the required data action", "principal does not have access to api/operation"])
            else { return nil }
            return verdict(.azureRBAC, .high, "Azure's `PermissionDenied`: the Entra ID principal lacks the role")
        },
        Rule("azure.content-filter", .answeringParty, [.requestContentPolicy]) { facts in
            let azure = facts.evidence.provider == .azure || facts.says(["azure"])
            guard azure,
                facts.code == "contentfilter" || facts.code == "content_filter"
                    || facts.evidence.error.innerCode == "ResponsibleAIPolicyViolation"
            else { return nil }
            return verdict(
                .requestContentPolicy, .high, "Azure's content filter (`content_filter`, ResponsibleAIPolicyViolation)")
        },
        Rule("azure.401", .answeringParty, [.azureKeyOrEndpoint]) { facts in
            // Azure answered: its headers, or its hosts named in the text (an SDK that kept no headers).
            let azure =
                facts.evidence.provider == .azure || facts.says(["cognitiveservices.azure.com", ".openai.azure.com"])
            guard azure, facts.status == 401 || facts.code == "401" || facts.code == "unauthorized",
                !facts.hasMessage || facts.says(["access denied", "unauthorized"])
            else { return nil }
            return verdict(.azureKeyOrEndpoint, .medium, "401 from Azure OpenAI: the key does not open this endpoint")
        },
    ]
}
