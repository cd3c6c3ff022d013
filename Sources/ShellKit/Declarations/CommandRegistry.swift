/// All declared commands, as a tree of words, with the plugin each came from.
///
/// A plugin that names its commands' first words (``Plugin/commandWords``) has its commands built
/// when one of those words is first used: a one-shot `ntm -c 'unit show 07324'` builds the `unit`
/// commands only, not every plugin's. Whatever looks at the whole registry (`help`, the command
/// list, completion of a first word's subcommands, an unknown word) builds what it needs first, so
/// it sees every command exactly as if all had been built at registration.
public struct CommandRegistry {
    /// A node of the command tree: a word that may be a command, a group of subcommands, or both.
    final class Node {
        private var storedChildren: [String: Node] = [:]
        private var storedCommand: CommandSpec?
        var pluginName: String?
        /// What builds the commands under this first word, not run yet (one per plugin using the word).
        fileprivate var pendingBuilds: [() -> Void] = []

        var children: [String: Node] {
            settle()
            return storedChildren
        }

        var command: CommandSpec? {
            settle()
            return storedCommand
        }

        var sortedChildNames: [String] { children.keys.sorted() }

        /// Runs the pending builds of this word, once.
        fileprivate func settle() {
            while !pendingBuilds.isEmpty {
                pendingBuilds.removeFirst()()
            }
        }

        /// Adds `spec` below this node along `path` (the words after this node's own).
        fileprivate func insert(_ spec: CommandSpec, path: ArraySlice<String>, pluginName: String) {
            var node = self
            for word in path {
                node.cachedDepth = nil
                if let next = node.storedChildren[word] {
                    node = next
                } else {
                    let next = Node()
                    next.pluginName = pluginName
                    node.storedChildren[word] = next
                    node = next
                }
            }
            precondition(node.storedCommand == nil, "command '\(spec.name)' declared twice")
            node.storedCommand = spec
        }

        /// Adds `node` as the child named `word`.
        fileprivate func adopt(_ node: Node, as word: String) {
            storedChildren[word] = node
            cachedDepth = nil
        }

        /// The most words a path below this node has, counting this node's word. Asked for every statement
        /// of a command file, so kept until a command is added below.
        fileprivate var depth: Int {
            settle()
            if let cachedDepth { return cachedDepth }
            let depth = 1 + (storedChildren.values.map(\.depth).max() ?? 0)
            cachedDepth = depth
            return depth
        }
        private var cachedDepth: Int?
    }

    /// The registered plugins and their commands, shared by the tree's pending builds.
    final class Catalog {
        /// One plugin, with its commands once built.
        struct Entry {
            var plugin: Plugin
            var commands: [CommandSpec]?
            /// The first words it named (a lazily registered plugin).
            var words: [String]
            /// Those not built yet.
            var pendingWords: [String]
        }

        var entries: [Entry] = []
        let root = Node()

        /// Builds the commands of entry `index` under `word`: from its whole list when that is built, else
        /// only the word's.
        func build(_ index: Int, word: String) {
            guard let at = entries[index].pendingWords.firstIndex(of: word) else { return }
            entries[index].pendingWords.remove(at: at)
            let plugin = entries[index].plugin
            let specs = entries[index].commands?.filter { $0.path.first == word } ?? plugin.commands(firstWord: word)
            guard let node = root.children[word] else { return }
            for spec in specs {
                precondition(spec.path.first == word, "'\(spec.name)' given for the word '\(word)' of plugin '\(plugin.name)'")
                node.insert(spec, path: spec.path.dropFirst(), pluginName: plugin.name)
            }
        }

        /// Builds every plugin's commands: the whole list, and the tree's words not built yet.
        func buildAll() {
            for index in entries.indices where entries[index].commands == nil {
                let specs = entries[index].plugin.commands
                entries[index].commands = specs
                for word in entries[index].pendingWords { build(index, word: word) }
                // Commands under a word the plugin did not name (a slip in its `commandWords`) still work.
                let name = entries[index].plugin.name
                for spec in specs where !entries[index].words.contains(spec.path[0]) {
                    root.insert(spec, path: spec.path[...], pluginName: name)
                }
            }
        }

        var isComplete: Bool { entries.allSatisfy { $0.commands != nil } }
    }

    let catalog = Catalog()
    var root: Node { catalog.root }
    /// Plugins in registration order.
    public var plugins: [Plugin] { catalog.entries.map(\.plugin) }

    /// Every command in registration order, with its plugin's name (builds every plugin's commands).
    public var commands: [(plugin: String, spec: CommandSpec)] {
        catalog.buildAll()
        return catalog.entries.flatMap { entry in entry.commands!.map { (entry.plugin.name, $0) } }
    }

    public init() {}

    /// Adds a plugin's commands; a path declared twice is a programming error. A plugin that names its
    /// first words has its commands built on first use of each word.
    public mutating func register(_ plugin: Plugin) {
        let index = catalog.entries.count
        guard let words = plugin.commandWords else {
            let specs = plugin.commands
            catalog.entries.append(.init(plugin: plugin, commands: specs, words: [], pendingWords: []))
            for spec in specs { root.insert(spec, path: spec.path[...], pluginName: plugin.name) }
            return
        }
        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        catalog.entries.append(.init(plugin: plugin, commands: nil, words: unique, pendingWords: unique))
        for word in unique {
            // The word's node exists at once (completion and help list it); its commands come later.
            let node = root.children[word] ?? {
                let node = Node()
                node.pluginName = plugin.name
                root.adopt(node, as: word)
                return node
            }()
            node.pendingBuilds.append { [weak catalog] in catalog?.build(index, word: word) }
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
        let found = matchBuilt(words)
        if case .command = found { return found }
        // A group or an unknown word lists what is known: with every command built, as if built at registration.
        guard !catalog.isComplete else { return found }
        catalog.buildAll()
        return matchBuilt(words)
    }

    private func matchBuilt(_ words: [String]) -> Match {
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

    /// The most words a command starting with `word` has (1 when none does): how many of a line's
    /// words can name its command.
    func longestPath(startingWith word: String) -> Int {
        root.children[word]?.depth ?? 1
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
        // The first words are every plugin's, named or not.
        if path.isEmpty { catalog.buildAll() }
        var node = root
        for word in path {
            guard let next = node.children[word] else { return nil }
            node = next
        }
        return node
    }
}
