/// One word of a command as written: literal text and variable references, with where it stood.
public struct Word: Equatable, Sendable {
    public enum Part: Equatable, Sendable {
        case literal(String)
        case variable(String)
    }

    public var parts: [Part]
    /// Where the word starts: 1-based physical line and 0-based character column in that line.
    public var line: Int
    public var column: Int
    /// Characters the word spans in the source (on its first line), for pointing at it.
    public var length: Int
    /// The word as written, quotes included.
    public var source: String

    /// Whether the word refers to a variable (its text is known only when it runs).
    public var hasVariables: Bool {
        parts.contains { if case .variable = $0 { return true } else { return false } }
    }

    /// The text, when the word has no variables.
    public var literal: String? {
        // One part (the usual word) is its own text: no string is built.
        if parts.count == 1, case .literal(let s) = parts[0] { return s }
        var text = ""
        for part in parts {
            guard case .literal(let s) = part else { return nil }
            text += s
        }
        return text
    }
}

/// A command as written: its words, its source text and line.
public struct Statement: Equatable, Sendable {
    public var words: [Word]
    /// The command's source text (continuations joined), as typed — used for `--echo` and the audit log.
    public var text: String
    /// 1-based line on which the command starts.
    public var line: Int
}

/// A syntax error found while splitting text into statements.
public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    /// True when more input could complete the text (open quote, trailing backslash).
    public var isIncomplete: Bool
    public var description: String { message }
}
