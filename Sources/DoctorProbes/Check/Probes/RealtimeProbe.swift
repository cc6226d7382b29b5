import DoctorCore

/// `api.realtime`: the Realtime API's WebSocket handshake, `GET {base_url}/realtime?model=…` with the upgrade
/// headers, through the same proxy and TLS path as every other probe (CONNECT, TLS, then the
/// HTTP/1.1 upgrade). It reads the 101 and the first server event (`session.created`) — or the
/// refusal's status and body — and closes. Nothing billable is sent: no `response.create`, no audio.
///
/// A refusal is classified like any HTTP answer. What only an upgrade can show is named as
/// such: a 101 that never comes, an `Upgrade` header lost on the way (the server asks for the
/// upgrade it did not see, or a 101 without `Upgrade: websocket`), and a proxy that answers the
/// upgrade itself (its own page, or a 101 whose accept value does not answer the key).
struct RealtimeProbe: Probe {
    let id = CheckID.realtime
    let title = "Realtime (WebSocket handshake)"
    let dependencies: [CheckID] = [.key, .dns]
    let role = ProbeRole.apiAnswer

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let endpoint = try context.requireEndpoint()
        guard let key = context.nonEmptyKey else { return .skipped(id, title: title, context.noKeyReason) }
        guard let model = context.options.realtimeModel?.configTrimmedForDisplay, !model.isEmpty else {
            return .skipped(id, title: title, "not run (--no-realtime)")
        }
        guard context.flavor != .azure else {
            return .skipped(
                id, title: title, "Azure's realtime API needs a realtime deployment and its own path: not probed")
        }
        let flavor = context.flavor
        let proxy = context.proxy
        let start = context.clock.now
        var url = endpoint.appending(path: "/realtime")
        url.query = "model=" + Self.queryEscaped(model)
        let path = context.endpointPathForDisplay(endpoint) + "/realtime"
        let exchange = await context.send(
            ProbeRequest(
                label: "GET \(path)?model=\(model) (WebSocket upgrade)", url: url, headers: context.authHeaders(key),
                proxy: proxy,
                upgradeToWebSocket: true))
        let duration = context.elapsedMS(since: start)
        var facts = ["model": model]
        if let stage = exchange.webSocket?.stage { facts["stage"] = stage.rawValue }
        if let upgrade = exchange.webSocket?.upgradeHeader { facts["upgrade_header"] = upgrade }
        let viaProxy = proxy.map { " through \($0.redacted)" } ?? ""

