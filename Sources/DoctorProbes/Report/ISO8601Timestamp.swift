/// ISO 8601 timestamps with an explicit UTC offset, as reports write them.
///
/// Written by hand (civil-from-days arithmetic) so the core needs no date formatter, and the
/// output is the same on every platform:
///
/// ```swift
/// ISO8601Timestamp.format(secondsSince1970: 1_764_171_602.118, offsetSeconds: 3600)
/// // "2025-11-26T16:40:02.118+01:00"
/// ```
public enum ISO8601Timestamp {
    /// Formats a moment at the given offset from UTC, with milliseconds.
    ///
    /// - Parameters:
    ///   - secondsSince1970: The moment, in seconds since 1970-01-01T00:00:00Z.
    ///   - offsetSeconds: The local offset from UTC (east positive); `0` writes `+00:00`.
    /// - Returns: `YYYY-MM-DDThh:mm:ss.sss±hh:mm`.
    public static func format(secondsSince1970: Double, offsetSeconds: Int) -> String {
        let totalMS = Int64((secondsSince1970 * 1000).rounded(.down)) + Int64(offsetSeconds) * 1000
        let ms = Int(((totalMS % 1000) + 1000) % 1000)
        let seconds = (totalMS - Int64(ms)) / 1000
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let sign = offsetSeconds < 0 ? "-" : "+"
        let offsetMinutes = abs(offsetSeconds) / 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(Int(secondOfDay / 3600), 2)):\(pad(Int(secondOfDay % 3600 / 60), 2)):\(pad(Int(secondOfDay % 60), 2))"
            + ".\(pad(ms, 3))\(sign)\(pad(offsetMinutes / 60, 2)):\(pad(offsetMinutes % 60, 2))"
    }

    /// Formats a moment in UTC with a `Z` suffix and no fraction (certificate validity dates).
    public static func formatUTC(secondsSince1970: Int64) -> String {
        var days = secondsSince1970 / 86_400
        var secondOfDay = secondsSince1970 % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(Int(secondOfDay / 3600), 2)):\(pad(Int(secondOfDay % 3600 / 60), 2)):\(pad(Int(secondOfDay % 60), 2))Z"
    }

    /// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
