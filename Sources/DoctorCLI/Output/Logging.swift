import DoctorCore
import Logging
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The CLI's logging: swift-log to standard error, every message and metadata value passed
/// through ``DoctorCore/Redactor`` first, bootstrapped once per process.
///
/// Libraries only accept a `Logger`; this is the one place that calls `LoggingSystem.bootstrap`.
/// The level comes from `OPENAI_DOCTOR_LOG_LEVEL` (`trace` … `critical`), `warning` by default.
///
/// ```swift
/// CLILogging.bootstrapOnce(environment: ProcessInfo.processInfo.environment)
/// let logger = Logger(label: "openai-doctor.verify")
/// ```
public enum CLILogging {
    /// The environment variable that sets the level.
    public static let levelVariable = "OPENAI_DOCTOR_LOG_LEVEL"

    private static let bootstrapped = Mutex(false)

    /// The level named by `OPENAI_DOCTOR_LOG_LEVEL`, or `warning`.
    public static func level(environment: [String: String]) -> Logger.Level {
        environment[levelVariable].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
    }

    /// Bootstraps swift-log to standard error with redaction, the first time only.
    ///
    /// - Parameters:
    ///   - environment: Where `OPENAI_DOCTOR_LOG_LEVEL` is read.
    ///   - level: Overrides the environment's level (e.g. from a `--verbose` flag).
    public static func bootstrapOnce(environment: [String: String], level: Logger.Level? = nil) {
        let chosen = level ?? Self.level(environment: environment)
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var inner = StreamLogHandler.standardError(label: label)
            inner.logLevel = .trace
            return RedactingLogHandler(wrapping: inner, level: chosen)
        }
    }
}

/// A log handler that redacts secrets from the message, the metadata values and any error
/// before handing the event to another handler.
///
/// Redaction is by content (``DoctorCore/Redactor`` finds keys, bearer tokens, passwords in
/// URLs, cookie and authorization values), so a secret that slipped into a message is caught
/// too, not only values under known metadata keys.
public struct RedactingLogHandler<Inner: LogHandler>: LogHandler {
    private var inner: Inner
    /// The handler-level metadata (kept here so it is redacted with the rest).
    public var metadata: Logger.Metadata = [:]
    /// The provider of contextual metadata, if any.
    public var metadataProvider: Logger.MetadataProvider?
    /// The lowest level logged.
    public var logLevel: Logger.Level

    /// Wraps `inner`, logging from `level` up.
    public init(wrapping inner: Inner, level: Logger.Level) {
        self.inner = inner
        self.logLevel = level
    }

    /// Gets or sets one handler-level metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Redacts the event and forwards it.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var redactedEvent = event
        if let error = event.error {
            merged["error"] = .string("\(error)")
            redactedEvent.error = nil
        }
        redactedEvent.message = "\(Redactor.redact(event.message.description))"
        redactedEvent.metadata = merged.mapValues(Self.redact)
        inner.log(event: redactedEvent)
    }

    /// Redacts one metadata value, recursively.
    static func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): return .string(Redactor.redact(text))
        case .stringConvertible(let convertible): return .string(Redactor.redact(convertible.description))
        case .array(let values): return .array(values.map(redact))
        case .dictionary(let values): return .dictionary(values.mapValues(redact))
        }
    }
}
