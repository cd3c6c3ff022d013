/// Rows of text with named columns: what exports write as CSV or JSON, in the same columns
/// imports read, so an export can be imported back.
public struct RecordTable: Sendable, Equatable {
    public var columns: [String]
    /// Nil cells are empty in CSV and `null` in JSON.
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The table in a format.
    public func text(_ format: ExchangeFormat) -> String {
        format == .csv ? csvText : jsonText
    }

    /// RFC 4180: header row, CRLF line ends, fields quoted when they hold a comma, quote, line
    /// break or leading/trailing space.
    public var csvText: String {
        var output = CSVWriter.line(columns)
        for row in rows { output += CSVWriter.line(row.map { $0 ?? "" }) }
        return output
    }

    /// An array of objects, one per row, keys in column order; cells that look like integers in
    /// a `year` column are numbers, everything else strings.
    public var jsonText: String {
        let items = rows.map { row -> JSONValue in
            .object(JSONObject(zip(columns, row).map { column, cell in
                let value: JSONValue
                if let cell {
                    value = column == "year" && Int(cell) != nil ? .number(cell) : .string(cell)
                } else {
                    value = .null
                }
                return JSONObject.Entry(key: column, value: value, line: 0)
            }))
        }
        return JSONValue.array(items).prettyText + "\n"
    }
}
