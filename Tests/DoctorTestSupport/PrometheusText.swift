/// A small parser for Prometheus' text exposition format (version 0.0.4), enough to read back
/// what `/metrics` serves: `# HELP`, `# TYPE`, and `name{label="value",…} number` samples.
///
/// It is strict on purpose: a malformed line is an error, so a test that scrapes `/metrics`
/// also checks that the output is valid exposition text. Shared by the monitor's unit tests and
/// the end-to-end scrape of the real binary.
public struct PrometheusText: Sendable {
    /// One sample line: `name{labels} value`.
    public struct Sample: Equatable, Sendable {
        /// The metric name (with its `_bucket`, `_sum` or `_count` suffix).
        public var name: String
        /// The labels, unescaped.
        public var labels: [String: String]
        /// The value (`+Inf`, `-Inf` and `NaN` included).
        public var value: Double
    }

    /// A line that is not valid exposition text.
    public struct ParseError: Error, CustomStringConvertible {
        /// The line.
        public var line: String
        /// What is wrong with it.
        public var reason: String
        /// The reason and the line.
        public var description: String { "\(reason): \(line)" }
    }

    /// Every sample, in order.
    public var samples: [Sample] = []
    /// `# TYPE` by family name.
    public var types: [String: String] = [:]
    /// `# HELP` by family name.
    public var helps: [String: String] = [:]

    /// Parses a whole `/metrics` body; throws on the first malformed line.
    public init(_ text: String) throws {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst("# HELP ".count)
                guard let space = rest.firstIndex(of: " ") else {
                    throw ParseError(line: line, reason: "HELP without text")
                }
                helps[String(rest[..<space])] = String(rest[rest.index(after: space)...])
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
                else {
                    throw ParseError(line: line, reason: "bad TYPE")
                }
                types[String(parts[2])] = String(parts[3])
            } else if line.hasPrefix("#") {
                continue
            } else {
                samples.append(try Self.sample(line))
            }
        }
    }

    static func sample(_ line: String) throws -> Sample {
        var index = line.startIndex
        let nameEnd = line.firstIndex { $0 == "{" || $0 == " " } ?? line.endIndex
        let name = String(line[index..<nameEnd])
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }),
            name.first?.isNumber == false
        else { throw ParseError(line: line, reason: "bad metric name") }
        index = nameEnd
        var labels: [String: String] = [:]
        if index < line.endIndex, line[index] == "{" {
            index = line.index(after: index)
            while index < line.endIndex, line[index] != "}" {
                guard let equals = line[index...].firstIndex(of: "=") else {
                    throw ParseError(line: line, reason: "label without =")
                }
                let key = String(line[index..<equals])
                guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    throw ParseError(line: line, reason: "bad label name")
                }
                index = line.index(after: equals)
                guard index < line.endIndex, line[index] == "\"" else {
                    throw ParseError(line: line, reason: "unquoted label value")
                }
                index = line.index(after: index)
                var value = ""
                while index < line.endIndex, line[index] != "\"" {
                    if line[index] == "\\" {
                        index = line.index(after: index)
                        guard index < line.endIndex else { break }
                        switch line[index] {
                        case "n": value.append("\n")
                        default: value.append(line[index])
                        }
                    } else {
                        value.append(line[index])
                    }
                    index = line.index(after: index)
                }
                guard index < line.endIndex else { throw ParseError(line: line, reason: "unterminated label value") }
                index = line.index(after: index)
                labels[key] = value
                if index < line.endIndex, line[index] == "," { index = line.index(after: index) }
            }
            guard index < line.endIndex else { throw ParseError(line: line, reason: "unterminated labels") }
            index = line.index(after: index)
        }
        let rest = line[index...].split(separator: " ")
        guard let first = rest.first, rest.count <= 2 else { throw ParseError(line: line, reason: "no value") }
        let value: Double
        switch first {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let number = Double(first) else { throw ParseError(line: line, reason: "bad value") }
            value = number
        }
        return Sample(name: name, labels: labels, value: value)
    }

    /// The value of the one sample with this name whose labels include `labels`.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.count == 1 ? matching[0].value : nil
    }

    /// Every sample with this name.
    public func all(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    /// The family a sample belongs to (`x_bucket` → `x` for histograms).
    public func family(of sample: Sample) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where sample.name.hasSuffix(suffix) {
            let base = String(sample.name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return sample.name
    }
}
