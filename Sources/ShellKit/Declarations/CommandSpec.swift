/// A command declared as data: from this one value come validation, help, completion and docs.
public struct CommandSpec {
    /// An example for help: the command line and what it does.
    public struct Example {
        public var command: String
        public var explanation: String
        public init(_ command: String, _ explanation: String) {
            self.command = command
            self.explanation = explanation
        }
    }

    /// The words that name the command (`["ehr", "coverage"]`).
    public var path: [String]
    public var summary: String
    public var description: String
    public var parameters: [Parameter] { didSet { arrangeParameters() } }
    /// Whether the command changes stored data (refused read-only, wrapped atomically, audited).
    public var mutates: Bool
    public var examples: [Example]
    /// Whether `--format` and `--output` apply (commands that only act, like `quit`, say false).
    public var producesOutput: Bool { didSet { arrangeParameters() } }
    public var run: (CommandContext) throws -> CommandResult

    public init(
        _ path: String, summary: String, description: String = "",
        parameters: [Parameter] = [], mutates: Bool = false,
        examples: [Example] = [], producesOutput: Bool = true,
        run: @escaping (CommandContext) throws -> CommandResult
    ) {
        self.path = path.split(separator: " ").map(String.init)
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.mutates = mutates
        self.examples = examples
        self.producesOutput = producesOutput
        self.run = run
        arrangeParameters()
    }

    /// The command's name as typed (`ehr coverage`).
    public var name: String { path.joined(separator: " ") }

    /// Options every output-producing command accepts, declared once here.
    nonisolated(unsafe) static let outputOptions: [Parameter] = [
        .option("format", .choice(OutputFormat.allCases.map(\.rawValue)), "Output format for this command",
                default: "the session's `format` setting"),
        .option("output", .path, "Write the result to FILE instead of the screen"),
    ]

    nonisolated(unsafe) static let helpFlag: Parameter = .flag("help", "Show this help")

    /// Declared parameters plus the engine's common ones. Kept with the declaration (every line of a
    /// command file binds its arguments against them), like the two lists below.
    private(set) var allParameters: [Parameter] = []
    /// The positional parameters, in order.
    private(set) var positionalParameters: [Parameter] = []
    /// The options and flags.
    private(set) var namedParameters: [Parameter] = []

    private mutating func arrangeParameters() {
        allParameters = parameters + (producesOutput ? Self.outputOptions : []) + [Self.helpFlag]
        positionalParameters = allParameters.filter { $0.style == .positional }
        namedParameters = allParameters.filter { $0.style != .positional }
    }

    /// One usage line: `ehr coverage [--by ...] [--in UNIT]`.
    public var usage: String {
        ([name] + parameters.filter { $0.style == .positional }.map(\.usageFragment)
            + parameters.filter { $0.style != .positional }.map(\.usageFragment)).joined(separator: " ")
    }
}
