/// The file formats of imports and exports.
public enum ExchangeFormat: String, Sendable, CaseIterable {
    /// RFC 4180: UTF-8, a header row, comma-separated, quotes doubled; exports end lines with CRLF.
    case csv
    /// An array of objects whose keys are the CSV columns.
    case json

    /// The format a file name announces (`.csv`, `.json`), or an error naming the file.
    public init(path: String) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { self = .csv; return }
        if lower.hasSuffix(".json") { self = .json; return }
        throw DomainError.invalid("cannot tell the format of '\(path)': name it .csv or .json, or give the format")
    }

    /// Parses `csv` or `json`.
    public init(parsing text: String) throws {
        guard let format = ExchangeFormat(rawValue: text.lowercased()) else {
            throw DomainError.invalid("unknown format '\(text)': expected csv or json")
        }
        self = format
    }
}
