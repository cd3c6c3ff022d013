import NTMCore
import ShellKit

/// Reads a file of figures per commune: `unit_code,period,residents,with_ehr,insured,under5,stunted_under5`.
///
/// Columns are found by name in any order. `unit_code`, `residents` and `with_ehr` are required;
/// `period` may be left out when the import names one (`--period`); `insured`, `under5` and
/// `stunted_under5` are optional, and an empty cell means "not reported" (what is stored stays);
/// `unit_name` may be present for people's benefit and is not read. Such files are small (one row
/// per commune and period), so they go through the core's general `CSVReader`.
struct AggregateFileReader {
    /// One row, checked for form; units and figures are checked against the database when written.
    struct Row {
        var line: Int
        var unitCode: String
        var period: Period
        var update: FiguresUpdate
    }

    enum Column: String, CaseIterable {
        case unitCode = "unit_code"
        case unitName = "unit_name"
        case period
        case residents
        case withRecord = "with_ehr"
        case insured
        case underFive = "under5"
        case stuntedUnderFive = "stunted_under5"

        static let required: [Column] = [.unitCode, .residents, .withRecord]

        /// The figure this column gives, if it is one.
        var field: HealthRecordFigures.Field? {
            switch self {
            case .residents: return .residents
            case .withRecord: return .withRecord
            case .insured: return .insured
            case .underFive: return .underFive
            case .stuntedUnderFive: return .stuntedUnderFive
            case .unitCode, .unitName, .period: return nil
            }
        }
    }

    /// The header that identifies the shape, in documentation order.
    static let header = "unit_code,period,residents,with_ehr,insured,under5,stunted_under5"

    let path: String
    let displayName: String
    /// The period of rows without a `period` column; rows with one must agree with it.
    let period: Period?

    /// Reads and checks every row. `progress` gets the number of rows read so far.
    ///
    /// - Throws: ``ImportError`` at the first malformed row or a unit and period given twice.
    func read(progress: (Int) throws -> Void) throws -> [Row] {
        let reader = try CSVReader(path: path, name: displayName)
        let header = try reader.readHeader().map(CSVHeader.normalise)
        var columns: [Column: Int] = [:]
        for (index, name) in header.enumerated() {
            guard let column = Column(rawValue: name) else {
                throw ImportError(file: displayName, line: 1, column: name,
                                  reason: "not a column of a figures file (expected \(Self.header))")
            }
            guard columns[column] == nil else {
                throw ImportError(file: displayName, line: 1, column: name, reason: "appears twice in the header")
            }
            columns[column] = index
        }
        for column in Column.required where columns[column] == nil {
            throw ImportError(file: displayName, line: 1, column: column.rawValue,
                              reason: "missing from the header (a figures file has \(Self.header))")
        }
        if columns[.period] == nil && period == nil {
            throw ImportError(file: displayName, line: 1, column: "period",
                              reason: "missing from the header: add the column, or give the period with --period")
        }

        var rows: [Row] = []
        var firstLine: [String: Int] = [:]   // "code/period" → line
        while try reader.next() {
            func count(_ column: Column) throws -> Int? {
                guard let index = columns[column], !reader.isEmpty(at: index) else { return nil }
                guard let value = reader.int(at: index) else {
                    throw reader.error(at: index, "expected a whole number of people" + Self.quoted(try reader.string(at: index)))
                }
                guard value >= 0 else { throw reader.error(at: index, "cannot be negative (\(value))") }
                return value
            }
            guard reader.count == header.count else {
                throw ImportError(file: displayName, line: reader.line, reason: "\(reader.count) field\(reader.count == 1 ? "" : "s"), the header has \(header.count)")
            }
            let code = try reader.string(at: columns[.unitCode]!).trimmingBlanks()
            guard !code.isEmpty else { throw reader.error(at: columns[.unitCode]!, "empty unit code") }
            var rowPeriod = period
            if let index = columns[.period] {
                let text = try reader.string(at: index).trimmingBlanks()
                if text.isEmpty {
                    guard period != nil else { throw reader.error(at: index, "empty period (or give --period)") }
                } else {
                    let parsed: Period
                    do { parsed = try Period(parsing: text) } catch {
                        throw reader.error(at: index, error.domainMessage)
                    }
                    if let period, parsed != period {
                        throw reader.error(at: index, "period \(parsed) differs from --period \(period)")
                    }
                    rowPeriod = parsed
                }
            }
            let update = FiguresUpdate(residents: try count(.residents), withRecord: try count(.withRecord),
                                       insured: try count(.insured), underFive: try count(.underFive),
                                       stuntedUnderFive: try count(.stuntedUnderFive))
            for column in [Column.residents, .withRecord] where update.value(of: column.field!) == nil {
                throw reader.error(at: columns[column]!, "empty: \(column.field!.words) must be given")
            }
            let key = "\(code)/\(rowPeriod!)"
            if let earlier = firstLine[key] {
                throw ImportError(file: displayName, line: reader.line, column: Column.unitCode.rawValue,
                                  reason: "unit \(code) and period \(rowPeriod!) already given on line \(earlier)")
            }
            firstLine[key] = reader.line
            rows.append(Row(line: reader.line, unitCode: code, period: rowPeriod!, update: update))
            try progress(rows.count)
        }
        return rows
    }

    static func quoted(_ text: String) -> String {
        text.count <= 20 ? " (got '\(text)')" : ""
    }
}

extension FiguresUpdate {
    /// The value given for a field, or nil when it is not given.
    func value(of field: HealthRecordFigures.Field) -> Int? {
        switch field {
        case .residents: return residents
        case .withRecord: return withRecord
        case .insured: return insured
        case .underFive: return underFive
        case .stuntedUnderFive: return stuntedUnderFive
        }
    }
}
