/// A command's validated arguments, by parameter name, as normalised text with typed accessors.
public struct Arguments {
    var values: [String: [String]] = [:]
    var words: [String: Word] = [:]

    public init() {}

    /// Room for `count` parameters, so binding a command line grows no table.
    init(capacity count: Int) {
        values.reserveCapacity(count)
        words.reserveCapacity(count)
    }

    /// Builds arguments directly (tests and programmatic calls).
    public init(_ values: [String: [String]]) { self.values = values }

    /// The value of a single-valued parameter, or nil when absent.
    public func string(_ name: String) -> String? { values[name]?.last }
    /// Every value of a repeatable parameter (or variadic positional).
    public func strings(_ name: String) -> [String] { values[name] ?? [] }
    /// An integer value (validated as such when bound).
    public func int(_ name: String) -> Int? { string(name).flatMap { Int($0) } }
    /// A decimal or percentage value.
    public func double(_ name: String) -> Double? { string(name).flatMap { Double($0) } }
    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }
    /// Whether a parameter was given at all.
    public func has(_ name: String) -> Bool { values[name] != nil }
    /// The word the user typed for a parameter, to point at it in an error.
    public func word(for name: String) -> Word? { words[name] }

    mutating func append(_ name: String, _ value: String, word: Word?) {
        values[name, default: []].append(value)
        if let word { words[name] = word }
    }
}
