import DoctorCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files under some paths, recursively, the way `audit` reads them.
///
/// Symbolic links are not followed (no loops, nothing outside the tree), `.git`
/// directories are never entered, and inside a git work tree the ignore rules apply
/// (``GitIgnore``) unless `honourIgnoreFiles` is off. A file named explicitly is always
/// listed. Paths that cannot be read are reported, never fatal.
struct FileWalker {
    /// One file to scan.
    struct File: Sendable, Hashable {
        /// The path as it will be shown (relative to the working directory when given so).
        var path: String
        /// The size in bytes.
        var size: Int
    }

    /// What the walk found.
    struct Listing: Sendable {
        /// The files to scan, in a stable order.
        var files: [File] = []
        /// Paths that could not be read, with the reason.
        var unreadable: [FileIOError] = []
        /// How many files and directories the ignore rules excluded.
        var ignored = 0
    }

    /// Whether `.gitignore` rules are honoured inside a git work tree.
    var honourIgnoreFiles: Bool

    /// Creates a walker.
    init(honourIgnoreFiles: Bool = true) {
        self.honourIgnoreFiles = honourIgnoreFiles
    }

    /// Lists the files under `paths`.
    func list(_ paths: [String]) -> Listing {
        var listing = Listing()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                listing.unreadable.append(FileIOError(path: path, operation: "read", code: errno))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var context = honourIgnoreFiles ? RepositoryContext(directory: path) : nil
                walk(path, relative: context?.relativePrefix ?? "", context: &context, into: &listing)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                listing.files.append(File(path: path, size: Int(info.st_size)))
            } else {
                listing.unreadable.append(FileIOError(path: path, operation: "read", code: EINVAL))
            }
        }
        return listing
    }

    private func walk(
        _ directory: String, relative: String, context: inout RepositoryContext?, into listing: inout Listing
    ) {
        guard let handle = opendir(directory) else {
            listing.unreadable.append(FileIOError(path: directory, operation: "read", code: errno))
            return
        }
        var entries: [(String, UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                // Safe: d_name is a fixed-size array in the dirent: a non-empty buffer has a base address
                // swift-format-ignore: NeverForceUnwrap
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." || name == ".git" { continue }
            entries.append((name, entry.pointee.d_type))
        }
        closedir(handle)
        entries.sort { $0.0 < $1.0 }
        let saved = context?.ignore
        if context != nil, let text = Self.readSmallFile(join(directory, ".gitignore")) {
            context?.ignore.add(contentsOf: text, base: relative)
        }
        for (name, type) in entries {
            let path = join(directory, name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var kind = type
            if kind == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = UInt8(DT_DIR)
                case S_IFREG: kind = UInt8(DT_REG)
                default: kind = UInt8(DT_LNK)
                }
            }
            guard kind == UInt8(DT_DIR) || kind == UInt8(DT_REG) else { continue }
            let isDirectory = kind == UInt8(DT_DIR)
            if let rules = context?.ignore, rules.isIgnored(rel, isDirectory: isDirectory) {
                listing.ignored += 1
                continue
            }
            if isDirectory {
                walk(path, relative: rel, context: &context, into: &listing)
            } else {
                var info = stat()
                if stat(path, &info) == 0 {
                    listing.files.append(File(path: path, size: Int(info.st_size)))
                } else {
                    listing.unreadable.append(FileIOError(path: path, operation: "read", code: errno))
                }
            }
        }
        if let saved { context?.ignore = saved }
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Reads a file of at most 1 MiB as text, or `nil`.
    static func readSmallFile(_ path: String) -> String? {
        guard let input = try? InputFile(path: path) else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 1 << 20 {
            // Safe: a 64 KiB chunk: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = (try? chunk.withUnsafeMutableBytes { try input.read(into: $0.baseAddress!, count: $0.count) }) ?? 0
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The git work tree a walk starts in: its root, the walk's place in it, and the rules above.
struct RepositoryContext {
    var ignore = GitIgnore()
    /// The scanned directory relative to the repository root ("" at the root).
    var relativePrefix: String

    /// The context for `directory`, or `nil` when it is not inside a git work tree.
    init?(directory: String) {
        guard let resolved = realpath(directory, nil) else { return nil }
        let absolute = String(cString: resolved)
        free(resolved)
        var components = absolute.split(separator: "/").map(String.init)
        var below: [String] = []
        while true {
            let candidate = "/" + components.joined(separator: "/")
            var info = stat()
            if stat((candidate == "/" ? "" : candidate) + "/.git", &info) == 0 {
                let root = candidate
                relativePrefix = below.reversed().joined(separator: "/")
                if let exclude = FileWalker.readSmallFile(root + "/.git/info/exclude") {
                    ignore.add(contentsOf: exclude, base: "")
                }
                // Rules of the directories between the root and the scanned directory.
                var path = root
                var rel = ""
                for part in below.reversed().dropLast() {
                    if let text = FileWalker.readSmallFile(path + "/.gitignore") {
                        ignore.add(contentsOf: text, base: rel)
                    }
                    path += "/" + part
                    rel = rel.isEmpty ? part : rel + "/" + part
                }
                if !below.isEmpty, let text = FileWalker.readSmallFile(path + "/.gitignore") {
                    ignore.add(contentsOf: text, base: rel)
                }
                return
            }
            guard let last = components.popLast() else { return nil }
            below.append(last)
        }
    }
}
