import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Testing

@Suite("check: failures below HTTP")
struct CheckTransportFaultTests {
    @Test("a name that does not resolve: network.dns, and the rest skipped or failing honestly")
    func dns() async throws {
        let key = TestKey.project()
        let report = await CheckSupport.run(
            baseURL: "https://\(MockServer.unresolvableHost)/v1", environment: ["OPENAI_API_KEY": key],
            timeout: .seconds(5), statusURL: "https://\(MockServer.unresolvableHost)")
        #expect(report.diagnosis?.cause == .networkDNS)
        #expect(report.check("network.dns")?.status == .fail)
        #expect(report.check("service.status")?.status == .skip)
        let failure = report.check("api.models")?.evidence.requests.first?.failure
        #expect(failure?.phase == .dns)
    }

    @Test("a refused port: network.connect, with the attempt recorded")
    func refused() async throws {
        let port = try MockServer.refusingPort()
        let report = await CheckSupport.run(
            baseURL: "http://127.0.0.1:\(port)/v1", environment: ["OPENAI_API_KEY": TestKey.project()])
        #expect(report.diagnosis?.cause == .networkConnect)
        let attempt = report.check("api.models")?.evidence.requests.first?.connects.first
        #expect(attempt?.error == "refused")
    }

    @Test("a reset before any answer: network.connect")
    func reset() async throws {
        var configuration = MockConfiguration()
        configuration.faults = [FaultRule(.reset)]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()])
            #expect(report.diagnosis?.cause == .networkConnect)
        }
    }

    @Test("a black hole: network.timeout, and the run ends within its bound")
    func blackHole() async throws {
        var configuration = MockConfiguration()
        configuration.faults = [FaultRule(.blackhole)]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                timeout: .seconds(2))
            #expect(report.diagnosis?.cause == .networkTimeout)
            // Measured by the run itself, on its own threads: every request ended by the bound (plus
            // scheduling slack, since this suite runs dozens of checks at once on two cores; the
            // binary's bound without that load is shown by `check --timeout 2` in the README).
            let ends = report.checks.flatMap(\.evidence.requests).map { $0.startMS + $0.totalMS }
            #expect(!ends.isEmpty)
            #expect(ends.allSatisfy { $0 <= 3_000 }, "request ends (ms): \(ends)")
        }
    }

    @Test("a CA the client does not trust: tls.intercepted, with the chain recorded")
    func untrustedCA() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                transport: TransportSettings(useSystemTrustStore: true))
            #expect(report.diagnosis?.cause == .tlsIntercepted, "\(report.checks.map { "\($0.id): \($0.summary)" })")
            let tls = report.check("api.models")?.evidence.requests.first?.tls
            #expect(tls?.trusted == false)
            #expect((tls?.chain.count ?? 0) >= 1)
            // The key never went into the untrusted connection.
            #expect(!server.journal.entries().contains { $0.path == "/v1/models" })
        }
    }

    @Test("the same CA given with --cacert: trusted, and the API answers")
    func cacert() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        configuration.acceptedKeys = [key]
        try await withMockServer(configuration) { server in
            let pem = try #require(server.certificates?.caCertificatePEM)
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key],
                transport: TransportSettings(extraCAPEM: [pem]))
            #expect(report.check("api.models")?.status == .pass, "\(report.check("api.models")?.summary ?? "")")
            let tls = report.check("api.models")?.evidence.requests.first?.tls
            #expect(tls?.trusted == true)
            #expect(tls?.version == "TLSv1.3" || tls?.version == "TLSv1.2")
        }
    }

    @Test("a CA named like an inspection product: tls.intercepted naming the product")
    func interceptingCA() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .intercepting
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()])
            #expect(report.diagnosis?.cause == .tlsIntercepted)
            #expect(report.diagnosis?.evidence.markers.contains("tls:product=Zscaler") == true)
        }
    }

    @Test("a proxy URL on a closed port: proxy.misconfigured")
    func closedProxyPort() async throws {
        let port = try MockServer.refusingPort()
        try await withMockServer { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1",
                environment: ["OPENAI_API_KEY": TestKey.project(), "http_proxy": "http://127.0.0.1:\(port)"])
            #expect(report.target.proxy == "http://127.0.0.1:\(port)")
            #expect(report.diagnosis?.cause == .proxyMisconfigured)
        }
    }

    @Test("an endless body is cut at the cap")
    func bodyCap() async throws {
        try await withMockServer { server in
            let transport = ProbeTransport(settings: TransportSettings(maxBodyBytes: 512))
            let exchange = await transport.send(
                ProbeRequest(
                    label: "models", url: try #require(EndpointURL(server.baseURL + "/v1/models")),
                    headers: ["Authorization": "Bearer " + TestKey.project()]),
                deadline: .now + .seconds(3), runStart: .now)
            #expect(exchange.trace.truncated)
            #expect(exchange.body.utf8.count <= 512)
        }
    }

    @Test("headers past the cap end the read: the answer is marked truncated or refused, never read whole")
    func headerCap() async throws {
        try await withMockServer { server in
            // The mock's /v1/models answer carries well over 256 bytes of headers (request id,
            // openai-*, x-ratelimit-*, cf-ray…), so a 256-byte cap must cut it.
            let transport = ProbeTransport(settings: TransportSettings(maxHeaderBytes: 256))
            let exchange = await transport.send(
                ProbeRequest(
                    label: "models", url: try #require(EndpointURL(server.baseURL + "/v1/models")),
                    headers: ["Authorization": "Bearer " + TestKey.project()]),
                deadline: .now + .seconds(3), runStart: .now)
            #expect(exchange.trace.truncated || exchange.failure != nil, "\(exchange.headers.count) headers read")
            #expect(exchange.body.isEmpty || exchange.trace.truncated)
            // The same request with the default cap reads the whole answer.
            let whole = await ProbeTransport(settings: TransportSettings()).send(
                ProbeRequest(
                    label: "models", url: try #require(EndpointURL(server.baseURL + "/v1/models")),
                    headers: ["Authorization": "Bearer " + TestKey.project()]),
                deadline: .now + .seconds(3), runStart: .now)
            #expect(whole.status == 200)
            #expect(!whole.trace.truncated)
        }
    }
}
