import Foundation

/// One record of an import file, with where each value came from, so every error can say
/// `FILE:LINE: column 'x': reason`.
public struct ImportRecord: Sendable {
    public let file: String
    /// The line the record starts on.
    public let line: Int
    /// Each column's place in `fields`: one table shared by every record of a CSV file.
    private let columns: [String: Int]
    private let fields: [(text: String, line: Int)]

    init(file: String, line: Int, columns: [String: Int], fields: [(text: String, line: Int)]) {
        self.file = file
        self.line = line
        self.columns = columns
        self.fields = fields
    }

    init(file: String, line: Int, values: [String: (text: String, line: Int)]) {
        var columns: [String: Int] = [:]
        for (position, column) in values.keys.enumerated() { columns[column] = position }
        self.init(file: file, line: line, columns: columns, fields: Array(values.values))
    }

    /// A column's value and line, by name.
    private func value(_ column: String) -> (text: String, line: Int)? {
        columns[column].map { fields[$0] }
    }

    /// The trimmed value of a column; nil when absent or empty.
    public func optional(_ column: String) -> String? {
        guard let text = value(column)?.text.trimmingSpaces(), !text.isEmpty else { return nil }
        return text
    }

    /// The trimmed value of a column, or an error saying it is missing.
    public func require(_ column: String) throws -> String {
        guard let text = optional(column) else { throw error(column, "a value is required") }
        return text
    }

    /// An error about a column of this record.
    public func error(_ column: String?, _ reason: String) -> ImportError {
        ImportError(file: file, line: column.flatMap { value($0)?.line } ?? line, column: column, reason: reason)
    }

    /// Runs `body` on a column's value (nil when empty), turning any error into `FILE:LINE: column 'x': reason`.
    public func parse<T>(_ column: String, _ body: (String?) throws -> T) throws -> T {
        do {
            return try body(optional(column))
        } catch let error as ImportError {
            throw error
        } catch {
            throw self.error(column, error.domainMessage)
        }
    }

    /// Like ``parse(_:_:)`` for a required column.
    public func parseRequired<T>(_ column: String, _ body: (String) throws -> T) throws -> T {
        let text = try require(column)
        return try parse(column) { _ in try body(text) }
    }
}

