import DoctorCore

/// `config.proxy`: which proxy applies, and whether its URL makes sense, judged locally.
struct ProxyProbe: Probe {
    let id = CheckID.proxy
    let title = "Proxy"
    let dependencies: [CheckID] = []
    let role = ProbeRole.local

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let selection = context.configuration.proxy
        let issues = ProxyURLCheck.issues(selection, inContainer: context.options.inContainer)
        var facts = ["source": selection.source]
        if let proxy = selection.proxy { facts["proxy"] = proxy.redacted }
        if let token = selection.bypassedBy { facts["no_proxy_token"] = token }
        let passSummary: String
        if let proxy = selection.proxy {
            passSummary = "\(proxy.redacted) (\(selection.source))"
        } else if let token = selection.bypassedBy {
            passSummary =
                "direct: \(context.configuration.endpoint?.host ?? "the host") matches NO_PROXY entry \"\(token)\""
        } else {
            passSummary = "direct (\(selection.source == "none" ? "no proxy variable set" : selection.source))"
        }
        return ConfigurationOutcome.outcome(
            id: id, title: title, issues: issues, facts: facts, passSummary: passSummary)
    }
}
