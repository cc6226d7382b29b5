#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Java probe compiled once and kept in the user's cache directory, so that later runs start
/// the JVM on a jar instead of compiling the single-file source program again, with a class-data
/// archive of the classes the probe loads.
///
/// `java Probe.java` compiles the program in memory at every run: about half of the Java probe's
/// CPU time, which `check --runtime all` pays beside the other runtimes on the same cores
/// (Benchmarks/check/README.md). The class is compiled by the `javac` beside the `java` that runs
/// it, for release 11 (the first with `java.net.http`), and put in a jar by the `jar` beside it
/// (class-data sharing takes jars only). The first run after that dumps the classes it loaded
/// into a dynamic class-data archive (`-XX:ArchiveClassesAtExit`, Java 13 and later); later runs
/// map it (`-XX:SharedArchiveFile`) instead of loading and verifying those classes again, about a
/// quarter of the probe's CPU time. Nothing here changes what the probe observes: no flag of
/// trust, proxy or network is passed, and the JVM loads the same classes either way.
///
/// The cache is `$XDG_CACHE_HOME/openai-doctor/java-probe/KEY/` (else under `$HOME/.cache`),
/// taken from the environment the runtimes get; KEY hashes the program text, the JDK's real path
/// and its `lib/modules` (size and time: a JDK updated in place), so an edited probe or another
/// JDK compiles anew. Directories are made mode 0700 and a jar or archive is used only from a
/// directory this user owns that no one else may write. Any failure (no `javac` or `jar`, as in a
/// bare JRE; no cache directory; a compile error) gives `nil`, and the caller runs the source file
/// as before. An archive the JVM cannot use is passed over by the JVM itself (`-Xshare:auto`, its
/// default), and one that stops the JVM (a truncated file) is removed and the probe run again
/// without it (``RuntimeRunner``).
enum JavaProbeCache {
    /// The class name the probe program declares.
    static let className = "Probe"
    /// The jar holding the class, in the cache directory.
    static let jarName = "Probe.jar"
    /// The class-data archive beside it, once a run has dumped it.
    static let archiveName = "Probe.jsa"

    /// How a run uses the class-data archive.
    enum Archive: Sendable, Equatable {
        /// Map the archive at this path.
        case share(String)
        /// Dump one at this path (a name of its own) when the JVM exits, to be kept by ``keepArchive``.
        case create(String)
        /// Neither: a plain run on the jar.
        case none

        /// Whether the JVM writes the archive as it exits, so the run must wait for that exit.
        var dumpsAtExit: Bool {
            if case .create = self { return true }
            return false
        }
    }

    /// The archive use for a run from `directory`: the archive when there is a usable one, else
    /// a dump to a name of this run's own.
    static func archive(in directory: String) -> Archive {
        if isUsableArchive("\(directory)/\(archiveName)") { return .share("\(directory)/\(archiveName)") }
        return .create("\(directory)/\(archiveName).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).part")
    }

    /// The JVM flags for `archive`; the JVM's own messages about the archive (a dump's list of
    /// classes it skipped, an archive it could not use) are silenced so they stay off the
    /// probe's standard output, and a JDK without dynamic archives (11, 12) ignores the flags.
    static func flags(_ archive: Archive) -> [String] {
        let quiet = ["-XX:+IgnoreUnrecognizedVMOptions", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
        switch archive {
        case .share(let path): return ["-XX:SharedArchiveFile=\(path)"] + quiet
        case .create(let path): return ["-XX:ArchiveClassesAtExit=\(path)"] + quiet
        case .none: return []
        }
    }

    /// After a run that dumped to `partial`: puts it in place when the run reported (`reported`),
    /// else removes it. A failed or interrupted dump never becomes the archive later runs map.
    static func keepArchive(_ partial: String, in directory: String, reported: Bool) {
        guard reported, isUsableArchive(partial), rename(partial, "\(directory)/\(archiveName)") == 0 else {
            unlink(partial)
            return
        }
    }

    /// Removes the archive in `directory` (one that stopped the JVM): the next run dumps a new one.
    static func discardArchive(in directory: String) {
        unlink("\(directory)/\(archiveName)")
    }

    /// Whether `path` is a non-empty regular file this user owns that no one else may write.
    static func isUsableArchive(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & 0o170000 == 0o100000, info.st_uid == getuid(),
            info.st_mode & 0o022 == 0, info.st_size > 0
        else { return false }
        return true
    }

    /// The directory holding the compiled probe for `program` and `javaExecutable`, compiled now
    /// if it is not there yet; `nil` when it cannot be had.
    static func classDirectory(
        javaExecutable: String, program: String, environment: [String: String],
        deadline: ContinuousClock.Instant
    ) async -> String? {
        guard let root = cacheRoot(environment), let jdk = realPath(javaExecutable) else { return nil }
        let javac = directoryName(jdk) + "/javac"
        let jar = directoryName(jdk) + "/jar"
        guard access(javac, X_OK) == 0, access(jar, X_OK) == 0 else { return nil }
        let directory = "\(root)/\(key(program: program, jdk: jdk + " jar" + modulesStamp(jdk)))"
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
        guard
            await runTool(
                [javac, "--release", "11", "-nowarn", "-d", staging, "\(staging)/\(className).java"],
                making: "\(staging)/\(className).class", environment: compilerEnvironment, deadline: deadline),
            await runTool(
                [jar, "--create", "--file", "\(staging)/\(jarName)", "-C", staging, "\(className).class"],
                making: "\(staging)/\(jarName)", environment: compilerEnvironment, deadline: deadline)
        else { return nil }
        unlink("\(staging)/\(className).java")
        unlink("\(staging)/\(className).class")
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

    /// Runs one JDK tool (`javac`, `jar`) to its end within `deadline`: whether it exited with 0
    /// and left `output` readable.
    private static func runTool(
        _ arguments: [String], making output: String, environment: [String: String],
        deadline: ContinuousClock.Instant
    ) async -> Bool {
        guard let result = await RuntimeProcess(arguments: arguments, environment: environment).run(until: deadline)
        else { return false }
        return result.status == 0 && !result.timedOut && access(output, R_OK) == 0
    }

    /// Whether `directory` holds the jar, belongs to this user and is writable by no one else.
    static func isUsable(_ directory: String) -> Bool {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o022 == 0,
            access("\(directory)/\(jarName)", R_OK) == 0
        else { return false }
        return true
    }

    /// The size and modification time of the JDK's `lib/modules` (its class library), for the
    /// cache key: a JDK updated in place keeps its path but not these. Empty when absent.
    static func modulesStamp(_ jdk: String) -> String {
        var info = stat()
        guard stat(directoryName(directoryName(jdk)) + "/lib/modules", &info) == 0 else { return "" }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return " modules \(info.st_size) \(time.tv_sec).\(time.tv_nsec)"
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