/// Reads a whole CSV or JSON import file into records, checking its columns.
///
/// CSV: UTF-8 with a header row (see ``CSVReader``); each row must have as many fields as the header.
/// JSON: an array of objects; values may be strings, numbers, booleans or null.
/// Unknown columns are errors (a misspelt column would otherwise be silently ignored), and so
/// are missing required ones.
public enum RecordFile {
    /// Reads `path` (format from its extension unless given), naming it `name` in errors.
    public static func read(path: String, format: ExchangeFormat? = nil, name: String? = nil,
                            required: [String], optional: [String]) throws -> [ImportRecord] {
        let name = name ?? path
        // One rule for every importer: a path that is not a readable file is an unreadable file (exit 3),
        // whatever its name says.
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            throw ImportError(file: name, line: 0, reason: "cannot open: \(String(cString: strerror(ENOENT)))", isUnreadableFile: true)
        }
        if isFolder.boolValue {
            throw ImportError(file: name, line: 0, reason: "cannot open: it is a folder", isUnreadableFile: true)
        }
        let format = try format ?? ExchangeFormat(path: path)
        switch format {
        case .csv: return try readCSV(CSVReader(path: path, name: name), required: required, optional: optional)
        case .json:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ImportError(file: name, line: 0, reason: "cannot read the file", isUnreadableFile: true)
            }
            return try readJSON([UInt8](data), name: name, required: required, optional: optional)
        }
    }

    /// Reads CSV records from a reader.
    public static func readCSV(_ reader: CSVReader, required: [String], optional: [String]) throws -> [ImportRecord] {
        let header = try reader.readHeader().map { $0.trimmingCharacters(in: .whitespaces) }
        try checkColumns(header, file: reader.name, line: 1, required: required, optional: optional)
        var records: [ImportRecord] = []
        var columns: [String: Int] = [:]
        for (position, column) in header.enumerated() { columns[column] = position }
        while try reader.next() {
            guard reader.count == header.count else {
                throw ImportError(file: reader.name, line: reader.line,
                                  reason: "expected \(header.count) fields (\(header.joined(separator: ","))), found \(reader.count)")
            }
            var fields: [(text: String, line: Int)] = []
            fields.reserveCapacity(header.count)
            for index in header.indices { fields.append((try reader.string(at: index), reader.line)) }
            records.append(ImportRecord(file: reader.name, line: reader.line, columns: columns, fields: fields))
        }
        return records
    }

    /// Reads JSON records from bytes.
    public static func readJSON(_ bytes: [UInt8], name: String, required: [String], optional: [String]) throws -> [ImportRecord] {
        let document = try JSONParser.parse(bytes, file: name)
        guard case .array(let items) = document else {
            throw ImportError(file: name, line: 1, reason: "expected an array of objects")
        }
        var records: [ImportRecord] = []
        for (position, item) in items.enumerated() {
            guard case .object(let object) = item else {
                throw ImportError(file: name, line: 1, reason: "item \(position + 1) of the array is not an object")
            }
            try checkColumns(object.entries.map(\.key), file: name, line: object.line, required: required, optional: optional)
            var values: [String: (text: String, line: Int)] = [:]
            for entry in object.entries {
                switch entry.value {
                case .null: continue
                case .string(let text), .number(let text): values[entry.key] = (text, entry.line)
                case .bool(let flag): values[entry.key] = (flag ? "true" : "false", entry.line)
                case .array, .object:
                    throw ImportError(file: name, line: entry.line, column: entry.key, reason: "expected a string, number or boolean")
                }
            }
            records.append(ImportRecord(file: name, line: object.line, values: values))
        }
        return records
    }

    private static func checkColumns(_ columns: [String], file: String, line: Int, required: [String], optional: [String]) throws {
        let known = required + optional
        for column in columns where !known.contains(column) {
            throw ImportError(file: file, line: line, column: column,
                              reason: "unknown column; expected " + required.joined(separator: ", ")
                                + (optional.isEmpty ? "" : " (optional: " + optional.joined(separator: ", ") + ")"))
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column).inserted {
            throw ImportError(file: file, line: line, column: column, reason: "the column appears twice")
        }
        for column in required where !columns.contains(column) {
            throw ImportError(file: file, line: line, column: column, reason: "required column missing")
        }
    }

    /// Parses a yes/no cell: `1`/`0`, `yes`/`no`, `y`/`n`, `true`/`false`, `met`/`unmet`.
    public static func flag(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "1", "yes", "y", "true", "met": return true
        case "0", "no", "n", "false", "unmet", "not met": return false
        default: throw DomainError.invalid("'\(text)' is not yes or no (use 1/0, yes/no, true/false or met/unmet)")
        }
    }

    /// Parses a year in the accepted range.
    public static func year(_ text: String, range: ClosedRange<Int> = CriteriaBook.years) throws -> Int {
        guard let year = Int(text), text.count == 4 else { throw DomainError.invalid("'\(text)' is not a year (YYYY)") }
        guard range.contains(year) else {
            throw DomainError.invalid("year \(year) is out of range (\(range.lowerBound)–\(range.upperBound))")
        }
        return year
    }
}

extension DomainStore {
    /// The shared first half of every import: refuse outside a mutation, read the CSV or JSON file
    /// checking its columns, then hand the records (and the file's name for errors) to `importRecords`.
    func importFile(
        _ path: String, format: ExchangeFormat?, name: String?, operation: String,
        columns: (required: [String], optional: [String]),
        _ importRecords: ([ImportRecord], String) throws -> ImportReport
    ) throws -> ImportReport {
        _ = try requireMutation(operation)
        let records = try RecordFile.read(path: path, format: format, name: name,
                                          required: columns.required, optional: columns.optional)
        return try importRecords(records, name ?? path)
    }
}
