extension EvidenceSummary {
    /// The evidence this summary shows, as the classifier reads it: the markers become signals
    /// again, the transport phase and kind a failure.
    ///
    /// A diagnosis read back from JSON (a saved `check` report, say) and classified again through
    /// this evidence gives the cause it was given.
    public var evidence: Evidence {
        var evidence = Evidence(
            form: .json, status: status, provider: provider,
            error: APIErrorFields(message: message, type: errorType, code: errorCode, param: errorParam),
            requestID: requestID, cfRay: cfRay, client: client, signals: markers.compactMap(Signal.init(marker:)))
        if let phase = transportPhase.flatMap(TransportFailure.Phase.init(rawValue:)),
            let kind = transportError.flatMap(TransportFailure.Kind.init(rawValue:))
        {
            let viaProxy = evidence.proxyConnectStatus != nil || provider == .proxy
            evidence.transport = TransportFailure(
                phase: phase, kind: kind, host: host, address: address, viaProxy: viaProxy)
        }
        if let requestID { evidence.headers.append(name: "x-request-id", value: requestID) }
        evidence.notes = notes
        return evidence
    }
}
