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
import DoctorCore
import DoctorProbes

extension LiveOptions {
    /// Resolves these flags, the environment, `.env` (unless `--no-dotenv`) and `--cacert` into the
    /// probes' options: the one resolution `check`, `verify`, `baseline` and `monitor` share.
    ///
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - spend: whether one billable generation is allowed (`check --spend`).
    /// - Throws: ``CLIError`` when `.env` or `--cacert` cannot be read.
    func checkOptions(environment: [String: String], spend: Bool) throws -> CheckOptions {
        var dotenv: DotEnv?
        var dotenvPath: String?
        if !self.noDotenv, access(".env", R_OK) == 0 {
            let input = try BoundedInput.read(path: ".env", headLimit: 1 << 20, tailLimit: 0)
            dotenv = DotEnv.parse(String(decoding: input.bytes, as: UTF8.self), environment: environment)
            dotenvPath = ".env"
        }
        let configuration = LiveConfiguration.resolve(
            self.inputs, environment: environment, dotenv: dotenv, dotenvPath: dotenvPath)
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
        if Terminal.stderrIsTerminal && self.output == nil {
            progress = { result in
                let symbol = CheckConsoleRenderer.symbol(result.status)
                LiveOutput.progress("\r\u{1B}[K… \(result.id) \(symbol)")
            }
        }
        return CheckOptions(
            configuration: configuration, timeout: self.timeoutDuration,
            statusURL: self.statusURL.flatMap(EndpointURL.init) ?? CheckOptions.defaultStatusURL, spend: spend,
            transport: transport,
            inContainer: access("/.dockerenv", F_OK) == 0 || access("/run/.containerenv", F_OK) == 0,
            tool: ToolIdentity(name: ToolInfo.name, version: ToolInfo.version),
            startedAtSeconds: now.timeIntervalSince1970, utcOffsetSeconds: zone.secondsFromGMT(for: now),
            timeZone: zone.identifier, progress: progress)
    }
}
