/// Input that `redact` and `audit` refuse to treat as text.
public struct BinaryInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path.
    public var path: String

    /// Creates the error.
    public init(path: String) { self.path = path }

    /// "PATH looks like a binary file (it contains NUL bytes)".
    public var description: String { "\(path) looks like a binary file (it contains NUL bytes); not processed" }
}
