@testable import DoctorCore
@testable import DoctorProbes

/// What `check --runtime` reads back from the user's runtimes: their probe programs' output, and
/// the machine's load it decides priorities by.
enum RuntimeTargets {
    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = ""
        StrictJSON.writeString(text, into: &out)
        return out
    }

    static let output = FuzzTarget(
        name: "runtime-output",
        property:
            "runtime probe output (a program's JSON line, curl's body, write-out and verbose trace): no crash; a key planted anywhere, echoed in any field, or cut where a probe cuts its excerpts (2,000 and 600 characters), never survives into the observation"
    ) { input in
        let (planted, key) = PlantedKey.plant(in: input)
        let text = String(decoding: planted, as: UTF8.self)
        func check(_ observation: RuntimeObservation?, _ what: String) {
            guard let observation else { return }
            PlantedKey.requireAbsent(key, in: "\(observation)", what: what)
        }
        // 1. The raw bytes as a program's standard output (a runtime may print anything first).
        check(RuntimeObservation.parse(programOutput: planted, key: key), "a program's raw output")
        // 2. A well-formed probe line whose fields carry the text, cut as the probe programs cut
        // their excerpts (RuntimePrograms: `cut`, the same rule in Python, JavaScript and Java).
        func cut(_ text: String, _ limit: Int) -> String {
            guard text.count > limit else { return text }
            let whole = Substring(text.prefix(limit))
            var excerpt = whole
            while let last = excerpt.unicodeScalars.last,
                last.isASCII && (last.properties.isAlphabetic || ("0"..."9").contains(last)) || last == "_"
                    || last == "-"
            {
                excerpt = excerpt.dropLast()
            }
            // A run longer than any key is not one: kept.
            return String(whole.count - excerpt.count <= 256 ? excerpt : whole)
        }
        let body = cut(text, 2000)
        let message = cut(text, 600)
        let line =
            "{\"runtime\": \"python\", \"version\": \(quoted(message)), \"client\": \(quoted(message)), "
            + "\"proxy\": \(quoted(message)), \"trust\": null, \"address\": null, \"status\": 401, "
            + "\"body\": \(quoted(body)), \"request_id\": \(quoted(message)), "
            + "\"errors\": [{\"type\": \(quoted(message)), \"message\": \(quoted(message))}], "
            + "\"trace\": {\"status\": null, \"body\": \(quoted(body)), \"errors\": []}, "
            + "\"skipped\": [{\"client\": \"openai\", \"reason\": \(quoted(message))}], "
            + "\"sdk\": {\"name\": \"openai\", \"version\": \(quoted(message))}}"
        let decoded = RuntimeObservation.parse(programOutput: Array(("noise\n" + line + "\n").utf8), key: key)
        check(decoded, "a probe's JSON line")
        // A line of this form always decodes: the reader must not lose a probe's report.
        FuzzCheck.require(
            decoded != nil, "a well-formed probe line did not decode: \(line.prefix(300).debugDescription)")
        // 3. curl: the text as the body (whole: curl's answer is not cut by the probe), the
        // write-out JSON, and the text again as the verbose trace.
        let answer = text
        let trace = text
        let writeOut =
            "{\"http_code\": 401, \"remote_ip\": \"127.0.0.1\", \"remote_port\": 443, \"exitcode\": \(input.choice(5, below: 3) == 0 ? 35 : 0), "
            + "\"errormsg\": \(quoted(message)), \"curl_version\": \(quoted(message))}"
        let curl = RuntimeObservation.parse(
            curlOutput: Array((answer + RuntimeObservation.curlMarker + writeOut).utf8), trace: trace, key: key,
            keepBody: input.choice(6, below: 2) == 0)
        check(curl, "curl's output and trace")
        FuzzCheck.require(curl != nil, "curl's write-out did not decode: \(writeOut.prefix(300).debugDescription)")
    }

    static let loadavg = FuzzTarget(
        name: "loadavg",
        property:
            "/proc/loadavg reader: no crash; a count only from a fourth field of digits before a slash, and the count written is the count read"
    ) { input in
        let text = input.text
        if let count = MachineLoad.parseRunnable(text) {
            FuzzCheck.require(count >= 0 || text.contains("-"), "a negative count \(count) from no minus sign")
            let fields = text.split(separator: " ")
            FuzzCheck.require(fields.count >= 4 && fields[3].contains("/"), "a count from \(text.debugDescription)")
        }
        let runnable = input.choice(0, below: 100_000)
        let line =
            "0.\(input.choice(1, below: 100)) 1.00 2.50 \(runnable)/\(runnable + input.choice(2, below: 5000)) 4242\n"
        FuzzCheck.require(MachineLoad.parseRunnable(line) == runnable, "\(line.debugDescription) read wrong")
    }
}
