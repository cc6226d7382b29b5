import ArgumentParser

/// Every exit code the tool uses, as docs/product.md defines them.
public enum ExitCodes {
    /// Ran; nothing wrong, or the analysis was produced.
    public static let ok = ExitCode(0)
    /// Ran; a problem was found (a failing diagnosis, a leaked secret, a fix not verified).
    public static let problem = ExitCode(1)
    /// A usage error (bad flag or value).
    public static let usage = ExitCode(64)
    /// An input file cannot be read.
    public static let inputUnreadable = ExitCode(66)
    /// An internal error (a bug).
    public static let internalError = ExitCode(70)
}
