import ShellKit

/// Provisional host until the domain core lands: no storage.
final class WorkspaceHost: ShellHost {
    let options: Options
    let console: Console
    let interactive: Bool
    init(options: Options, console: Console, interactive: Bool) {
        self.options = options
        self.console = console
        self.interactive = interactive
    }
    var plugins: [Plugin] { [] }
    var versionDetails: [String] { [] }
    var databaseDescription: String { "no database" }
    func openFailure() -> Int32? { nil }
    func finishRun(status: Int32) -> Int32 { status }
}
