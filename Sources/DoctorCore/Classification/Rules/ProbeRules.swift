/// Causes that a live check's side probes show, read from the signals they hand over: where
/// the API's name led, the egress country, what the configuration holds. `check` decides these
/// with the same classifier as `explain`, so a saved report explained later gives the same answer.
enum ProbeRules {
    /// The rules, in precedence order.
    static let rules: [Rule] = [
        // The Realtime handshake: what an upgrade shows that no HTTP answer does.
        Rule("probe.websocket-upgrade", .transport, [.networkTimeout, .proxyBlocked, .unknown]) { facts in
            let failures = facts.evidence.signals.compactMap { signal -> (WebSocketUpgradeFailure, Bool)? in
                if case .webSocketUpgrade(let failure, let viaProxy) = signal { (failure, viaProxy) } else { nil }
            }
            guard let (failure, viaProxy) = failures.first else { return nil }
            let reason =
                facts.evidence.notes.last
                ?? "the WebSocket upgrade failed: \(failure.rawValue.replacing("_", with: " "))"
            switch failure {
            case .no101: return verdict(.networkTimeout, .medium, reason)
            case .noFirstEvent: return verdict(.networkTimeout, viaProxy ? .low : .medium, reason)
            case .upgradeHeaderMissing, .acceptMismatch:
                return verdict(.proxyBlocked, viaProxy ? .medium : .low, reason)
            case .upgradeStripped: return verdict(.proxyBlocked, viaProxy ? .high : .low, reason)
            case .closedAfter101: return .unknown(reason)
            }
        },
        Rule("probe.dns-outside-ranges", .transport, [.networkDNSPoisoned]) { facts in
            let outside = facts.evidence.signals.compactMap { signal -> String? in
                if case .dnsOutsideProviderRanges(let address) = signal { address } else { nil }
            }
            guard !outside.isEmpty, facts.status == nil else { return nil }
            // Only local addresses: a hosts-file entry or a blocking resolver, less sure than a foreign address.
            let local = outside.allSatisfy { IPAddress($0)?.isPrivateOrLocal ?? false }
            return verdict(
                .networkDNSPoisoned, local ? .medium : .high,
                facts.evidence.notes.first
                    ?? "the API's name resolved to \(outside.joined(separator: ", ")), outside the Cloudflare ranges it is served from (data as of \(CloudflareRanges.asOf))"
            )
        },
        Rule("probe.trace-country", .fallback, [.regionUnsupported]) { facts in
            let countries = facts.evidence.signals.compactMap { signal -> String? in
                if case .traceCountryUnsupported(let country) = signal { country } else { nil }
            }
            guard let country = countries.first else { return nil }
            let name = SupportedCountries.name(of: country).map { "\(country) (\($0))" } ?? country
            // A side check: weaker than any answer of the API's, weakest for a country merely not listed.
            let known = countries.contains { SupportedCountries.status(of: $0) == .knownUnsupported }
            return verdict(
                .regionUnsupported, known ? .medium : .low,
                facts.evidence.notes.first
                    ?? "the API host's trace says traffic leaves from \(name), which OpenAI does not list as supported")
        },
        Rule("probe.config", .fallback, Set(CauseID.allCases)) { facts in
            let findings = facts.evidence.signals.compactMap { signal -> CauseID? in
                if case .configFinding(_, let cause) = signal { cause } else { nil }
            }
            guard let cause = findings.first else { return nil }
            return verdict(cause, .high, facts.evidence.notes.first ?? "local inspection of the configuration")
        },
    ]
}
