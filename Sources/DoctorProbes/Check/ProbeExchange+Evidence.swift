import DoctorCore

extension ProbeExchange {
    /// The evidence this exchange gives, in the one form the classifier reads.
    ///
    /// An answer from the target goes through ``EvidenceExtractor`` exactly as `explain` would
    /// read it; a proxy's refusal of CONNECT keeps the proxy's status, headers and page plus the
    /// `proxy:connect-status=` marker; anything else is the structured ``TransportFailure``, with
    /// TLS issuer markers (`tls:issuer=…`, `tls:product=…`) when a chain was presented.
    public func evidence() -> Evidence {
        var evidence: Evidence
        if let status {
            evidence = EvidenceExtractor.evidence(status: status, headers: headers, body: body, form: .probe)
            if isProxyAnswer {
                evidence.add(.proxyConnectStatus(status))
                evidence.transport = failure
                if evidence.provider == nil { evidence.provider = .proxy }
            }
        } else {
            evidence = Evidence(form: .probe, transport: failure)
        }
        if let tls = trace.tls, !tls.trusted, let leaf = tls.chain.first {
            evidence.add(.tlsIssuer(leaf.issuer))
            if let product = InterceptionMarkers.product(forChain: tls.chain) {
                evidence.add(.tlsInspectionProduct(product))
            }
        }
        evidence.request = "\(trace.method) \(pathOnly(trace.url))"
        return evidence
    }

    /// The diagnosis of this exchange (classifier + catalogue + redaction).
    public func diagnosis() -> Diagnosis { Diagnoser.diagnose(evidence()) }

    private func pathOnly(_ url: String) -> String {
        guard let parsed = EndpointURL(url) else { return url }
        return parsed.path.isEmpty ? "/" : parsed.path
    }
}
