import ArgumentParser

/// The output formats of docs/product.md's `--format` flag.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// For people; not a parseable format.
    case text
    /// The versioned JSON contract (`schema_version`, sorted snake_case keys).
    case json
    /// Markdown, for issues and support tickets.
    case markdown
    /// One self-contained HTML page.
    case html
}

/// The formats of a command that writes one diagnosis or one comparison: no HTML page
/// (`explain`, `baseline`). Its help lists only these.
public enum DocumentFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// For people; not a parseable format.
    case text
    /// The versioned JSON contract.
    case json
    /// Markdown, for issues and support tickets.
    case markdown
}

/// When to colour terminal output (`--color`); `NO_COLOR` turns `auto` off.
public enum ColorMode: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset.
    case auto
    /// Always colour.
    case always
    /// Never colour.
    case never

    /// Whether to colour, given the environment and whether stdout is a terminal.
    public func enabled(environment: [String: String], isTerminal: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }
}
