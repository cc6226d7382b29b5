#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What every runtime's probe is given: where to send the request, the key (in the environment
/// only), and the environment the user's apps would run with.
struct RuntimePlan: Sendable {
    /// The API base URL as the SDKs take it (`https://api.openai.com/v1`), without credentials.
    var baseURL: String
    /// The models listing's full URL (Azure: with its `api-version`).
    var modelsURL: String
    /// The trace endpoint on the API host (`https://api.openai.com/cdn-cgi/trace`), as `check`'s
    /// `egress.trace` asks it; `nil` where `check` makes no trace request (Azure).
    var traceURL: String? = nil
    /// The key to send; it reaches the programs as `OPENAI_API_KEY` and curl on standard input.
    var key: String?
    /// Whether the key goes in an `api-key` header (Azure) rather than `Authorization: Bearer`.
    var apiKeyHeader: Bool
    /// The organization and project ids to send, if configured.
    var organization: String?
    var project: String?
    /// The environment the runtimes start with: the tool's own (the user's shell), proxies included.
    var environment: [String: String]
    /// Where the private directory of the probe programs is made (`TMPDIR`, else `/tmp`).
    var temporaryRoot: String
    /// How busy the machine was as the run began.
    var load: MachineLoad = .current()
}

/// What became of one requested runtime before judging.
enum RuntimeRun: Sendable, Equatable {
    /// The probe ran and reported.
    case observed(RuntimeObservation)
    /// It could not run or report; the reason says why.
    case skipped(RuntimeRequest.Kind, String)
}

/// The command line, environment and standard input of one runtime's probe: the one place that
/// says how each runtime is started, so the key's path can be checked (environment or standard
/// input, never an argument or a file).
struct RuntimeInvocation: Sendable {
    /// The executable and arguments.
    var arguments: [String]
    /// The child's whole environment.
    var environment: [String: String]
    /// Standard input (curl's configuration).
    var input: [UInt8]
    /// The program file's name in the private directory, and its text (`nil` for curl).
    var program: (name: String, text: String)?

    /// How `kind` is started from `executable`, with its program at `programPath`; Java runs the
    /// compiled probe in `javaClassDirectory` when there is one, with `javaArchive`
    /// (``JavaProbeCache``).
    static func make(
        _ kind: RuntimeRequest.Kind, executable: String, programDirectory: String, plan: RuntimePlan,
        timeoutSeconds: Double, javaClassDirectory: String? = nil, javaArchive: JavaProbeCache.Archive = .none
    ) -> RuntimeInvocation {
        var environment = plan.environment
        let seconds = "\(Double(Int(timeoutSeconds * 10)) / 10)"
        switch kind {
        case .curl:
            return RuntimeInvocation(
                arguments: [executable, "-sS", "-v", "--config", "-"], environment: environment,
                input: Array(curlConfiguration(plan, timeoutSeconds: seconds).utf8), program: nil)
        case .python, .node, .java:
            environment["OPENAI_DOCTOR_URL"] = plan.modelsURL
            environment["OPENAI_DOCTOR_BASE_URL"] = plan.baseURL
            environment["OPENAI_DOCTOR_TIMEOUT"] = seconds
            environment["OPENAI_DOCTOR_AUTH"] = plan.apiKeyHeader ? "api-key" : "bearer"
            environment["OPENAI_API_KEY"] = plan.key ?? ""
            if let trace = plan.traceURL { environment["OPENAI_DOCTOR_TRACE_URL"] = trace }
            if let organization = plan.organization { environment["OPENAI_ORG_ID"] = organization }
            if let project = plan.project { environment["OPENAI_PROJECT_ID"] = project }
            let program: (String, String) =
                switch kind {
                case .python: ("probe.py", RuntimePrograms.python)
                case .node: ("probe.mjs", RuntimePrograms.node)
                default: ("Probe.java", RuntimePrograms.java)
                }
            // Java compiles the single-file program in memory at each run: the C1 compiler alone and
            // the serial collector cut that start-up about fourfold here (7 s to 1.7 s under load)
            // and touch neither trust nor proxy.
            // A JVM that crashes writes its report into the private directory, not the user's
            // working directory, and leaves no core file; no performance-data file either
            // (`-XX:-UsePerfData`: /tmp/hsperfdata_USER, and about 40 ms of start-up here).
            let flags =
                kind == .java
                ? [
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ErrorFile=\(programDirectory)/hs_err_pid%p.log",
                    "-XX:-CreateCoredumpOnCrash", "-XX:-UsePerfData",
                ] : []
            if kind == .java, let javaClassDirectory {
                return RuntimeInvocation(
                    arguments: [executable] + flags + JavaProbeCache.flags(javaArchive)
                        + ["-cp", "\(javaClassDirectory)/\(JavaProbeCache.jarName)", JavaProbeCache.className],
                    environment: environment, input: [], program: nil)
            }
            return RuntimeInvocation(
                arguments: [executable] + flags + ["\(programDirectory)/\(program.0)"], environment: environment,
                input: [], program: program)
        }
    }

