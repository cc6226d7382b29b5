/// What to capture next when the evidence does not tell, said for the input at hand: the
/// body an SDK hid, the status a log left out, the full exception a truncated log cut.
///
/// An honest `unknown` is only useful with the next step; these are that step, most
/// specific first.
enum UnknownAdvice {
    /// The next captures for this input, most specific first.
    static func next(for facts: Facts) -> [String] {
        var steps: [String] = []
        // In the message or around it: the client's decoding error stands beside the body it failed on.
        if DecodingRules.shown(in: facts) {
            steps.append(
                "The client failed to decode the server's answer, so the real error was hidden: log the raw response body and status before decoding (for URLSession, print `String(data: data, encoding: .utf8)` and `(response as? HTTPURLResponse)?.statusCode`), then run `openai-doctor explain` on them."
            )
        }
        if let status = facts.status, !facts.hasMessage, facts.evidence.body?.isEmpty ?? true {
            steps.append(
                "Status \(status) arrived without its body: capture the response body and headers (SDK debug logging, e.g. `OPENAI_LOG=debug`, or `curl -i` with the same key and URL) — the body's `code` names the cause."
            )
        } else if facts.status == nil, facts.evidence.transport == nil, !facts.hasMessage {
            steps.append(
                "No HTTP status or error body is in the input: paste the complete error, from the status line or exception name to its end, or the output of `curl -v` for the same request."
            )
        }
        if facts.evidence.transport != nil {
            steps.append(
                "The connection failed without naming why: run `openai-doctor check` from the same machine and network to test DNS, TCP, proxy and TLS one by one."
            )
        }
        steps.append("Or run `openai-doctor check` to test the key, network path, region and service status live.")
        return steps
    }
}
