#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A wait the server asked for, read from its answer, with where it was found.
///
/// Sources, strongest first (the first one present wins):
/// 1. `retry-after-ms`: milliseconds, possibly fractional (OpenAI's own header).
/// 2. `retry-after`: delay-seconds, or an HTTP date (RFC 9110 §10.2.3) measured from `now`.
/// 3. The message's hint, "Please try again in 644ms" / "8.64s" / "1m30s" (real 429 wording;
///    the Responses API 429 in docs/errors-catalogue.md §4.1 carries no `retry-after` at all).
/// 4. `x-ratelimit-reset-requests` / `-tokens` (Go durations such as `120ms`, `24h6m34s`), only
///    for a bucket whose `x-ratelimit-remaining-*` is `0`; the longer of the exhausted ones.
///
/// Malformed or negative values are ignored, never guessed at.
public struct ServerWait: Sendable, Equatable {
    /// How long the server asked to wait (never negative: a date in the past is zero).
    public var duration: Duration
    /// Where the wait was read.
    public var basis: WaitBasis

    /// The longest wait ever read from an answer: a year. A larger stated value (a date in the
    /// year 999999999999, 25 digits of milliseconds) is read as this, never overflows; every retry
    /// policy's caps are far below it.
    public static let longest: Duration = .seconds(365 * 86_400)

    /// Creates a server wait.
    public init(duration: Duration, basis: WaitBasis) {
        self.duration = duration
        self.basis = basis
    }

    /// Reads the wait the answer asks for, if any.
    ///
    /// - Parameters:
    ///   - headers: The response headers.
    ///   - message: The error message (already redacted is fine: only the hint is read).
    ///   - now: The current time, to turn an HTTP date into a delay.
    /// - Returns: The wait and its basis, or `nil` when the answer states none.
    public static func stated(in headers: HeaderFields, message: String? = nil, now: Date) -> ServerWait? {
        if let value = headers["retry-after-ms"], let ms = nonNegativeNumber(value) {
            let duration = ms / 1000 >= longest.inSecondsApproximately ? longest : .milliseconds(ms)
            return ServerWait(duration: duration, basis: .retryAfterMilliseconds)
        }
        if let value = headers["retry-after"] {
            if let seconds = nonNegativeNumber(value) {
                return ServerWait(duration: .cappedWait(seconds: seconds), basis: .retryAfterSeconds)
            }
            if let date = HTTPDate.parse(value) {
                let seconds = max(0, date.timeIntervalSince(now))
                return ServerWait(duration: .cappedWait(seconds: seconds), basis: .retryAfterDate)
            }
        }
        if let message, let hint = messageHint(message) {
            return ServerWait(duration: hint, basis: .messageHint)
        }
        var longestReset: Duration?
        for bucket in ["requests", "tokens"] {
            guard let remaining = headers["x-ratelimit-remaining-\(bucket)"], nonNegativeNumber(remaining) == 0,
                let reset = headers["x-ratelimit-reset-\(bucket)"], let wait = GoDurationParser.parse(reset)
            else { continue }
            longestReset = max(longestReset ?? .zero, wait)
        }
        if let longestReset {
            return ServerWait(duration: longestReset, basis: .rateLimitReset)
        }
        return nil
    }

    /// The wait in "…try again in 644ms…", "…try again in 8.64s.", "…try again in 1m30s".
    static func messageHint(_ message: String) -> Duration? {
        let lowered = message.lowercased()
        guard let range = lowered.firstRange(of: "try again in ") else { return nil }
        let allowed = Set("0123456789.hmsuµn")
        var token = String(lowered[range.upperBound...].prefix { allowed.contains($0) })
        while token.hasSuffix(".") { token.removeLast() }
        return GoDurationParser.parse(token)
    }

    /// A finite, non-negative decimal number, or `nil`.
    static func nonNegativeNumber(_ text: String) -> Double? {
        let trimmed = text.trimmed()
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(trimmed), value.isFinite, value >= 0
        else { return nil }
        return value
    }
}

