/// What a command returns: structured data, never pre-formatted text, so the renderer decides the look.
public enum CommandResult {
    /// Nothing to show.
    case none
    /// A sentence for the user (suppressed by `--quiet`).
    case message(String)
    /// Typed columns and rows.
    case table(ResultTable)
    /// Several results shown in order (e.g. a unit's details then its children).
    case sequence([CommandResult])
}

/// A table of typed values with column metadata.
public struct ResultTable {
    public var title: String?
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines shown under the table (table/markdown only): definitions, denominators, caveats.
    public var notes: [String]
    /// A field/value table describing one thing (`record`): JSON writes it as one object.
    public var isRecord = false

    public init(title: String? = nil, columns: [Column], rows: [[Cell]] = [], notes: [String] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    /// A two-column key/value table, for "show" commands; in JSON one object whose keys are the
    /// fields (`valid from` → `valid_from`; a field given several times → an array).
    public static func record(title: String? = nil, _ fields: [(String, Cell)], notes: [String] = []) -> ResultTable {
        var table = ResultTable(
            title: title,
            columns: [Column("field"), Column("value")],
            rows: fields.map { [.text($0.0), $0.1] },
            notes: notes
        )
        table.isRecord = true
        return table
    }
}

/// A column: a machine key (csv/json), a heading (table/markdown) and a type that drives alignment and format.
public struct Column {
    public enum Kind: Equatable {
        case text
        case integer
        /// A year or other whole number shown without digit grouping (2025, not 2,025).
        case year
        /// A number shown with this many decimals.
        case decimal(places: Int)
        /// A percentage (0–100) shown with this many decimals and `%`.
        case percent(places: Int)
        /// A fraction 0–1 drawn as a bar on a terminal; left out of csv, json and markdown.
        case bar
        /// Text that is a JSON document (an audit row's before/after): embedded as a value in json
        /// output, shown as text elsewhere.
        case json
    }

    public var key: String
    public var heading: String
    public var kind: Kind

    public init(_ key: String, _ kind: Kind = .text, heading: String? = nil) {
        self.key = key
        self.kind = kind
        self.heading = heading ?? key
    }

    var isNumeric: Bool {
        switch kind {
        case .integer, .year, .decimal, .percent: return true
        case .text, .bar, .json: return false
        }
    }
}

/// One typed value.
public enum Cell: Equatable {
    case null
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)

    /// Text, or null when nil.
    public static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
    /// Integer, or null when nil.
    public static func integer(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .null }
    /// Number, or null when nil.
    public static func number(_ value: Double?) -> Cell { value.map(Cell.number) ?? .null }
}
