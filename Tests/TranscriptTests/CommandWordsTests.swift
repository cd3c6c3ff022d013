import ShellKit
import Testing
@testable import ntm

/// Each plugin names its commands' first words, so a one-shot command builds only its own group's
/// commands: the words named must be exactly those its commands start with, and each word's commands
/// exactly its own (a word named with no command would be offered by Tab and lead nowhere).
@Suite("Plugins' command words")
struct CommandWordsTests {
    @Test("every plugin names exactly its commands' first words, and builds each word's commands alone")
    func wordsMatchCommands() throws {
        let host = WorkspaceHost(options: try Options.parseQuickly(["--db", ":memory:"]), console: StandardConsole(),
                                 interactive: false)
        for plugin in host.plugins {
            let words = try #require(plugin.commandWords, "\(plugin.name) names no words: all its commands are built at every start")
            var firstWords: [String] = []
            for spec in plugin.commands where !firstWords.contains(spec.path[0]) { firstWords.append(spec.path[0]) }
            #expect(Set(words) == Set(firstWords), "\(plugin.name)")
            for word in words {
                #expect(plugin.commands(firstWord: word).map(\.name) == plugin.commands.filter { $0.path[0] == word }.map(\.name),
                        "\(plugin.name): \(word)")
            }
        }
    }
}