    /// curl's second process, for the trace request: no key, the same defaults; `nil` without a trace URL.
    /// (One curl process per request keeps each verbose trace and write-out its own.)
    static func curlTrace(executable: String, plan: RuntimePlan, timeoutSeconds: Double) -> RuntimeInvocation? {
        guard let url = plan.traceURL else { return nil }
        let seconds = "\(Double(Int(timeoutSeconds * 10)) / 10)"
        let configuration = [
            "url = \(curlQuoted(url))", "max-time = \(seconds)", "write-out = \"\\n@@openai-doctor-curl@@%{json}\"",
        ]
        return RuntimeInvocation(
            arguments: [executable, "-sS", "-v", "--config", "-"], environment: plan.environment,
            input: Array((configuration.joined(separator: "\n") + "\n").utf8), program: nil)
    }

    /// `text` as a quoted value of curl's configuration file (no line break can end it early).
    static func curlQuoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "") + "\""
    }

    /// curl's configuration (`--config -`): URL, headers (the key among them), bound and write-out.
    static func curlConfiguration(_ plan: RuntimePlan, timeoutSeconds: String) -> String {
        let quoted = curlQuoted
        var lines = ["url = \(quoted(plan.modelsURL))", "max-time = \(timeoutSeconds)"]
        if let key = plan.key {
            lines.append("header = " + quoted(plan.apiKeyHeader ? "api-key: \(key)" : "Authorization: Bearer \(key)"))
        }
        if !plan.apiKeyHeader, let organization = plan.organization {
            lines.append("header = " + quoted("OpenAI-Organization: \(organization)"))
        }
        if !plan.apiKeyHeader, let project = plan.project {
            lines.append("header = " + quoted("OpenAI-Project: \(project)"))
        }
        lines.append("write-out = \"\\n@@openai-doctor-curl@@%{json}\"")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Runs the requested runtimes' probe programs at once, each bounded by the run's deadline and
/// its output capped, and reads what each reported.
enum RuntimeRunner {
    /// Runs every request concurrently and returns their runs in the order asked.
    static func run(
        _ requests: [RuntimeRequest], plan: RuntimePlan, deadline: ContinuousClock.Instant
    ) async -> [RuntimeRun] {
        let niceness = niceness(for: requests.map(\.kind), load: plan.load)
        return await withTaskGroup(of: (Int, RuntimeRun).self) { group in
            for (index, request) in requests.enumerated() {
                let steps = niceness[request.kind] ?? 0
                group.addTask { (index, await run(request, plan: plan, deadline: deadline, niceness: steps)) }
            }
            var runs: [RuntimeRun?] = Array(repeating: nil, count: requests.count)
            for await (index, run) in group { runs[index] = run }
            return runs.compactMap { $0 }
        }
    }

    /// The runtimes by their probe's usual start-up, longest first (Benchmarks/check/README.md,
    /// release build, idle): Python importing the `openai` SDK (about 0.7 s of CPU, on one thread),
    /// Java's JVM with HttpClient (0.3 s), Node's `fetch` (0.15 s), curl (0.03 s).
    static let longestStartUpFirst: [RuntimeRequest.Kind] = [.python, .java, .node, .curl]

    /// How many steps below the tool's priority each runtime's probe runs.
    ///
    /// The run ends when its longest probe ends. Where the probes' processes (curl has two)
    /// outnumber the processors, they take CPU from one another, and the longest one, a single
    /// thread in Python's case, ends later than it would alone. There, on a machine otherwise
    /// nearly idle, every probe but the one with the longest usual start-up runs 10 steps lower
    /// (`nice`), so the longest keeps a processor and the others fill what it leaves.
    ///
    /// Among other busy processes, lowered probes would lose CPU to those rather than to the
    /// longest probe, and the whole run would be slower (two busy loops on two cores: 1.94 s
    /// against 1.82 s; with one, the same 1.24 s; Benchmarks/check/README.md): no probe is lowered
    /// there, nor where each has a processor of its own.
    static func niceness(for kinds: [RuntimeRequest.Kind], load: MachineLoad) -> [RuntimeRequest.Kind: Int32] {
        let processes = kinds.count + (kinds.contains(.curl) ? 1 : 0)
        guard processes > load.processors, load.isNearlyIdle,
            let longest = longestStartUpFirst.first(where: kinds.contains)
        else { return [:] }
        var niceness: [RuntimeRequest.Kind: Int32] = [:]
        for kind in kinds where kind != longest { niceness[kind] = 10 }
        return niceness
    }

    /// Runs one runtime's probe, `niceness` steps below the tool's priority.
    static func run(
        _ request: RuntimeRequest, plan: RuntimePlan, deadline: ContinuousClock.Instant, niceness: Int32 = 0
    ) async -> RuntimeRun {
        let kind = request.kind
        let path = plan.environment["PATH"]
        let executable: String?
        if let given = request.executable {
            executable = RuntimeProcess.locate(given, path: path)
            guard executable != nil else { return .skipped(kind, "\(given) is not an executable file") }
        } else {
            executable = kind.executableNames.lazy.compactMap { RuntimeProcess.locate($0, path: path) }.first
            guard executable != nil else {
                let names = kind.executableNames.map { "`\($0)`" }.joined(separator: " or ")
                return .skipped(kind, "no \(names) on PATH")
            }
        }
        guard let executable else { return .skipped(kind, "not found") }
        // Java's probe compiled once and cached (the first run pays the compile, from the same deadline).
        let javaClassDirectory =
            kind == .java
            ? await JavaProbeCache.classDirectory(
                javaExecutable: executable, program: RuntimePrograms.java, environment: plan.environment,
                deadline: deadline)
            : nil
        // The program's own bound leaves it time to report before the process is stopped.
        let left = ContinuousClock.now.duration(to: deadline)
        let leftSeconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        guard leftSeconds > 0.5 else { return .skipped(kind, "no time left in the run's --timeout") }
        let programSeconds = max(0.5, leftSeconds - max(0.5, leftSeconds / 10))

        var directory: String?
        defer { if let directory { removePrivateDirectory(directory) } }
        if kind != .curl {
            guard let made = makePrivateDirectory(in: plan.temporaryRoot) else {
                return .skipped(kind, "cannot create a private directory under \(plan.temporaryRoot)")
            }
            directory = made
        }
        let javaArchive = javaClassDirectory.map(JavaProbeCache.archive(in:)) ?? .none
        var invocation = RuntimeInvocation.make(
            kind, executable: executable, programDirectory: directory ?? "", plan: plan,
            timeoutSeconds: programSeconds, javaClassDirectory: javaClassDirectory, javaArchive: javaArchive)
        if let program = invocation.program, let directory {
            guard writePrivateFile("\(directory)/\(program.name)", program.text) else {
                return .skipped(kind, "cannot write its probe program under \(plan.temporaryRoot)")
            }
        }
        var process = RuntimeProcess(
            arguments: invocation.arguments, environment: invocation.environment, input: invocation.input)
        // The Java probe closes its outputs once it has reported; only a JVM dumping its archive
        // at exit is waited for.
        process.doneWhenOutputsClose = kind == .java && !javaArchive.dumpsAtExit
        process.niceness = niceness
        // curl's trace request is a process of its own, beside the models request.
        let traceInvocation =
            kind == .curl
            ? RuntimeInvocation.curlTrace(executable: executable, plan: plan, timeoutSeconds: programSeconds) : nil
        let traceProcess = traceInvocation.map {
            RuntimeProcess(arguments: $0.arguments, environment: $0.environment, input: $0.input, niceness: niceness)
        }
        async let traceResult: RuntimeProcess.Result? = traceProcess?.run(until: deadline)
        guard var result = await process.run(until: deadline) else {
            _ = await traceResult
            return .skipped(kind, "\(executable) cannot be started")
        }
        if let javaClassDirectory {
            let reported = !result.timedOut && RuntimeObservation.parse(programOutput: result.stdout, key: nil) != nil
            switch javaArchive {
            case .create(let partial):
                JavaProbeCache.keepArchive(partial, in: javaClassDirectory, reported: reported)
            case .share where !reported && !result.timedOut:
                // An archive that stopped the JVM (a truncated file maps, then faults): removed,
                // and the probe run again on the jar alone within the same deadline.
                JavaProbeCache.discardArchive(in: javaClassDirectory)
                invocation = RuntimeInvocation.make(
                    kind, executable: executable, programDirectory: directory ?? "", plan: plan,
                    timeoutSeconds: programSeconds, javaClassDirectory: javaClassDirectory, javaArchive: .none)
                // The same process settings (priority; done once it reported), on the jar alone.
                process.arguments = invocation.arguments
                process.environment = invocation.environment
                if let again = await process.run(until: deadline) { result = again }
            case .share, .none:
                break
            }
        }
        var observation: RuntimeObservation?
        if kind == .curl {
            observation = RuntimeObservation.parse(
                curlOutput: result.stdout, trace: curlVerboseTrace(result.stderr), key: plan.key)
            if let traced = await traceResult {
                observation?.trace = curlTraceEntry(traced, key: plan.key)
            } else if traceInvocation != nil {
                observation?.trace = .init(errors: [.init(type: "curl", message: "cannot be started", code: nil)])
            }
        } else {
            observation = RuntimeObservation.parse(programOutput: result.stdout, key: plan.key)
        }
        if var observation {
            observation.runtime = kind.rawValue
            return .observed(observation)
        }
        if result.timedOut { return .skipped(kind, "\(executable) did not report within the run's --timeout") }
        let lastLine =
            String(decoding: result.stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
            .last { !$0.hasPrefix("> ") }.map { RuntimeObservation.scrub(String($0.prefix(300)), key: plan.key) }
        return .skipped(
            kind,
            "\(executable) exited with status \(result.status) without a result" + (lastLine.map { ": \($0)" } ?? ""))
    }

    /// curl's verbose trace without its request lines (`> `), which carry the key: dropped before
    /// anything else reads it.
    static func curlVerboseTrace(_ stderr: [UInt8]) -> String {
        String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("> ") }.joined(separator: "\n")
    }

    /// What curl's trace process reported: its status and body, or its error.
    static func curlTraceEntry(_ result: RuntimeProcess.Result, key: String?) -> RuntimeObservation.TraceEntry {
        guard
            let traced = RuntimeObservation.parse(
                curlOutput: result.stdout, trace: curlVerboseTrace(result.stderr), key: key, keepBody: true)
        else {
            let why =
                result.timedOut ? "did not finish within the run's --timeout" : "exited with status \(result.status)"
            return .init(errors: [.init(type: "curl", message: why, code: nil)])
        }
        return .init(status: traced.status, body: traced.body, errors: traced.errors)
    }

    /// A new directory only this user can read (`mkdtemp`, mode 0700).
    static func makePrivateDirectory(in root: String) -> String? {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        var template = Array("\(base)/openai-doctor-runtime-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            // Safe: the template is not empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            guard let made = mkdtemp(buffer.baseAddress!) else { return nil }
            return String(cString: made)
        }
    }

    /// Writes `text` to a new file readable by this user only (close-on-exec: no probe started
    /// meanwhile on another thread inherits it).
    static func writePrivateFile(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            // Safe: the loop runs only while bytes is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Removes the private directory and whatever a runtime left in it (one level: the programs
    /// write no tree).
    static func removePrivateDirectory(_ path: String) {
        if let handle = opendir(path) {
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink("\(path)/\(name)") }
            }
            closedir(handle)
        }
        rmdir(path)
    }
}
