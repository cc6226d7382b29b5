/// One row of a knowledge table: a text or code an HTTP stack or OS prints, and the transport
/// failure it shows, or that it does not decide.
///
/// Texts are fragments cut where the stack inserts a variable part (`Could not resolve host: `
/// before the host name), matched case-insensitively anywhere in the input. Codes (`curl: (6)`,
/// `10061`, `ENOTFOUND`) are tokens: they match only where they stand alone, and a sentence
/// found beside them outranks them (a code says less than the words printed with it), and so
/// does a wrapper's summary (`Could not connect to server` printed with `Connection timed out`).
struct TransportText: Sendable {
    /// What the stack prints, as it prints it.
    let text: String
    /// The failed phase and how it failed, or `nil` when the text does not decide.
    let failure: (phase: TransportFailure.Phase, kind: TransportFailure.Kind)?
    /// Whether the text must stand alone as a token (codes, numbers, names).
    let isToken: Bool
    /// Whether any specific sentence found with it outranks it (codes and summaries).
    let isWeak: Bool
    /// Whether it decides only when the text holds no other known text of any stack: a stack's
    /// bare summary (reqwest's `error sending request for url (…)`) shows that no answer came,
    /// but a known cause printed beside it, even one that does not decide, is the stack saying why.
    var isBare = false

    /// A sentence (or fragment of one) that shows a failure.
    static func says(
        _ text: String, _ phase: TransportFailure.Phase, _ kind: TransportFailure.Kind
    ) -> TransportText {
        TransportText(text: text, failure: (phase, kind), isToken: false, isWeak: false)
    }

    /// A wrapper's summary sentence: it shows a failure, but a specific sentence beside it wins.
    static func summary(
        _ text: String, _ phase: TransportFailure.Phase, _ kind: TransportFailure.Kind
    ) -> TransportText {
        TransportText(text: text, failure: (phase, kind), isToken: false, isWeak: true)
    }

    /// A stack's bare summary: no answer arrived, nothing says why. It decides (after every other
    /// row) only when the text holds no other known text; beside one, even one that does not
    /// decide, it is known and decides nothing.
    static func bare(
        _ text: String, _ phase: TransportFailure.Phase, _ kind: TransportFailure.Kind
    ) -> TransportText {
        TransportText(text: text, failure: (phase, kind), isToken: false, isWeak: true, isBare: true)
    }

    /// A code or name, matched as a token, that shows a failure.
    static func code(
        _ text: String, _ phase: TransportFailure.Phase, _ kind: TransportFailure.Kind
    ) -> TransportText {
        TransportText(text: text, failure: (phase, kind), isToken: true, isWeak: true)
    }

    /// A text the stack prints that does not decide a cause on its own (a wrapper's summary, a
    /// local configuration fault): it is known, so a decisive fragment inside it is not read.
    static func undecided(_ text: String) -> TransportText {
        TransportText(text: text, failure: nil, isToken: false, isWeak: true)
    }

    /// A code that does not decide a cause on its own.
    static func undecidedCode(_ text: String) -> TransportText {
        TransportText(text: text, failure: nil, isToken: true, isWeak: true)
    }
}

/// A complete table of one stack's error texts and codes, with where it comes from.
struct TransportTable: Sendable {
    /// The stack (`libcurl`, `Winsock`, `undici`).
    let name: String
    /// The library's documentation page or source file the rows come from, with its version.
    let source: String
    /// The rows.
    let rows: [TransportText]
}
