import DoctorCore
import DoctorProbes

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LiveOptions {
    /// Resolves these flags, the environment, `.env` (unless `--no-dotenv`) and `--cacert` into the
    /// probes' options: the one resolution `check`, `verify`, `baseline` and `monitor` share.
    ///
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - statusPage: `--status-url`; `nil` for a command that asks no status page (OpenAI's is kept
    ///     in the options then, unused).
    ///   - spend: whether one billable generation is allowed (`check --spend`).
    ///   - progress: whether to show each finished check on a terminal's standard error.
    ///   - saved: for `verify --from`, the saved report's target to hold constant (the flags given
    ///     still win), and the report's path for the sources.
    /// - Throws: ``CLIError`` when `.env` or `--cacert` cannot be read.
    func checkOptions(
        environment: [String: String], statusPage: StatusPageOption?, spend: Bool, progress showsProgress: Bool = false,
        holding saved: (target: CheckTarget, path: String)? = nil
    ) throws -> CheckOptions {
        var dotenv: DotEnv?
        var dotenvPath: String?
        if !self.noDotenv, access(".env", R_OK) == 0 {
            let input = try BoundedInput.read(path: ".env", headLimit: 1 << 20, tailLimit: 0)
            dotenv = DotEnv.parse(String(decoding: input.bytes, as: UTF8.self), environment: environment)
            dotenvPath = ".env"
        }
        var configuration = LiveConfiguration.resolve(
            self.inputs, environment: environment, dotenv: dotenv, dotenvPath: dotenvPath)
        if let saved {
            // The proxy today's environment picks for the saved target, to keep its password.
            let proxyNow = EndpointURL(saved.target.baseURL).map { configuration.proxy(for: $0).proxy } ?? nil
            let held = HeldInputs(flags: self.inputs, saved: saved.target, proxyNow: proxyNow)
            configuration = LiveConfiguration.resolve(
                held.inputs, environment: environment, dotenv: dotenv, dotenvPath: dotenvPath)
            held.relabel(&configuration, from: saved.path)
        }
        var pem: [String] = []
        if let path = self.cacert {
            let input = try BoundedInput.read(path: path, headLimit: 4 << 20, tailLimit: 0)
            let text = String(decoding: input.bytes, as: UTF8.self)
            guard text.contains("-----BEGIN CERTIFICATE-----") else {
                throw CLIError.unreadableInput(path: path, reason: "no PEM certificate in it")
            }
            pem.append(text)
        }
        let transport = TransportSettings(
            resolve: self.resolve.compactMap(ResolveOverride.init(parsing:)), extraCAPEM: pem)
        let now = Date()
        let zone = TimeZone.current
        var progress: (@Sendable (CheckResult) -> Void)?
        if showsProgress && Terminal.stderrIsTerminal {
            progress = { result in
                let symbol = CheckConsoleRenderer.symbol(result.status)
                LiveOutput.progress("\r\u{1B}[K… \(result.id) \(symbol)")
            }
        }
        var options = CheckOptions(
            configuration: configuration, timeout: self.timeoutDuration,
            statusURL: statusPage?.url ?? CheckOptions.defaultStatusURL, spend: spend,
            transport: transport,
            inContainer: access("/.dockerenv", F_OK) == 0 || access("/run/.containerenv", F_OK) == 0,
            tool: ToolIdentity(name: ToolInfo.name, version: ToolInfo.version),
            startedAtSeconds: now.timeIntervalSince1970, utcOffsetSeconds: zone.secondsFromGMT(for: now),
            timeZone: zone.identifier, progress: progress)
        options.caFile = self.cacert
        return options
    }
}
