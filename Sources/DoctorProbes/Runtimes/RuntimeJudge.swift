import DoctorCore

/// Judges each runtime's outcome with the one classifier `check` and `explain` use, and names
/// every setting that makes the runtime take another path than `check`, with the fix for that
/// runtime and version: a proxy ignored or applied otherwise, a trust store without the issuer
/// of the chain `check` saw, another address family.
///
/// ```swift
/// let results = RuntimeJudge.judge(runs, report: report, context: .init(proxy: selection, caFile: "ca.pem"))
/// results[0].agrees        // false
/// results[0].differences   // [{what: "…certifi…", fix: "export SSL_CERT_FILE=…"}]
/// ```
enum RuntimeJudge {
    /// What the judge knows of `check`'s own path beyond the report.
    struct Context: Sendable {
        /// The proxy `check` chose under curl's rules, and why.
        var proxy: ProxySelection
        /// The file given to `--cacert`, named in trust fixes.
        var caFile: String?
        /// The `NO_PROXY` (or `no_proxy`) value the runtimes see, when set.
        var noProxy: String?
    }

    /// Judges every run against the report of `check`'s own path.
    static func judge(_ runs: [RuntimeRun], report: CheckReport, context: Context) -> [RuntimeResult] {
        runs.map { run in
            switch run {
            case .skipped(let kind, let reason): return .skipped(kind.rawValue, reason)
            case .observed(let observation): return judge(observation, report: report, context: context)
            }
        }
    }

    /// The classifier's cause for one observation: `ok` for a 2xx answer.
    static func diagnosis(of observation: RuntimeObservation) -> Diagnosis? {
        if let status = observation.status {
            if (200..<300).contains(status) { return nil }
            var headers = HeaderFields()
            if let id = observation.requestID { headers.append(name: "x-request-id", value: id) }
            return Diagnoser.diagnose(
                EvidenceExtractor.evidence(status: status, headers: headers, body: observation.body ?? ""))
        }
        let text = observation.errors.map { entry in
            "\(entry.type): \(entry.message)" + (entry.code.map { " (\($0))" } ?? "")
        }.joined(separator: "\n")
        var evidence = EvidenceExtractor.extract(from: text.isEmpty ? "no answer" : text)[0]
        // The runtime said which proxy it chose: a connection that failed went to that proxy, which
        // its own message does not say ("[Errno 111] Connection refused").
        if let proxy = observation.proxy.flatMap(proxyURL), var failure = evidence.transport,
            failure.phase == .connect || failure.phase == .unknown
        {
            failure.viaProxy = true
            failure.address = proxy.host
            failure.port = proxy.port
            evidence.transport = failure
        }
        return Diagnoser.diagnose(evidence)
    }

