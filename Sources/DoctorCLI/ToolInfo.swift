/// The tool's name and version, as reports and `--version` show them.
public enum ToolInfo {
    /// The executable's name.
    public static let name = "openai-doctor"
    /// The tool's version.
    public static let version = "0.1.0"
}
