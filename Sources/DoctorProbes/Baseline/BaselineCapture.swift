import DoctorCore

/// Takes today's ``BaselineSnapshot``: the whole `check` run, plus the model ids
/// (for the digest and whether the configured model is listed), which `check` counts but does
/// not keep.
///
/// ```swift
/// let (snapshot, report) = await BaselineCapture.take(options, os: "Debian 12", swift: "6.3")
/// ```
public enum BaselineCapture {
    /// Runs the check and lists the models once more for their ids.
    ///
    /// - Returns: The snapshot, and the check report it was taken from.
    public static func take(
        _ options: CheckOptions, os: String?, swift: String?
    ) async -> (BaselineSnapshot, CheckReport) {
        let report = await CheckRunner.run(options)
        var ids: [String]?
        if report.check(CheckID.models)?.status == .pass {
            let runStart = ContinuousClock.now
            let context = CheckContext(options: options, runStart: runStart, deadline: runStart + options.timeout)
            ids = await context.modelIDs()
        }
        return (BaselineSnapshot.capture(from: report, modelIDs: ids, os: os, swift: swift), report)
    }
}

extension CheckContext {
    /// The ids of the models the key can list, or `nil` when the listing fails.
    func modelIDs() async -> [String]? {
        guard let endpoint = configuration.endpoint, let key = keyToSend, !key.isEmpty else { return nil }
        let exchange = await send(
            ProbeRequest(
                label: "GET \(modelsPath) (ids)", url: apiURL(endpoint, modelsPath), headers: authHeaders(key),
                proxy: proxy))
        guard exchange.answered, exchange.status == 200, let root = LenientJSONReader.parse(exchange.body),
            case .array(let items)? = root["data"]
        else { return nil }
        return items.compactMap { item in
            if case .string(let id)? = item["id"] { return id }
            return nil
        }
    }
}
