import DoctorCore

/// Draws requests and their phases on one time axis as HTML and CSS (no script, no image).
///
/// Each request is a row; its bar starts at ``RequestTrace/startMS`` on the run's axis and
/// holds one coloured segment per ``PhaseTiming`` (DNS, connect, proxy, TLS, first byte,
/// body), placed by its own start within the request. A request that failed ends in red.
public enum WaterfallHTML {
    /// The waterfall section for `requests`, or a short note when there are none.
    public static func render(_ requests: [RequestTrace]) -> String {
        guard !requests.isEmpty else { return "<p class=\"meta\">No request was made.</p>\n" }
        let end = max(1, requests.map { $0.startMS + max($0.totalMS, phasesEnd($0)) }.max() ?? 1)
        var out = "<div class=\"legend\">"
        for phase in PhaseTiming.Phase.allCases {
            out += "<span><i class=\"ph-\(phase.rawValue)\"></i>\(label(phase))</span>"
        }
        out += "<span><i class=\"ph-failed\"></i>failed</span></div>\n"
        out += "<div class=\"wf\">\n"
        out +=
            "<div class=\"axis\"><div></div><div><span>0 ms</span><span>\(end / 2) ms</span><span>\(end) ms</span></div><div></div></div>\n"
        for request in requests {
            let total = max(request.totalMS, phasesEnd(request))
            let left = percent(request.startMS, of: end)
            let width = max(0.3, percent(total, of: end))
            var status =
                request.status.map { "HTTP \($0)" }
                ?? (request.failure.map { "\($0.phase.rawValue) \($0.kind.rawValue)" } ?? "")
            if let id = request.requestID { status += " · \(id)" }
            let title = "\(request.method) \(request.url) — \(status)"
            out += "<div class=\"wf-row\" title=\"\(HTMLText.escape(title))\">"
            out += "<div class=\"wf-label\"><span class=\"mono\">\(HTMLText.escape(request.label))</span>"
            if !status.isEmpty { out += " <small class=\"meta\">\(HTMLText.escape(status))</small>" }
            out +=
                "</div><div class=\"wf-track\"><div class=\"wf-bar\" style=\"left:\(format(left))%;width:\(format(width))%\">"
            for phase in request.phases {
                let segLeft = percent(phase.startMS, of: max(total, 1))
                let segWidth = percent(phase.durationMS, of: max(total, 1))
                out +=
                    "<div class=\"wf-seg ph-\(phase.phase.rawValue)\" style=\"left:\(format(segLeft))%;width:\(format(segWidth))%\" title=\"\(label(phase.phase)): \(phase.durationMS) ms\"></div>"
            }
            if request.failure != nil {
                let failedAt = phasesEnd(request)
                let segLeft = percent(min(failedAt, total), of: max(total, 1))
                out +=
                    "<div class=\"wf-seg ph-failed\" style=\"left:\(format(min(segLeft, 99)))%;width:\(format(max(1, 100 - segLeft)))%\" title=\"failed\"></div>"
            }
            out += "</div></div><div class=\"wf-total\">\(total) ms</div></div>\n"
        }
        return out + "</div>\n"
    }

    /// The phase names people read.
    static func label(_ phase: PhaseTiming.Phase) -> String {
        switch phase {
        case .dns: return "DNS"
        case .connect: return "connect"
        case .proxy: return "proxy CONNECT"
        case .tls: return "TLS"
        case .firstByte: return "first byte"
        case .body: return "body"
        }
    }

    private static func phasesEnd(_ request: RequestTrace) -> Int {
        request.phases.map { $0.startMS + $0.durationMS }.max() ?? 0
    }

    private static func percent(_ value: Int, of whole: Int) -> Double {
        min(100, max(0, Double(value) / Double(max(whole, 1)) * 100))
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
