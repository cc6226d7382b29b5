/// One runtime `check --runtime NAME[=PATH]` asks for: which one, and optionally which
/// interpreter (a virtualenv's `python`, another Node).
///
/// ```swift
/// try RuntimeRequest.parse(["python=/srv/app/.venv/bin/python", "node"])
/// try RuntimeRequest.parse(["all"])  // every runtime, each found on PATH (or skipped)
/// ```
public struct RuntimeRequest: Sendable, Equatable, Hashable {
    /// The runtimes the tool carries a probe for.
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        /// CPython: the `openai` SDK's default client, else httpx, else urllib.
        case python
        /// Node: the `openai` package from the working directory, else the global `fetch` (undici).
        case node
        /// Java: `java.net.http.HttpClient`.
        case java
        /// The `curl` command.
        case curl

        /// The executable names looked up on `PATH`, in order.
        var executableNames: [String] {
            switch self {
            case .python: return ["python3", "python"]
            case .node: return ["node"]
            case .java: return ["java"]
            case .curl: return ["curl"]
            }
        }
    }

    /// Which runtime.
    public var kind: Kind
    /// The interpreter to run (`NAME=PATH`), or `nil` to look it up on `PATH`.
    public var executable: String?

    /// Creates a request.
    public init(_ kind: Kind, executable: String? = nil) {
        self.kind = kind
        self.executable = executable
    }

    /// A `--runtime` value that names no runtime the tool knows.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// The value given.
        public var value: String
        /// What is expected.
        public var description: String {
            "--runtime \(value): expected python, node, java, curl or all, optionally NAME=PATH"
        }
    }

    /// Reads `--runtime` values: names, `NAME=PATH`, and `all` (every runtime not otherwise named).
    /// Each runtime appears once, in the order given; a later `NAME=PATH` replaces an earlier plain name.
    ///
    /// - Throws: ``ParseError`` for an unknown name or an empty path.
    public static func parse(_ values: [String]) throws(ParseError) -> [RuntimeRequest] {
        var requests: [RuntimeRequest] = []
        func add(_ request: RuntimeRequest) {
            if let index = requests.firstIndex(where: { $0.kind == request.kind }) {
                if request.executable != nil { requests[index] = request }
            } else {
                requests.append(request)
            }
        }
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].lowercased()
            if name == "all", parts.count == 1 {
                for kind in Kind.allCases { add(RuntimeRequest(kind)) }
                continue
            }
            guard let kind = Kind(rawValue: name) else { throw ParseError(value: value) }
            if parts.count == 2 {
                guard !parts[1].isEmpty else { throw ParseError(value: value) }
                add(RuntimeRequest(kind, executable: String(parts[1])))
            } else {
                add(RuntimeRequest(kind))
            }
        }
        return requests
    }
}
