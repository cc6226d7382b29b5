#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fuzz targets, one per input format; `DOCTOR_FUZZ_TARGET` names the one a run exercises.
///
/// One executable holds them all so that CI compiles once (see Fuzz/README.md). Each target
/// checks a property beyond "no crash"; a broken property prints what broke and aborts, which
/// libFuzzer reports as a finding and saves the input for.
let fuzzTargets: [FuzzTarget] = [
    ExplainTarget.target,
    ReaderTargets.har,
    ReaderTargets.httpTranscript,
    ReaderTargets.lenientJSON,
    ReaderTargets.clientWrappers,
    ReaderTargets.pageMarkers,
    RetryTarget.target,
    KeyInspectionTarget.target,
    ConfigTargets.dotEnv,
    ConfigTargets.proxy,
    StreamTargets.redactor,
    StreamTargets.audit,
    SavedTargets.report,
    SavedTargets.baseline,
    MockAdminTarget.target,
    MockRequestTarget.target,
    MCPArgumentsTarget.target,
    RuntimeTargets.output,
    RuntimeTargets.loadavg,
]

/// One target: its name, what it checks, and the check itself.
struct FuzzTarget: Sendable {
    /// The name `DOCTOR_FUZZ_TARGET` and scripts/fuzz.sh use.
    let name: String
    /// One line on the property checked.
    let property: String
    /// Runs one input; aborts through ``FuzzCheck`` when the property breaks.
    let run: @Sendable (FuzzInput) -> Void
}

/// The target chosen at start-up.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

/// libFuzzer's start-up hook: picks the target, or lists them for `--list-targets`.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let arguments = (0..<Int(argc.pointee)).compactMap { index in argv.pointee?[index].map { String(cString: $0) } }
    if arguments.contains("--list-targets") {
        for target in fuzzTargets { print(target.name) }
        exit(0)
    }
    if arguments.contains("--describe-targets") {
        for target in fuzzTargets { print("\(target.name): \(target.property)") }
        exit(0)
    }
    let name = getenv("DOCTOR_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = fuzzTargets.first(where: { $0.name == name }) else {
        let names = fuzzTargets.map(\.name).joined(separator: ", ")
        fputs("doctor-fuzz: set DOCTOR_FUZZ_TARGET to one of: \(names) (not \"\(name)\")\n", stderr)
        exit(64)
    }
    selectedTarget = target
    return 0
}

/// libFuzzer's entry point: one input to the chosen target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selectedTarget else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(FuzzInput(bytes: bytes))
    return 0
}