    static func judge(_ observation: RuntimeObservation, report: CheckReport, context: Context) -> RuntimeResult {
        let diagnosis = diagnosis(of: observation)
        let cause = diagnosis?.cause.rawValue ?? "ok"
        let checkCause = report.diagnosis?.cause.rawValue ?? "ok"
        var error: String?
        if let status = observation.status, !(200..<300).contains(status) {
            var text = (observation.body ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
            if text.count > 300 { text = String(text.prefix(300)) + "…" }
            if let id = observation.requestID { text += (text.isEmpty ? "" : " ") + "(request id \(id))" }
            error = text.isEmpty ? nil : text
        } else if observation.status == nil {
            error = observation.errors.map { "\($0.type): \($0.message)" }.joined(separator: " ← ")
            if error?.isEmpty ?? true { error = "no answer and no error reported" }
        }
        var result = RuntimeResult(
            runtime: observation.runtime, version: observation.version, client: observation.client,
            proxy: observation.proxy, trust: observation.trust, address: observation.address,
            outcome: RuntimeOutcome(status: observation.status, error: error), trace: trace(of: observation.trace),
            cause: cause, agrees: cause == checkCause, skippedClients: observation.skipped)
        result.differences = differences(
            observation, cause: cause, diagnosis: diagnosis, checkCause: checkCause, report: report, context: context)
        if let difference = sdkDifference(observation) { result.differences.append(difference) }
        return result
    }

    /// The trace request's answer read as `egress.trace` reads check's own (``CloudflareTrace``), or why
    /// there is none; `nil` when the probe made none.
    static func trace(of entry: RuntimeObservation.TraceEntry?) -> RuntimeTrace? {
        guard let entry else { return nil }
        if let status = entry.status {
            if status == 200, let parsed = CloudflareTrace.parse(entry.body ?? "") {
                return RuntimeTrace(
                    status: status, ip: parsed.ip, family: parsed.ip.map { $0.contains(":") ? "IPv6" : "IPv4" },
                    loc: parsed.loc, colo: parsed.colo)
            }
            return RuntimeTrace(status: status, error: "no Cloudflare trace (status \(status))")
        }
        var error = entry.errors.map { "\($0.type): \($0.message)" }.joined(separator: " ← ")
        if error.isEmpty { error = "no answer and no error reported" }
        if error.count > 300 { error = String(error.prefix(300)) + "…" }
        return RuntimeTrace(status: nil, error: error)
    }

    // MARK: SDK versions

    /// The first release of each runtime's `openai` SDK with the client interface `check`'s request is
    /// made with (`OpenAI(...)`, then `client.models.list()`), and the fix for an older one.
    ///
    /// - Python, 1.0.0: openai-python's v1 rewrite replaced the module-level v0 calls
    ///   (`openai.Model.list()`) with an instantiated client (migration guide,
    ///   github.com/openai/openai-python/discussions/742: "Switch to explicit client instantiation");
    ///   its CHANGELOG.md starts after v1.0.0, and 1.2.0 (2023-11-08) added "show a helpful error
    ///   message if the v0 API is used (#743)". A 0.x release has no `openai.OpenAI`.
    /// - Node, 4.0.0: openai-node's v4.0.0 release notes: "Version 4 is a complete rewrite of the SDK",
    ///   with the v3 to v4 migration guide (`Configuration` and `OpenAIApi` gave way to `new OpenAI()`).
    static let sdkMinimums: [String: (version: [Int], fix: String)] = [
        "python": (
            [1, 0, 0],
            #"pip install -U "openai>=1" (then `openai migrate` rewrites v0 calls such as "#
                + #"openai.ChatCompletion.create to the client interface)"#
        ),
        "node": ([4, 0, 0], "npm install openai@latest (v4 and later: `import OpenAI from 'openai'; new OpenAI()`)"),
    ]

    /// A difference when the runtime's `openai` SDK is older than the first release with the client
    /// interface (``sdkMinimums``): the app fails where `check` and this probe do not.
    static func sdkDifference(_ observation: RuntimeObservation) -> RuntimeDifference? {
        guard let sdk = observation.sdk, sdk.name == "openai", let version = sdk.version,
            let minimum = sdkMinimums[observation.runtime]
        else { return nil }
        let numbers = versionNumbers(version)
        guard !numbers.isEmpty, (numbers + [0, 0, 0]).prefix(3).lexicographicallyPrecedes(minimum.version) else {
            return nil
        }
        let name =
            observation.runtime == "python" ? "Python" : observation.runtime == "node" ? "Node" : observation.runtime
        let required = minimum.version.map(String.init).joined(separator: ".")
        var what =
            "\(name)'s openai \(version) is older than \(required), the first release with the `OpenAI` client: "
            + "an app written for openai \(required) or later fails with it"
        if let skip = observation.skipped.first(where: { $0.client.hasPrefix("openai") }) {
            what += " (\(skip.reason))"
        }
        if let client = observation.client { what += "; this probe went on with \(client)" }
        return RuntimeDifference(what: what, fix: minimum.fix)
    }

    // MARK: Differences

    static func differences(
        _ observation: RuntimeObservation, cause: String, diagnosis: Diagnosis?, checkCause: String,
        report: CheckReport, context: Context
    ) -> [RuntimeDifference] {
        var found: [RuntimeDifference] = []
        if let difference = proxyDifference(observation, context: context) { found.append(difference) }
        if cause == CauseID.tlsIntercepted.rawValue, checkCause != cause {
            found.append(trustDifference(observation, report: report, context: context))
        }
        if cause != checkCause, let difference = familyDifference(observation, report: report) {
            found.append(difference)
        }
        if found.isEmpty, cause != checkCause {
            let name = displayName(observation)
            let outcome = cause == "ok" ? "succeeds" : "fails with \(cause)"
            found.append(
                RuntimeDifference(
                    what: "\(name) \(outcome) where check's own path sees \(checkCause)",
                    fix: diagnosis?.fixes.first ?? "Compare this runtime's settings with check's: see its outcome."))
        }
        return found
    }

    /// The runtime's name and client for sentences (`Python with openai 3.63.0 (httpx2 2.17.0)`).
    static func displayName(_ observation: RuntimeObservation) -> String {
        let name: String =
            switch observation.runtime {
            case "python": "Python"
            case "node": "Node"
            case "java": "Java"
            default: observation.runtime
            }
        return observation.client.map { "\(name) with \($0)" } ?? name
    }

    /// `host:port` of a proxy as written by a runtime (`http://127.0.0.1:3128`, `127.0.0.1:3128 (…)`).
    static func proxyAuthority(_ text: String?) -> String? {
        proxyURL(text).map { "\($0.host.lowercased()):\($0.port)" }
    }

    /// The proxy a runtime wrote, parsed (`nil` for `none`).
    static func proxyURL(_ text: String?) -> EndpointURL? {
        guard let text, text != "none", !text.hasPrefix("unknown") else { return nil }
        return ProxySelection.parseProxy(String(text.prefix { $0 != " " }))
    }

    /// The proxy variable `check` took its proxy from (`HTTPS_PROXY`), for sentences.
    static func variable(_ selection: ProxySelection) -> String {
        selection.source.hasPrefix("env ") ? String(selection.source.dropFirst(4)) : selection.source
    }

    static func proxyDifference(_ observation: RuntimeObservation, context: Context) -> RuntimeDifference? {
        guard observation.proxy != nil, !(observation.proxy?.hasPrefix("unknown") ?? false) else { return nil }
        let selection = context.proxy
        let checkProxy = selection.proxy.map { "\($0.host.lowercased()):\($0.port)" }
        let runtimeProxy = proxyAuthority(observation.proxy)
        guard checkProxy != runtimeProxy else { return nil }
        let name = displayName(observation)
        let major = majorVersion(observation.version)
        if let shown = selection.proxy?.redacted, runtimeProxy == nil {
            let variable = variable(selection)
            let what =
                "\(name) connects directly: it does not apply \(variable) (\(shown)), which check goes through under curl's rules"
            switch observation.runtime {
            case "node":
                let minor = minorVersion(observation.version)
                let honours = major >= 24 || (major == 22 && minor >= 21)
                let fix =
                    honours
                    ? "Set NODE_USE_ENV_PROXY=1 (or run node --use-env-proxy): Node \(major) then sends fetch through "
                        + "\(variable) and honours NO_PROXY."
                    : "Node \(major)'s fetch never reads the proxy variables: install a proxy agent at start-up "
                        + "(`import { setGlobalDispatcher, EnvHttpProxyAgent } from 'undici'; "
                        + "setGlobalDispatcher(new EnvHttpProxyAgent())`), or move to Node 22.21+ or 24+ and set "
                        + "NODE_USE_ENV_PROXY=1."
                return RuntimeDifference(what: what, fix: fix)
            case "java":
                let host = selection.proxy?.host ?? "PROXY"
                let port = selection.proxy?.port ?? 3128
                return RuntimeDifference(
                    what: what + " (Java reads the proxy from system properties, never from the environment)",
                    fix:
                        "Start the JVM with -Dhttps.proxyHost=\(host) -Dhttps.proxyPort=\(port) (and -Dhttp.nonProxyHosts "
                        + "for exceptions), or build the client with "
                        + ".proxy(ProxySelector.of(new InetSocketAddress(\"\(host)\", \(port))))."
                )
            default:
                return RuntimeDifference(
                    what: what + " (a NO_PROXY entry matches the API host under its rules, not under curl's)",
                    fix: "Write NO_PROXY so every client reads it alike: comma-separated host names, .suffixes or "
                        + "addresses, no spaces, no CIDR block, no port.")
            }
        }
        if let runtimeProxy, checkProxy == nil {
            let why: String
            if let token = selection.bypassedBy {
                why =
                    "check and curl go direct because NO_PROXY entry '\(token)' matches the API host under curl's rules"
            } else {
                why = "check and curl find no proxy for the API host"
            }
            let list = context.noProxy.map(commaSeparated)
            let fix: String
            if selection.bypassedBy != nil {
                let reader = observation.runtime == "python" ? "Python (urllib, httpx)" : observation.runtime
                fix =
                    "Write NO_PROXY in the form \(reader) reads too: comma-separated, no spaces, one host name, .suffix or address per entry"
                    + (list.map { " (NO_PROXY=\($0))" } ?? "") + "."
            } else {
                fix =
                    "Unset the proxy variable this runtime reads and curl does not (uppercase HTTP_PROXY, ALL_PROXY), "
                    + "or add the API host to NO_PROXY."
            }
            return RuntimeDifference(
                what: "\(name) sends the API request through \(observation.proxy ?? runtimeProxy), while \(why)",
                fix: fix)
        }
        let checkShown = selection.proxy?.redacted ?? "none"
        return RuntimeDifference(
            what: "\(name) goes through \(observation.proxy ?? "another proxy"), check through \(checkShown)",
            fix:
                "Give both the same proxy: set https_proxy and HTTPS_PROXY to one value (curl reads the lowercase first)."
        )
    }

    /// A NO_PROXY value rewritten comma-separated without spaces (the form every client reads).
    static func commaSeparated(_ value: String) -> String {
        value.split { $0 == "," || $0 == " " || $0 == "\t" }.joined(separator: ",")
    }

    static func trustDifference(
        _ observation: RuntimeObservation, report: CheckReport, context: Context
    ) -> RuntimeDifference {
        let name = displayName(observation)
        let chain = report.checks.flatMap(\.evidence.requests).compactMap(\.tls).first { !$0.chain.isEmpty }?.chain
        let issuer = chain?.last?.issuer ?? chain?.first?.issuer
        let trust = observation.trust ?? "its default store"
        let what =
            "\(name) does not trust the chain the API host presents"
            + (issuer.map { " (issued by \($0))" } ?? "") + ": it trusts \(trust)"
            + (context.caFile != nil ? ", not the CA check was given with --cacert" : "")
        let ca = context.caFile ?? "/path/to/company-ca.pem"
        let fix: String
        switch observation.runtime {
        case "python":
            if trust.hasPrefix("certifi") {
                fix =
                    "certifi's bundle holds only public CAs: export SSL_CERT_FILE=\(ca) (a bundle holding that CA; "
                    + "httpx reads it), or pip install truststore and call truststore.inject_into_ssl() to use the "
                    + "system store with the CA installed there."
            } else {
                fix =
                    "Add the CA to the system store (copy it to /usr/local/share/ca-certificates/ as .crt and run "
                    + "update-ca-certificates), or export SSL_CERT_FILE=\(ca) (a bundle holding it)."
            }
        case "node":
            let major = majorVersion(observation.version)
            fix =
                "export NODE_EXTRA_CA_CERTS=\(ca) (read once at start-up)"
                + (major >= 23
                    ? ", or NODE_USE_SYSTEM_CA=1 / node --use-system-ca with the CA in the system store." : ".")
        case "java":
            fix =
                "Import the CA into the JVM's trust store: keytool -importcert -cacerts -alias company-ca -file \(ca) "
                + "(default password changeit), or start it with -Djavax.net.ssl.trustStore=STORE holding the CA."
        default:
            fix = "curl --cacert \(ca), or export CURL_CA_BUNDLE=\(ca), or add the CA to the system store."
        }
        return RuntimeDifference(what: what, fix: fix)
    }

    static func familyDifference(_ observation: RuntimeObservation, report: CheckReport) -> RuntimeDifference? {
        guard let address = observation.address else { return nil }
        let runtimeV6 = address.hasPrefix("[")
        let connects = report.checks.flatMap(\.evidence.requests).flatMap(\.connects).filter { $0.error == nil }
        guard let checkConnect = connects.first else { return nil }
        let checkV6 = checkConnect.address.contains(":")
        guard runtimeV6 != checkV6 else { return nil }
        return RuntimeDifference(
            what: "\(displayName(observation)) connected over \(runtimeV6 ? "IPv6" : "IPv4") (\(address)), "
                + "check over \(checkV6 ? "IPv6" : "IPv4") (\(checkConnect.address))",
            fix: "One address family fails where the other works: see isolation.family, and prefer the working one "
                + "(for example disable IPv6 for the API host, or fix its route).")
    }

    static func majorVersion(_ version: String?) -> Int {
        versionNumbers(version).first ?? 0
    }

    static func minorVersion(_ version: String?) -> Int {
        let numbers = versionNumbers(version)
        return numbers.count > 1 ? numbers[1] : 0
    }

    /// The numbers of the first dotted version in `version` (`Node v20.20.2` → [20, 20, 2]).
    static func versionNumbers(_ version: String?) -> [Int] {
        guard let version else { return [] }
        guard let start = version.firstIndex(where: \.isNumber) else { return [] }
        let dotted = version[start...].prefix { $0.isNumber || $0 == "." }
        return dotted.split(separator: ".").compactMap { Int($0) }
    }
}
