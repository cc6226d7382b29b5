#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Java probe compiled once and kept in the user's cache directory, so that later runs start
/// the JVM on a class file instead of compiling the single-file source program again.
///
/// `java Probe.java` compiles the program in memory at every run: about half of the Java probe's
/// CPU time, which `check --runtime all` pays beside the other runtimes on the same cores
/// (Benchmarks/check/README.md). The class is compiled by the `javac` beside the `java` that runs
/// it, for release 11 (the first with `java.net.http`), so a JDK upgraded in place still loads it.
/// Nothing here changes what the probe observes: no flag of trust, proxy or network is passed.
///
/// The cache is `$XDG_CACHE_HOME/openai-doctor/java-probe/KEY/Probe.class` (else under
/// `$HOME/.cache`), taken from the environment the runtimes get; KEY hashes the program text and
/// the JDK's real path, so an edited probe or another JDK compiles anew. Directories are made
/// mode 0700 and a class is used only from a directory this user owns that no one else may
/// write. Any failure (no `javac`, as in a bare JRE; no cache directory; a compile error) gives
/// `nil`, and the caller runs the source file as before.
enum JavaProbeCache {
    /// The class name the probe program declares.
    static let className = "Probe"

    /// The directory holding the compiled probe for `program` and `javaExecutable`, compiled now
    /// if it is not there yet; `nil` when it cannot be had.
    static func classDirectory(
        javaExecutable: String, program: String, environment: [String: String],
        deadline: ContinuousClock.Instant
    ) async -> String? {
        guard let root = cacheRoot(environment), let jdk = realPath(javaExecutable) else { return nil }
        let javac = directoryName(jdk) + "/javac"
        guard access(javac, X_OK) == 0 else { return nil }
        let directory = "\(root)/\(key(program: program, jdk: jdk))"
        if isUsable(directory) { return directory }
        guard makePrivateDirectories(root) else { return nil }
        // Compiled into a private directory of its own, then renamed into place: a run that stops
        // half-way, or two runs at once, never leave a partial class where the next run looks.
        guard let staging = RuntimeRunner.makePrivateDirectory(in: root) else { return nil }
        defer { RuntimeRunner.removePrivateDirectory(staging) }
        guard RuntimeRunner.writePrivateFile("\(staging)/\(className).java", program) else { return nil }
        // javac needs no credential: the key variables stay out of its environment.
        let compilerEnvironment = environment.filter {
            !$0.key.hasPrefix("OPENAI_") && $0.key != "AZURE_OPENAI_API_KEY"
        }
        let compile = RuntimeProcess(
            arguments: [javac, "--release", "11", "-nowarn", "-d", staging, "\(staging)/\(className).java"],
            environment: compilerEnvironment)
        guard let result = await compile.run(until: deadline), result.status == 0, !result.timedOut,
            access("\(staging)/\(className).class", R_OK) == 0
        else { return nil }
        unlink("\(staging)/\(className).java")
        if rename(staging, directory) != 0 {
            // Another run put the same class in place first: use that one.
            return isUsable(directory) ? directory : nil
        }
        return directory
    }

    /// `$XDG_CACHE_HOME/openai-doctor/java-probe`, else `$HOME/.cache/openai-doctor/java-probe`;
    /// only absolute paths count, as the XDG base directory specification says.
    static func cacheRoot(_ environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return trimmedSlash(cache) + "/openai-doctor/java-probe"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return trimmedSlash(home) + "/.cache/openai-doctor/java-probe"
        }
        return nil
    }

    /// The cache key: FNV-1a (64 bits) of the program text and the JDK's real path, in hex.
    static func key(program: String, jdk: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in program.utf8 + [0] + jdk.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether `directory` holds the class, belongs to this user and is writable by no one else.
    static func isUsable(_ directory: String) -> Bool {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o022 == 0,
            access("\(directory)/\(className).class", R_OK) == 0
        else { return false }
        return true
    }

    /// Makes `path` and its missing parents, each new one mode 0700.
    static func makePrivateDirectories(_ path: String) -> Bool {
        var built = ""
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// The resolved path of `path` (symbolic links followed: `/usr/bin/java` is a link into the JDK).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func trimmedSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
