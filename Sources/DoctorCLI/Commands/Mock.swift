import ArgumentParser
@preconcurrency import Dispatch
import DoctorCore
import DoctorMock
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RootCommand {
    /// `openai-doctor mock`: a local OpenAI-compatible server that answers — and fails — like the real API.
    public struct Mock: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "mock",
            abstract: "Run a local OpenAI-compatible server that fails like the real one, for every cause.",
            discussion: """
                Prints "listening on http://HOST:PORT" as its first line, then serves until SIGINT or SIGTERM.
                A scenario is a cause id (with an optional @variant such as @2023), ok, or a sequence such as
                "rate_limit.exceeded*2,ok". Faults: KIND[:PROBABILITY][@/ROUTE] with KIND one of
                \(TransportFault.allCases.map { $0.rawValue }.joined(separator: ", ")).
                Admin API under /__mock/ (scenario, reset, journal, faults, latency, trace, incident).
                """
        )

        /// The address to bind.
        @Option(help: "The address to bind (loopback by default).")
        var host = "127.0.0.1"

        /// The port to bind.
        @Option(help: "The port to bind; 0 picks a free one.")
        var port = 0

        /// What to serve.
        @Option(help: "What to serve: ok, a cause id, CAUSE@VARIANT, or a sequence like \"rate_limit.exceeded*2,ok\".")
        var scenario: ScenarioPlan = .ok

        /// Serve HTTPS.
        @Flag(help: "Serve HTTPS with a certificate generated at start from a local CA.")
        var tls = false

        /// Serve HTTPS from a CA named like a TLS-inspection product.
        @Flag(help: "Serve HTTPS from a CA named \"Zscaler Root CA\" (implies --tls), to test interception detection.")
        var intercepting = false

        /// Where to write the CA's PEM.
        @Option(name: .customLong("ca-out"), help: "Write the generating CA certificate (PEM) to this file.")
        var caOut: String?

        /// Fault rules.
        @Option(name: .customLong("fault"), help: "Inject a transport fault: KIND[:PROBABILITY][@/ROUTE] (repeatable).")
        var faults: [FaultRule] = []

        /// Latency rules.
        @Option(
            name: .customLong("latency"),
            help: "Add latency: \(LatencyRule.syntax) (repeatable)."
        )
        var latency: [LatencyRule] = []

        /// The generator's seed.
        @Option(help: "Seed of the generator behind fault draws and latencies.")
        var seed: UInt64?

        /// Environment variables holding the accepted keys.
        @Option(
            name: .customLong("accept-key-env"),
            help:
                "Accept only the key in this environment variable (repeatable); without it any bearer key is accepted.")
        var acceptKeyEnv: [String] = []

        /// The organization the keys belong to.
        @Option(
            name: .customLong("org"),
            help: "The keys' organization: an OpenAI-Organization header naming another gets the real 401.")
        var organization: String?

        /// The project the keys belong to.
        @Option(help: "The keys' project: an OpenAI-Project header naming another gets the real 401.")
        var project: String?

        /// The country `/cdn-cgi/trace` reports.
        @Option(name: .customLong("trace-loc"), help: "The loc= that /cdn-cgi/trace reports.")
        var traceLoc = "US"

        /// The journal's size.
        @Option(name: .customLong("journal-capacity"), help: "How many requests the journal keeps.")
        var journalCapacity = 10_000

        /// Event-loop threads.
        @Option(help: "Event-loop threads (default: one per core).")
        var threads: Int?

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Rejects values the server cannot use.
        public func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard journalCapacity >= 1 else { throw ValidationError("--journal-capacity must be at least 1") }
            if caOut != nil, !(tls || intercepting) { throw ValidationError("--ca-out needs --tls or --intercepting") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        /// Serves until SIGINT or SIGTERM.
        public func run() async throws {
            var configuration = MockConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.plan = scenario
            configuration.tls = intercepting ? .intercepting : (tls ? .localCA : nil)
            configuration.caCertificatePath = caOut
            configuration.faults = faults
            configuration.latency = latency
            if let seed { configuration.seed = seed }
            let environment = ProcessEnvironment.current
            for name in acceptKeyEnv {
                guard let key = environment[name], !key.isEmpty else {
                    throw CLIError.mockNotStarted(reason: "--accept-key-env \(name): the variable is not set")
                }
                configuration.acceptedKeys.append(key)
            }
            configuration.organization = organization
            configuration.project = project
            configuration.trace.loc = traceLoc
            configuration.journalCapacity = journalCapacity
            configuration.threads = threads

            CLILogging.bootstrapOnce(environment: environment)
            let logger = Logger(label: "openai-doctor.mock")
            let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
            let server: MockServer
            do {
                server = try await MockServer.start(configuration)
            } catch let error as MockServerError {
                throw CLIError.mockNotStarted(reason: error.description)
            }
            // The first line of standard output is a contract: written unbuffered, at once.
            Terminal.out("listening on \(server.baseURL)\n")
            var notes = ["scenario \(scenario)"]
            if let issuer = server.certificates?.issuer { notes.append("certificate issued by \(issuer)") }
            if let caOut { notes.append("CA written to \(caOut)") }
            Terminal.err(
                "openai-doctor mock: " + notes.joined(separator: "; ") + "; admin API at \(server.baseURL)/__mock/\n")
            logger.info(
                "mock serving", metadata: ["doctor.address": "\(server.baseURL)", "doctor.scenario": "\(scenario)"])
            let signal = await stop.wait()
            Terminal.err("openai-doctor mock: signal \(signal), stopping\n")
            for entry in server.journal.entries() {
                // Keys are journalled as fingerprints only; the handler redacts anything else.
                logger.debug(
                    "request served",
                    metadata: [
                        "doctor.path": "\(entry.path)", "doctor.status": "\(entry.status.map(String.init) ?? "-")",
                    ])
            }
            try await server.stop()
        }
    }
}

extension ScenarioPlan: ExpressibleByArgument {
    /// Parses the command-line form.
    public init?(argument: String) {
        self.init(argument)
    }

    /// The scenario ids listed in help and in the error for an unknown one.
    public static var allValueStrings: [String] { ["ok"] + ScenarioCatalog.causes.map { $0.rawValue } }
}

extension FaultRule: ExpressibleByArgument {
    /// Parses `KIND[:PROBABILITY][@/ROUTE]`.
    public init?(argument: String) {
        self.init(argument)
    }
}

extension LatencyRule: ExpressibleByArgument {
    /// Parses `DISTRIBUTION[@/ROUTE]`.
    public init?(argument: String) {
        self.init(argument)
    }
}

/// Waits for the first of some signals, which no longer end the process by themselves.
final class SignalWaiter {
    private let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    func wait() async -> Int32 {
        for await number in stream { return number }
        return 0
    }
}
