import DoctorCore

/// The ignore rules of a git work tree, read the way git reads them (gitignore(5)).
///
/// Rules come from `.git/info/exclude` and from every `.gitignore` between the repository
/// root and the file; the last matching rule wins, `!` re-includes, a trailing `/` matches
/// directories only, a pattern with a slash before its end is anchored to its file's
/// directory, `*` and `?` never cross `/`, `**` spans directories, `[a-z]` is a class.
///
/// ```swift
/// var rules = GitIgnore()
/// rules.add(contentsOf: ".env\n*.log\n!keep.log\nbuild/\n", base: "")
/// rules.isIgnored("logs/app.log", isDirectory: false)   // true
/// ```
struct GitIgnore: Sendable {
    /// One line of a `.gitignore`.
    struct Rule: Sendable {
        var base: [Substring]
        var pattern: [[UInt8]]
        var negated: Bool
        var directoryOnly: Bool
        var anchored: Bool
    }

    var rules: [Rule] = []

    /// No rules.
    init() {}

    /// Whether there are no rules.
    var isEmpty: Bool { rules.isEmpty }

    /// Adds the rules of a `.gitignore` found in directory `base` (relative to the repository root, "" for the root).
    mutating func add(contentsOf text: String, base: String) {
        let baseParts = base.split(separator: "/")
        // `\r\n` is one Character in Swift, unequal to "\n": a Windows .gitignore splits on both.
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            // Trailing spaces are ignored unless escaped.
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line = line.dropFirst()
            } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
                line = line.dropFirst()
            }
            var directoryOnly = false
            if line.hasSuffix("/") {
                directoryOnly = true
                line = line.dropLast()
            }
            guard !line.isEmpty else { continue }
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line = line.dropFirst() }
            let parts = line.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
            rules.append(
                Rule(
                    base: baseParts, pattern: parts, negated: negated, directoryOnly: directoryOnly, anchored: anchored)
            )
        }
    }

    /// Whether `path` (relative to the repository root, `/`-separated) is ignored.
    func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        let parts = path.split(separator: "/")
        var ignored = false
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            guard parts.count > rule.base.count, Array(parts.prefix(rule.base.count)) == rule.base else { continue }
            let rest = parts.dropFirst(rule.base.count).map { Array($0.utf8) }
            let matched: Bool
            if rule.anchored {
                matched = Self.match(rule.pattern[...], rest[...])
            } else {
                matched = Self.component(rule.pattern[0][...], rest.last![...])
            }
            if matched { ignored = !rule.negated }
        }
        return ignored
    }

    /// Matches pattern components against path components, `**` spanning any number of them.
    static func match(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == Array("**".utf8) {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var p = path
            while true {
                if match(rest, p) { return true }
                if p.isEmpty { return false }
                p = p.dropFirst()
            }
        }
        guard let head = path.first, component(first[...], head[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Matches one component with `*`, `?`, `[…]` and `\` escapes.
    static func component(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var n = name.startIndex
        var starP: Int?
        var starN = 0
        while n < name.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p
                    starN = n
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "?") {
                    p += 1
                    n += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (matched, next) = bracket(pattern, p, name[n]) {
                    if matched {
                        p = next
                        n += 1
                        continue
                    }
                } else {
                    var literal = c
                    var next = p + 1
                    if c == UInt8(ascii: "\\"), p + 1 < pattern.endIndex {
                        literal = pattern[p + 1]
                        next = p + 2
                    }
                    if literal == name[n] {
                        p = next
                        n += 1
                        continue
                    }
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starN += 1
            n = starN
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// A `[…]` class at `p`: whether `byte` is in it, and the index after it; `nil` if unterminated.
    static func bracket(_ pattern: ArraySlice<UInt8>, _ p: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = p + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < pattern.endIndex, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if byte == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
