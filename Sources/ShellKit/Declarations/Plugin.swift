/// A plugin: a named, versioned group of commands. The executable registers the built-in ones.
public protocol Plugin {
    /// Short lowercase name, also the first word of its commands by convention (`ehr`).
    var name: String { get }
    var version: String { get }
    /// One line for `help` and `plugins`.
    var summary: String { get }
    var commands: [CommandSpec] { get }
}
