/// All declared commands, as a tree of words, with the plugin each came from.
public struct CommandRegistry {
    /// A node of the command tree: a word that may be a command, a group of subcommands, or both.
    final class Node {
        var children: [String: Node] = [:]
        var command: CommandSpec?
        var pluginName: String?
        var sortedChildNames: [String] { children.keys.sorted() }
    }

    let root = Node()
    /// Plugins in registration order.
    public private(set) var plugins: [Plugin] = []
    /// Every command in registration order, with its plugin's name.
    public private(set) var commands: [(plugin: String, spec: CommandSpec)] = []
    /// The most words any command's path has.
    private(set) var longestPath = 0

    public init() {}

    /// Adds a plugin's commands; a path declared twice is a programming error.
    public mutating func register(_ plugin: Plugin) {
        plugins.append(plugin)
        for spec in plugin.commands {
            var node = root
            for word in spec.path {
                if let next = node.children[word] {
                    node = next
                } else {
                    let next = Node()
                    next.pluginName = plugin.name
                    node.children[word] = next
                    node = next
                }
            }
            precondition(node.command == nil, "command '\(spec.name)' declared twice")
            node.command = spec
            commands.append((plugin.name, spec))
            longestPath = max(longestPath, spec.path.count)
        }
    }

    /// The outcome of matching words against the tree.
    enum Match {
        /// A command, and how many words named it.
        case command(CommandSpec, consumed: Int)
        /// Words named a group, not a command (`ehr`): list its subcommands.
        case group(path: [String], subcommands: [String])
        /// The word at `index` names nothing here.
        case unknown(index: Int, known: [String], path: [String])
    }

    /// Matches the leading words of a command line; exact words only (no abbreviations).
    func match(_ words: [String]) -> Match {
        var node = root
        var path: [String] = []
        var lastCommand: (CommandSpec, Int)?
        for (i, word) in words.enumerated() {
            guard let next = node.children[word] else {
                if let (spec, consumed) = lastCommand, node.command != nil { return .command(spec, consumed: consumed) }
                return .unknown(index: i, known: node.sortedChildNames, path: path)
            }
            node = next
            path.append(word)
            if let spec = node.command { lastCommand = (spec, i + 1) }
            if node.children.isEmpty { break }
        }
        if let spec = node.command { return .command(spec, consumed: path.count) }
        return .group(path: path, subcommands: node.sortedChildNames)
    }

    /// The command with exactly this name (`"ehr coverage"`).
    public func command(named name: String) -> CommandSpec? {
        if case .command(let spec, let consumed) = match(name.split(separator: " ").map(String.init)),
           consumed == spec.path.count, spec.name == name {
            return spec
        }
        return nil
    }

    /// Commands under a path prefix (`["ehr"]`), in declaration order.
    func commands(under prefix: [String]) -> [CommandSpec] {
        commands.map(\.spec).filter { Array($0.path.prefix(prefix.count)) == prefix }
    }

    func node(at path: [String]) -> Node? {
        var node = root
        for word in path {
            guard let next = node.children[word] else { return nil }
            node = next
        }
        return node
    }
}
