import DoctorCore
import Logging

/// A whole verification, as `openai-doctor verify` runs it: the saved report's failures re-run,
/// the known-good request and the controlled failure (``VerifyRunner``), then the steps that
/// need what lives above this module (the retry-limit step: the retry client against a local
/// failing server, ``RetryLimitStep``), gathered into one ``VerifyReport``.
///
/// ```swift
/// let saved = try Verification.savedCheckReport(bytes)
/// let report = await Verification.run(options, saved: saved, from: "report.json", then: [retryLimit], logger: logger)
/// report.verdict   // .ok only when every step holds
/// ```
public enum Verification {
    /// A step run after the probes' own, by the caller that can run it.
    public typealias LaterStep = @Sendable () async -> VerifyStep

    /// The check report `--from` names, decoded from its bytes.
    ///
    /// - Throws: ``SavedReport/DecodingFailure`` when the bytes are no saved report, or a verify report.
    public static func savedCheckReport(_ bytes: [UInt8]) throws(SavedReport.DecodingFailure) -> CheckReport {
        switch try SavedReport.decode(bytes) {
        case .check(let report): return report
        case .verify: throw SavedReport.DecodingFailure(reason: "a verify report; --from takes a check report")
        }
    }

    /// Sixteen random hex digits, always sixteen: the controlled failure's request does not vary
    /// in size from run to run.
    public static func randomSuffix() -> String {
        let hex = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Runs every step and returns the report.
    ///
    /// - Parameters:
    ///   - options: The configuration and transport, resolved as `check` resolves them (held at
    ///     the saved report's target when there is one).
    ///   - saved: The saved check report whose failures are re-run, if any.
    ///   - from: Where the saved report was read (`verify --from`), as the report records it.
    ///   - randomSuffix: Makes the controlled failure's model id unique; ``randomSuffix()`` by default.
    ///   - laterSteps: Steps run after the probes' own, in order (the retry-limit step).
    ///   - logger: Where the start and each step's outcome are logged (ids and causes, never values).
    public static func run(
        _ options: CheckOptions, saved: CheckReport?, from: String?,
        randomSuffix: String = Verification.randomSuffix(),
        then laterSteps: [LaterStep] = [], logger: Logger
    ) async -> VerifyReport {
        logger.debug(
            "verify started",
            metadata: [
                "doctor.from": "\(from ?? "-")",
                "doctor.key": "\(options.configuration.key.map { _ in "present" } ?? "absent")",
            ])
        var result = await VerifyRunner.run(options, saved: saved, randomSuffix: randomSuffix)
        for step in laterSteps { result.steps.append(await step()) }
        for step in result.steps {
            logger.debug(
                "step",
                metadata: [
                    "doctor.step": "\(step.id)", "doctor.outcome": "\(step.outcome.rawValue)",
                    "doctor.cause": "\(step.observedCause?.rawValue ?? "-")",
                ])
        }
        return VerifyReport(
            tool: options.tool,
            startedAt: ISO8601Timestamp.format(
                secondsSince1970: options.startedAtSeconds, offsetSeconds: options.utcOffsetSeconds),
            timeZone: options.timeZone, from: from, target: result.target, inputsChanged: result.inputsChanged,
            steps: result.steps)
    }
}