        func result(
            _ status: CheckStatus, _ summary: String, diagnosis: Diagnosis? = nil, weight: CheckOutcome.Weight = .api
        ) -> CheckOutcome {
            CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: status, durationMS: duration, summary: summary,
                    evidence: CheckEvidence(
                        cause: diagnosis?.cause, facts: facts, requests: [exchange.trace], answer: diagnosis?.evidence)),
                diagnosis: diagnosis, weight: weight)
        }
        /// A diagnosis of what the upgrade itself showed (the HTTP answer alone would not tell):
        /// the failure goes to the classifier as a signal, like every probe's evidence.
        func upgradeDiagnosis(_ failure: WebSocketUpgradeFailure, _ reason: String) -> Diagnosis {
            var evidence = exchange.evidence()
            evidence.add(.webSocketUpgrade(failure, viaProxy: proxy != nil))
            evidence.notes.append(reason)
            return Diagnoser.diagnose(evidence)
        }

        guard let handshake = exchange.webSocket else {
            // It failed before the upgrade was sent (DNS, connect, the proxy's CONNECT, TLS): as any probe.
            let diagnosis = exchange.diagnosis()
            return result(.fail, context.failureSummary(exchange, diagnosis), diagnosis: diagnosis)
        }
        switch handshake.stage {
        case .opened:
            if let ms = handshake.eventMS { facts["first_event_ms"] = String(ms) }
            if let type = handshake.firstEventType { facts["first_event"] = type }
            if handshake.firstEventType == "error" {
                // The server opened the socket and refused in its first event ({"type":"error","error":{…}}).
                var evidence = EvidenceExtractor.evidence(
                    status: nil, headers: exchange.headers, body: exchange.body, form: .probe)
                evidence.request = "GET \(path)"
                evidence.add(.realtimeErrorEvent)
                let diagnosis = Diagnoser.diagnose(evidence)
                return result(
                    .fail,
                    "101, then an error event: \(diagnosis.evidence.errorCode ?? diagnosis.evidence.message ?? "error"): \(diagnosis.cause.rawValue)",
                    diagnosis: diagnosis)
            }
            let event = handshake.firstEventType ?? "a non-JSON frame"
            let requestID = exchange.trace.requestID.map { ", request \($0)" } ?? ""
            return result(
                handshake.firstEventType == "session.created" ? .pass : .warn,
                "101 Switching Protocols, then \(event) after \(handshake.eventMS ?? 0) ms (\(model))\(requestID); closed, nothing billable sent"
            )
        case .openedWithoutEvent:
            if let code = handshake.closeCode {
                facts["close_code"] = String(code)
                let reason = handshake.firstEvent.map { " \"\($0.prefix(120))\"" } ?? ""
                let diagnosis = upgradeDiagnosis(
                    .closedAfter101, "the server switched to WebSocket (101), then closed at once with \(code)\(reason)"
                )
                return result(.fail, "101, then closed with \(code)\(reason) before any event", diagnosis: diagnosis)
            }
            let diagnosis = upgradeDiagnosis(
                .noFirstEvent,
                "the server switched to WebSocket (101) but no event (session.created) came before the deadline\(viaProxy): something holds the socket's frames"
            )
            return result(.fail, "101, but no session.created before the deadline\(viaProxy)", diagnosis: diagnosis)
        case .upgradeHeaderMissing:
            let diagnosis = upgradeDiagnosis(
                .upgradeHeaderMissing,
                "the answer was 101 but without Upgrade: websocket\(viaProxy): a proxy or middlebox rewrote the handshake"
            )
            return result(
                .fail, "101 without Upgrade: websocket\(viaProxy): the upgrade was mangled on the way",
                diagnosis: diagnosis)
        case .acceptMismatch:
            let diagnosis = upgradeDiagnosis(
                .acceptMismatch,
                "the 101's Sec-WebSocket-Accept does not answer the key sent: something other than the server answered the upgrade\(viaProxy)"
            )
            return result(
                .fail, "101 with a wrong Sec-WebSocket-Accept\(viaProxy): not the server's own answer",
                diagnosis: diagnosis)
        case .noAnswer:
            let diagnosis = upgradeDiagnosis(
                .no101, "the upgrade request was sent\(viaProxy) and no 101 (nor any answer) came before the deadline")
            return result(
                .fail, "no 101: the upgrade request got no answer before the deadline\(viaProxy)", diagnosis: diagnosis)
        case .refused:
            break
        }
        // An HTTP answer instead of the 101.
        let diagnosis = exchange.diagnosis()
        if exchange.isProxyAnswer {
            return result(
                .fail, "handshake refused: " + context.failureSummary(exchange, diagnosis), diagnosis: diagnosis)
        }
        if diagnosis.layer == .proxy {
            // The proxy's own page (Squid's 403…) in answer to the upgrade: it answered the upgrade itself.
            var named = diagnosis
            named.decidedBy.insert(
                "the proxy answered the WebSocket upgrade itself (\(exchange.status ?? 0)) instead of passing it on",
                at: 0)
            return result(
                .fail, "the proxy answered the upgrade itself: " + context.failureSummary(exchange, diagnosis),
                diagnosis: named)
        }
        if Self.upgradeWasNotSeen(exchange) {
            let reason =
                proxy != nil
                ? "the server answered \(exchange.status ?? 0) asking for the upgrade it did not see: the proxy\(viaProxy) removed the Upgrade header"
                : "the server answered \(exchange.status ?? 0) asking for the upgrade it did not see: something on the path removed the Upgrade header"
            let diagnosis = upgradeDiagnosis(.upgradeStripped, reason)
            return result(
                .fail, "Upgrade stripped\(viaProxy): the server saw a plain GET and answered \(exchange.status ?? 0)",
                diagnosis: diagnosis)
        }
        if exchange.status == 404, flavor == .compatible,
            diagnosis.cause == .endpointWrong || diagnosis.cause == .unknown
        {
            return result(
                .skip, "\(endpoint.host) serves no realtime endpoint (404): not probed further", weight: .side)
        }
        return result(.fail, "handshake refused: " + context.failureSummary(exchange, diagnosis), diagnosis: diagnosis)
    }

    /// Whether a non-101 answer says the server never saw an upgrade request: 426 Upgrade
    /// Required, or an error that asks for the WebSocket headers.
    static func upgradeWasNotSeen(_ exchange: ProbeExchange) -> Bool {
        guard exchange.answered, let status = exchange.status, status != 101 else { return false }
        if status == 426 { return true }
        let body = exchange.body.prefix(4096).lowercased()
        return (400...499).contains(status) && status != 401 && status != 403 && status != 429
            && (body.contains("upgrade: websocket") || body.contains("expected websocket")
                || body.contains("websocket upgrade"))
    }

    /// Percent-escapes a query value (unreserved characters kept).
    static func queryEscaped(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
