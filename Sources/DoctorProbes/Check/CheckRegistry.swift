/// Every check of `check`, once, in the report's order: the one place that says which checks
/// there are, in what order they are listed, and (through each probe) what each waits for.
///
/// The order is also a valid running order: every check comes after the checks it depends on.
enum CheckRegistry {
    /// The probes, in the report's order.
    static let probes: [any Probe] = [
        KeyProbe(), EndpointProbe(), ProxyProbe(),
        DNSProbe(), TraceProbe(), ComplianceProbe(), StatusPageProbe(),
        ListModelsProbe(), ModelAccessProbe(), ScopesProbe(), RealtimeProbe(), SpendProbe(),
        ProxyIsolationProbe(), FamilyIsolationProbe(),
    ]

    /// The probe of `id`.
    static func probe(_ id: CheckID) -> any Probe {
        guard let probe = probes.first(where: { $0.id == id }) else {
            preconditionFailure("\(id) is not in the registry")
        }
        return probe
    }
}

extension CheckID {
    /// Every id in the order the report lists them: the registry's order. (Here, not beside the
    /// ids, so that CheckID.swift stands alone: the fuzz harness compiles it without the probes.)
    public static var displayOrder: [CheckID] { CheckRegistry.probes.map { $0.id } }
}
