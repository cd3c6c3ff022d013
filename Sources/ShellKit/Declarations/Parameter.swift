/// One parameter of a command: a positional argument, an option that takes a value, or a flag.
public struct Parameter {
    /// How the parameter appears on the command line.
    public enum Style: Equatable {
        /// A word in position order (`unit show UNIT`).
        case positional
        /// `--name VALUE` (or `--name=VALUE`).
        case option
        /// `--name`, true when present.
        case flag
    }

    public var name: String
    public var style: Style
    public var type: ValueType
    public var summary: String
    public var isRequired: Bool
    /// Takes every remaining positional word (last positional only), or may be repeated (options).
    public var isRepeatable: Bool
    /// Shown in help; the command applies it itself (so help never lies about where it comes from).
    public var defaultDescription: String?

    public init(
        _ name: String, style: Style, type: ValueType = .text, summary: String,
        required: Bool = false, repeatable: Bool = false, defaultDescription: String? = nil
    ) {
        self.name = name
        self.style = style
        self.type = type
        self.summary = summary
        self.isRequired = required
        self.isRepeatable = repeatable
        self.defaultDescription = defaultDescription
    }

    /// A positional argument (required unless said otherwise).
    public static func positional(
        _ name: String, _ type: ValueType = .text, _ summary: String,
        required: Bool = true, variadic: Bool = false
    ) -> Parameter {
        Parameter(name, style: .positional, type: type, summary: summary, required: required, repeatable: variadic)
    }

    /// An option `--name VALUE`.
    public static func option(
        _ name: String, _ type: ValueType = .text, _ summary: String,
        required: Bool = false, repeatable: Bool = false, default defaultDescription: String? = nil
    ) -> Parameter {
        Parameter(name, style: .option, type: type, summary: summary, required: required,
                  repeatable: repeatable, defaultDescription: defaultDescription)
    }

    /// A flag `--name`.
    public static func flag(_ name: String, _ summary: String) -> Parameter {
        Parameter(name, style: .flag, summary: summary)
    }

    /// The same parameter with another default described in help.
    public func with(defaultDescription: String) -> Parameter {
        var copy = self
        copy.defaultDescription = defaultDescription
        return copy
    }

    /// How the parameter looks in a usage line.
    var usageFragment: String {
        switch style {
        case .positional:
            let word = name.uppercased() + (isRepeatable ? "..." : "")
            return isRequired ? word : "[\(word)]"
        case .option:
            let word = "--\(name) \(type.placeholder)"
            return isRequired ? word : "[\(word)]"
        case .flag:
            return "[--\(name)]"
        }
    }
}
