#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads HAR files (HTTP Archive 1.2, as browsers and proxies export them) by structure.
enum HARReader {
    /// One failed entry.
    struct Entry {
        /// The index in `log.entries`.
        var index: Int
        /// The response status (0 when no response arrived).
        var status: Int
        /// The response headers.
        var headers: HeaderFields
        /// The response body text, plus the browser's `_error` when there was one.
        var body: String
        /// `METHOD URL-path`.
        var request: String
    }

    /// The failed entries (status 0 or ≥ 400) of a HAR document, or `nil` if it is not one.
    static func failedEntries(in text: String) -> [Entry]? {
        guard let root = LenientJSONReader.parse(text), case .array(let entries)? = root["log"]?["entries"] else {
            return nil
        }
        var failed: [Entry] = []
        for (index, entry) in entries.enumerated() {
            guard let response = entry["response"] else { continue }
            let status = Int(response["status"]?.text ?? "") ?? 0
            guard status == 0 || status >= 400 else { continue }
            var headers = HeaderFields()
            if case .array(let list)? = response["headers"] {
                for item in list {
                    if let name = item["name"]?.text, let value = item["value"]?.text {
                        headers.append(name: name, value: value)
                    }
                }
            }
            var body = response["content"]?["text"]?.text ?? ""
            if response["content"]?["encoding"]?.text == "base64",
                let data = Data(base64Encoded: body, options: .ignoreUnknownCharacters)
            {
                body = String(decoding: data, as: UTF8.self)
            }
            if let error = (response["_error"] ?? entry["_error"])?.text { body += body.isEmpty ? error : "\n" + error }
            let method = entry["request"]?["method"]?.text ?? "GET"
            let url = entry["request"]?["url"]?.text ?? ""
            failed.append(
                Entry(index: index, status: status, headers: headers, body: body, request: "\(method) \(pathOf(url))"))
        }
        return failed
    }

    /// The path of a URL, without query (which may hold secrets) or host.
    private static func pathOf(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = rest[slash...]
        return String(path.prefix { $0 != "?" && $0 != "#" })
    }
}
