#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// The machine's versions that reports and support tickets record: OS and Swift.
public enum HostInfo {
    /// The operating system and its version (`/etc/os-release` PRETTY_NAME and the kernel, or Foundation's string).
    public static var operatingSystem: String {
        #if os(Linux)
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            let name = line.dropFirst("PRETTY_NAME=".count).filter { $0 != "\"" }
            var names = utsname()
            uname(&names)
            let release = withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return "\(name), Linux \(release)"
        }
        #endif
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    /// The Swift compiler version the tool was built with.
    public static var swiftVersion: String {
        #if compiler(>=6.4)
        return "6.4 or later"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #else
        return "before 6.2"
        #endif
    }
}
