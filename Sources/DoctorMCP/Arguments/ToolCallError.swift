/// A tool call that cannot be carried out: a bad argument, an unreadable input, a refused
/// setting. It becomes a tool result with `isError: true` and this message, so the agent sees
/// what to change (MCP's tool execution errors), never a protocol error.
public struct ToolCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The argument at fault, when one is.
    public var argument: String?
    /// What went wrong and what is expected, for the agent.
    public var message: String

    /// Creates an error; `argument` names the argument at fault.
    public init(argument: String? = nil, _ message: String) {
        self.argument = argument
        self.message = message
    }

    /// The message, prefixed by the argument's name when there is one.
    public var description: String {
        guard let argument else { return message }
        return "argument `\(argument)`: \(message)"
    }
}