/// Go's duration notation as OpenAI's rate-limit headers use it: `120ms`, `8.64s`, `24h6m34s`, `0s`.
///
/// `package`: the monitor's duration flags (`DurationText`) read the same notation.
package enum GoDurationParser {
    /// Parses a sequence of number+unit pairs (`h`, `m`, `s`, `ms`, `us`/`µs`, `ns`); `nil` if malformed.
    package static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmed())
        guard !rest.isEmpty else { return nil }
        var total = Duration.zero
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number), value.isFinite else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let secondsPerUnit: Double
            switch unit {
            case "h": secondsPerUnit = 3600
            case "m": secondsPerUnit = 60
            case "s": secondsPerUnit = 1
            case "ms": secondsPerUnit = 1e-3
            case "us", "µs": secondsPerUnit = 1e-6
            case "ns": secondsPerUnit = 1e-9
            default: return nil
            }
            // Past the cap the sum is the cap: no term is ever built from an out-of-range number.
            if total >= ServerWait.longest || value * secondsPerUnit >= ServerWait.longest.inSecondsApproximately {
                total = ServerWait.longest
                continue
            }
            switch unit {
            case "h": total += .seconds(value * 3600)
            case "m": total += .seconds(value * 60)
            case "s": total += .seconds(value)
            case "ms": total += .milliseconds(value)
            case "us", "µs": total += .microseconds(value)
            default: total += .nanoseconds(Int64(value))
            }
            total = min(total, ServerWait.longest)
        }
        return total
    }
}

extension Duration {
    /// `seconds` as a wait, at most ``ServerWait/longest`` (any finite, non-negative number is safe).
    package static func cappedWait(seconds: Double) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return seconds >= ServerWait.longest.inSecondsApproximately ? ServerWait.longest : .seconds(seconds)
    }

    /// The duration in seconds, as a floating-point number.
    var inSecondsApproximately: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

/// The three HTTP date forms RFC 9110 §5.6.7 requires a recipient to accept, always GMT.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` or `Sun Nov  6 08:49:37 1994`.
    static func parse(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { String($0).lowercased() }
        guard tokens.count >= 4 else { return nil }
        if tokens[0].allSatisfy(\.isLetter), month(tokens[0]) == nil { tokens.removeFirst() }  // weekday
        let day: Int?
        let monthNumber: Int?
        let year: Int?
        let clock: String
        if tokens[0].contains("-") {  // RFC 850: 06-Nov-94 08:49:37 GMT
            let parts = tokens[0].split(separator: "-").map(String.init)
            guard parts.count == 3, tokens.count >= 2 else { return nil }
            day = Int(parts[0])
            monthNumber = month(parts[1])
            year = Int(parts[2]).map { $0 < 100 ? ($0 < 70 ? 2000 + $0 : 1900 + $0) : $0 }
            clock = tokens[1]
        } else if let m = month(tokens[0]) {  // asctime: Nov 6 08:49:37 1994
            guard tokens.count >= 4 else { return nil }
            monthNumber = m
            day = Int(tokens[1])
            clock = tokens[2]
            year = Int(tokens[3])
        } else {  // IMF-fixdate: 06 Nov 1994 08:49:37 GMT
            guard tokens.count >= 4 else { return nil }
            day = Int(tokens[0])
            monthNumber = month(tokens[1])
            year = Int(tokens[2])
            clock = tokens[3]
        }
        let hms = clock.split(separator: ":").compactMap { Int($0) }
        // Years past 9999 are not HTTP dates (a 12-digit year once overflowed the day count).
        guard let day, let monthNumber, let year, (0...9999).contains(year), hms.count == 3, (1...31).contains(day),
            (0...23).contains(hms[0]),
            (0...59).contains(hms[1]), (0...60).contains(hms[2])
        else { return nil }
        let days = daysFromCivil(year: year, month: monthNumber, day: day)
        let seconds = days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func month(_ name: String) -> Int? {
        months.firstIndex(of: String(name.prefix(3))).map { $0 + 1 }.flatMap { name.count == 3 ? $0 : nil }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
