/// A plugin: a named, versioned group of commands. The executable registers the built-in ones.
public protocol Plugin {
    /// Short lowercase name, also the first word of its commands by convention (`ehr`).
    var name: String { get }
    var version: String { get }
    /// One line for `help` and `plugins`.
    var summary: String { get }
    var commands: [CommandSpec] { get }
    /// The first words of the plugin's commands, when it can name them without building its commands:
    /// the registry then builds a word's commands when the word is first used (a one-shot run builds
    /// one plugin's few, not every plugin's). Nil (the default): every command is built at registration.
    var commandWords: [String]? { get }
    /// The commands whose first word is `word`, one of ``commandWords`` (by default: `commands`, filtered).
    func commands(firstWord word: String) -> [CommandSpec]
}

extension Plugin {
    public var commandWords: [String]? { nil }

    public func commands(firstWord word: String) -> [CommandSpec] {
        commands.filter { $0.path.first == word }
    }
}
