import Foundation
@testable import ShellKit

// A small plugin that exists only in the tests: the engine must serve any domain through declarations,
// so these tests drive it with a zoo whose animals are named after communes (names with diacritics).

/// The zoo's records: what the `zoo` commands read and change.
final class Zoo {
    struct Animal: Equatable {
        var name: String
        var kind: String
        var count: Int
    }

    var animals: [Animal] = [
        Animal(name: "Xã Phúc Hòa", kind: "cat", count: 3),
        Animal(name: "Xã Phúc Sơn", kind: "dog", count: 12),
        Animal(name: "Phường Trần Phú", kind: "cat", count: 1250),
    ]
    /// How many times a command body ran (to prove that nothing ran).
    var commandsRun = 0

    /// The animal whose name matches `text` without regard to case or diacritics.
    func animal(named text: String) -> Animal? {
        animals.first { Fold.key($0.name) == Fold.key(text) }
    }

    /// Completion over the animals' names, as a plugin would write it: diacritic-insensitive, matching the
    /// start of the name or of any word in it (`phuc` finds both Xã Phúc Hòa and Xã Phúc Sơn).
    func completeName(_ typed: String) -> [Candidate] {
        let key = Fold.key(typed)
        return animals.filter { animal in
            let folded = Fold.key(animal.name)
            return folded.hasPrefix(key) || folded.split(separator: " ").contains { $0.hasPrefix(key) }
        }.map { Candidate($0.name, summary: "\($0.kind), \($0.count)") }
    }
}

/// A Swift error that is not a `ShellError`, as a plugin's storage layer might throw.
struct KeeperError: Error, CustomStringConvertible {
    var description: String { "the keeper dropped the keys" }
}

/// The `zoo` plugin: a list with filters, a show with an entity completer, a mutating add, typed options, failures.
struct ZooPlugin: Plugin {
    let zoo: Zoo
    let name = "zoo"
    let version = "0.1"
    let summary = "Zoo: animals named after communes"

    var commands: [CommandSpec] { [list, show, add, feed, fail] }

    /// The entity type of an animal's name: completed and checked by the plugin, normalised to the stored spelling.
    var animalName: ValueType {
        let zoo = zoo
        return .entity("animal", placeholder: "NAME", validate: { raw in
            guard let animal = zoo.animal(named: raw) else { throw ValueError("no animal with that name") }
            return animal.name
        }, complete: { zoo.completeName($0) })
    }

    var list: CommandSpec {
        let zoo = zoo
        return CommandSpec(
            "zoo list", summary: "List the animals",
            description: "Animals in the order they arrived.",
            parameters: [
                .option("kind", .choice(["cat", "dog"]), "Only this kind"),
                .option("min", .integer, "Only animals with at least N", default: "0"),
            ],
            examples: [.init("zoo list --kind cat", "Only the cats"), .init("zoo list --min 10", "Ten or more")]
        ) { context in
            zoo.commandsRun += 1
            let kind = context.arguments.string("kind")
            let min = context.arguments.int("min") ?? 0
            let rows = zoo.animals.filter { (kind == nil || $0.kind == kind) && $0.count >= min }
            return .table(ResultTable(
                columns: [Column("name"), Column("kind"), Column("count", .integer)],
                rows: rows.map { [.text($0.name), .text($0.kind), .integer($0.count)] }
            ))
        }
    }

    var show: CommandSpec {
        let zoo = zoo
        return CommandSpec(
            "zoo show", summary: "Show one animal",
            parameters: [.positional("name", animalName, "The animal's name (Tab completes, diacritics optional)")],
            examples: [.init("zoo show \"Xã Phúc Hòa\"", "Show the cats of Phúc Hòa")]
        ) { context in
            zoo.commandsRun += 1
            let animal = zoo.animal(named: context.arguments.string("name")!)!
            return .table(.record(title: animal.name, [("kind", .text(animal.kind)), ("count", .integer(animal.count))]))
        }
    }

    var add: CommandSpec {
        let zoo = zoo
        return CommandSpec(
            "zoo add", summary: "Add animals",
            parameters: [
                .positional("name", .text, "Name of the animal"),
                .option("count", .count, "How many arrived", required: true),
                .option("kind", .choice(["cat", "dog"]), "Kind, for a new animal", default: "cat"),
            ],
            mutates: true,
            examples: [.init("zoo add \"Xã Hợp Đức\" --count 2", "Two new animals")]
        ) { context in
            zoo.commandsRun += 1
            let name = context.arguments.string("name")!
            let count = context.arguments.int("count")!
            if let index = zoo.animals.firstIndex(where: { $0.name == name }) {
                zoo.animals[index].count += count
            } else {
                zoo.animals.append(Zoo.Animal(name: name, kind: context.arguments.string("kind") ?? "cat", count: count))
            }
            return .message("added \(count) to \(name)")
        }
    }

    var feed: CommandSpec {
        let zoo = zoo
        return CommandSpec(
            "zoo feed", summary: "Record a feeding",
            parameters: [
                .positional("names", animalName, "Animals fed", variadic: true),
                .option("on", .date, "Day of the feeding", required: true),
                .option("in", .period, "Reporting period"),
                .option("share", .percent, "Share of the ration eaten"),
                .option("weight", .decimal, "Kilograms of food"),
                .option("tag", .text, "A label (may be repeated)", repeatable: true),
                .flag("dry-run", "Check only"),
            ]
        ) { context in
            zoo.commandsRun += 1
            return .message("fed " + context.arguments.strings("names").joined(separator: ", "))
        }
    }

    var fail: CommandSpec {
        let zoo = zoo
        return CommandSpec(
            "zoo fail", summary: "Always fails",
            parameters: [.flag("foreign", "Throw a plain Swift error instead of a ShellError")]
        ) { context in
            zoo.commandsRun += 1
            if context.arguments.flag("foreign") { throw KeeperError() }
            throw ShellError.failed("the zoo is closed today")
        }
    }
}

/// A shell with the zoo plugin, batch mode unless asked, writing into memory.
final class TestShell {
    let zoo = Zoo()
    let console: CapturingConsole
    let shell: Shell

    init(interactive: Bool = false, terminal: Bool = false, size: (columns: Int, rows: Int)? = nil) {
        console = CapturingConsole(terminal: terminal, size: size)
        shell = Shell(appName: "zoo", version: "9.9", console: console, interactive: interactive)
        shell.register(ZooPlugin(zoo: zoo))
        // Tests must not depend on the developer's NO_COLOR or terminal: colour is off unless a test turns it on.
        try! shell.variables.set("color", "off")
    }

    /// Runs `text` as the command file `name` and returns its exit status.
    @discardableResult
    func run(_ text: String, name: String = "test.ntm", directory: String = ".") -> Int32 {
        shell.run(text: text, name: name, directory: directory)
    }

    /// Runs one interactive line.
    @discardableResult
    func line(_ text: String) -> Int32 { shell.runLine(text) }

    var output: String { console.output }
    var errors: String { console.errors }
}

/// A fresh folder for command files and outputs, removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.path + "/shellkit-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` inside the folder and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        try! text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    /// The text of `name` inside the folder, or nil when it does not exist.
    func read(_ name: String) -> String? {
        try? String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }
}
