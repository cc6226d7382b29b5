import DoctorCLI
import DoctorTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// Collects what reaches the sink behind the redacting layer.
private struct CollectingHandler: LogHandler {
    final class Store: Sendable { let lines = Mutex<[String]>([]) }
    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        store.lines.withLock {
            $0.append("\(event.level) \(event.message) \(fields) \(event.error.map { "\($0)" } ?? "")")
        }
    }
}

@Suite("the CLI's redacting log handler")
struct RedactingLogHandlerTests {
    @Test("a key in the message, in metadata (flat, nested, handler-level) or in an error never reaches the sink")
    func redacts() throws {
        let key = TestKey.project()
        let store = CollectingHandler.Store()
        var logger = Logger(label: "test") { _ in
            RedactingLogHandler(wrapping: CollectingHandler(store: store), level: .trace)
        }
        logger[metadataKey: "doctor.session"] = "Bearer \(key)"
        struct Failure: Error, CustomStringConvertible {
            let key: String
            var description: String { "rejected \(key)" }
        }
        logger.trace(
            "sending with \(key)",
            metadata: [
                "doctor.authorization": "Bearer \(key)", "doctor.list": [.string(key)],
                "doctor.map": ["inner": .string("x \(key) y")],
                "doctor.attempt": "2",
            ])
        logger.error("failed", error: Failure(key: key))
        let lines = store.lines.withLock { $0 }
        #expect(lines.count == 2)
        let all = lines.joined(separator: "\n")
        #expect(!all.contains(key))
        #expect(!all.contains(String(key.suffix(30))))
        #expect(all.contains("doctor.attempt=2"))
        #expect(all.contains(String(key.suffix(4))), "the fingerprint's last four remain, so lines stay traceable")
    }

    @Test("the level is honoured and read from OPENAI_DOCTOR_LOG_LEVEL, warning by default")
    func level() {
        #expect(CLILogging.level(environment: [:]) == .warning)
        #expect(CLILogging.level(environment: ["OPENAI_DOCTOR_LOG_LEVEL": "TRACE"]) == .trace)
        #expect(CLILogging.level(environment: ["OPENAI_DOCTOR_LOG_LEVEL": "loud"]) == .warning)
        let store = CollectingHandler.Store()
        let logger = Logger(label: "test") { _ in
            RedactingLogHandler(wrapping: CollectingHandler(store: store), level: .info)
        }
        logger.debug("hidden")
        logger.info("shown")
        #expect(store.lines.withLock { $0.count } == 1)
    }
}
