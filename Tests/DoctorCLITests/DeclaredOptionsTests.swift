import ArgumentParser
import DoctorCLI
import Foundation
import Testing

/// Every option a command declares is read by it, so that no help lists a flag its command
/// ignores.
///
/// The declared options are ArgumentParser's own view of each command: the property wrappers
/// (`@Option`, `@Flag`, `@Argument`, `@OptionGroup`) that reflection finds on an instance, for
/// every command the root reaches. "Read" means the property's name appears in the command's
/// source outside its declaration, its help text and its comments; an option group's members
/// must be read in the group's own files or through the group (`out.format`) by a command
/// that holds it.
@Suite("Declared options are read")
struct DeclaredOptionsTests {
    /// One declared property: its name and what kind of wrapper it is.
    struct Declared: CustomStringConvertible {
        var name: String
        var wrapper: String
        var groupType: String?
        var description: String { "\(wrapper) \(name)" }
    }

    /// The source tree, from this file's path.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/DoctorCLI")

    /// The option groups and the files where their own members are read.
    static let groupFiles: [String: [String]] = [
        "LiveOptions": ["Options/LiveOptions.swift", "Options/LiveOptions+CheckOptions.swift"],
        "ReportOutputOptions": ["Options/ReportOutputOptions.swift"],
        "StatusPageOption": ["Options/StatusPageOption.swift"],
        "RuntimeOption": ["Options/RuntimeOption.swift"],
        "BaselineOptions": ["Options/BaselineOptions.swift", "Commands/Baseline.swift"],
    ]

    /// Options a command accepts but does not list (`@OptionGroup(visibility: .hidden)`), with why.
    static let acceptedHidden: [String: String] = [
        "Verify statusPage":
            "docs/product.md lists --status-url among every live command's flags; verify asks no status page"
    ]

    /// Every command the root reaches, with the top-level command whose file holds it.
    static func commands() -> [(type: any ParsableCommand.Type, file: String)] {
        var found: [(any ParsableCommand.Type, String)] = []
        func walk(_ type: any ParsableCommand.Type, file: String) {
            found.append((type, file))
            for sub in type.configuration.subcommands { walk(sub, file: file) }
        }
        for top in RootCommand.configuration.subcommands {
            walk(top, file: "Commands/\(String(describing: top)).swift")
        }
        return found
    }

    /// The property wrappers reflection finds on a default instance of `type`.
    static func declared(in value: Any) -> [Declared] {
        Mirror(reflecting: value).children.compactMap { child in
            guard let label = child.label, label.hasPrefix("_") else { return nil }
            let typeName = String(describing: Swift.type(of: child.value))
            guard
                let wrapper = ["OptionGroup", "Option", "Flag", "Argument"].first(where: {
                    typeName.hasPrefix($0 + "<")
                })
            else {
                return nil
            }
            let group = wrapper == "OptionGroup" ? String(typeName.dropFirst("OptionGroup<".count).dropLast()) : nil
            return Declared(name: String(label.dropFirst()), wrapper: wrapper, groupType: group)
        }
    }

    /// A default instance of a command or group type.
    static func instance(_ type: any ParsableArguments.Type) -> Any { type.init() }

    @Test("every subcommand's options are read by it (no flag in a help that its command ignores)")
    func everyDeclaredOptionIsRead() throws {
        var groupUsers: [String: [String]] = [:]  // group type → code of the commands holding it
        var checked = 0
        for (type, file) in Self.commands() {
            let code = try Self.code(of: String(describing: type), inFile: file)
            for option in Self.declared(in: Self.instance(type)) {
                checked += 1
                if Self.acceptedHidden["\(type) \(option.name)"] != nil {
                    #expect(!Self.reads(option.name, in: code), "\(type) reads \(option.name): list it in its help")
                    continue
                }
                #expect(Self.reads(option.name, in: code), "\(type) declares \(option) but never reads it")
                if let group = option.groupType { groupUsers[group, default: []].append(code) }
            }
        }
        #expect(checked >= 40, "reflection found only \(checked) options")
        #expect(Set(groupUsers.keys) == Set(Self.groupFiles.keys), "option groups: \(groupUsers.keys.sorted())")
        for (group, files) in Self.groupFiles {
            let groupType: any ParsableArguments.Type =
                switch group {
                case "LiveOptions": LiveOptions.self
                case "StatusPageOption": StatusPageOption.self
                case "BaselineOptions": BaselineOptions.self
                case "RuntimeOption": RuntimeOption.self
                default: ReportOutputOptions.self
                }
            let own = try files.map { try Self.code(ofFile: $0) }.joined(separator: "\n")
            for option in Self.declared(in: Self.instance(groupType)) {
                let throughGroup = (groupUsers[group] ?? []).contains { Self.reads("." + option.name, in: $0) }
                #expect(
                    Self.reads(option.name, in: own) || throughGroup, "\(group) declares \(option) but nothing reads it"
                )
            }
        }
    }

    @Test("the source reading sees reads, not declarations, help texts or comments")
    func readingIsReal() {
        let code = Self.strip(
            """
            /// The file to write; `file` in a comment.
            @Option(help: "The file, in help.")
            public var file: String = "x"
            var unread = "\\(file) is read in an interpolation"
            let text = "unused in a string"
            let scanner = SecretScanner(options: .init(label: false))
            """)
        #expect(Self.reads("file", in: code))
        #expect(!Self.reads("unused", in: code))
        #expect(!Self.reads("unread", in: code))
        #expect(!Self.reads("label", in: code), "an argument label is not a read")
    }

    // MARK: Reading the source

    /// The code of `struct name` in `file`: from its declaration to the next type declared at
    /// its depth or above, without comments, help texts and string literals.
    static func code(of name: String, inFile file: String) throws -> String {
        let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.contains("struct \(name): ") }) else {
            Issue.record("struct \(name) not found in \(file)")
            return ""
        }
        let depth = lines[start].prefix { $0 == " " }.count
        var end = lines.count
        for index in (start + 1)..<lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            if indent <= depth, line.contains("struct ") || line.contains("enum ") || line.contains("extension ") {
                end = index
                break
            }
        }
        return strip(lines[start..<end].joined(separator: "\n"))
    }

    /// The code of a whole file, stripped.
    static func code(ofFile file: String) throws -> String {
        strip(try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8))
    }

    /// Drops comments, property-wrapper attribute lines (their help texts), multi-line strings,
    /// declarations' names and string literals, keeping the code inside interpolations.
    static func strip(_ text: String) -> String {
        var kept: [String] = []
        var inMultiline = false
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.contains("\"\"\"") {  // a multi-line string opens or closes (discussions, fixtures)
                inMultiline.toggle()
                continue
            }
            if inMultiline || trimmed.hasPrefix("//") || trimmed.hasPrefix("@Option") || trimmed.hasPrefix("@Flag")
                || trimmed.hasPrefix("@Argument") || trimmed.hasPrefix("name:") || trimmed.hasPrefix("help:")
            {
                continue
            }
            var code = withoutStrings(line)
            // `var name` declares; what follows the `=` or `:` may still read something else.
            if let range = code.range(of: #"\b(var|let)\s+[A-Za-z_][A-Za-z0-9_]*"#, options: .regularExpression),
                code[..<range.lowerBound].allSatisfy({ $0 == " " }) || code[..<range.lowerBound].contains("public ")
                    || code[..<range.lowerBound].contains("@OptionGroup")
            {
                code.removeSubrange(range)
            }
            kept.append(code)
        }
        return kept.joined(separator: "\n")
    }

    /// `line` with the text of its string literals removed and their interpolations kept.
    static func withoutStrings(_ line: String) -> String {
        var out = ""
        var inString = false
        var depth = 0  // parentheses open inside an interpolation
        var previous: Character = " "
        var characters = line.makeIterator()
        while let character = characters.next() {
            if inString && depth == 0 {
                if previous == "\\" && character == "(" {
                    depth = 1
                    out.append(" ")
                } else if character == "\"" && previous != "\\" {
                    inString = false
                }
                previous = character == "\\" && previous == "\\" ? " " : character
                continue
            }
            if depth > 0 {
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1 }
                if character == "\"" {
                    out.append(" ")
                } else {
                    out.append(depth == 0 ? " " : character)
                }
                previous = character
                continue
            }
            if character == "\"" {
                inString = true
                previous = " "
                continue
            }
            out.append(character)
            previous = character
        }
        return out
    }

    /// Whether `name` (a property, or `.property`) appears in `code` as a whole word.
    static func reads(_ name: String, in code: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        // A bare name is not preceded by a dot (`options.timeout` is another value's), `self.` aside,
        // and a name followed by a colon is an argument label (`.init(emails: false)`), not a read.
        let pattern =
            (name.hasPrefix(".") ? "" : #"(?:(?<![A-Za-z0-9_.])|(?<=self\.))"#) + escaped + #"(?![A-Za-z0-9_])(?!\s*:)"#
        return code.range(of: pattern, options: .regularExpression) != nil
    }
}
