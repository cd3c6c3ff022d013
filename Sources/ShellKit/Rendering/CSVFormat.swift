/// RFC 4180 CSV: header of column keys, CRLF-free (LF) lines, fields quoted only when needed.
///
/// Written field by field into one string, and a field's need for quotes read from its bytes: a report of a
/// few hundred rows is rendered for every machine-readable run, and walking each field's characters (grapheme
/// breaking and a string comparison per character) cost more than building the report's figures.
enum CSVFormat {
    static func render(_ table: ResultTable) -> String {
        let indices = table.columns.indices.filter { table.columns[$0].kind != .bar }
        var out = ""
        out.reserveCapacity((table.rows.count + 1) * indices.count * 8)
        for (position, i) in indices.enumerated() {
            if position > 0 { out.append(",") }
            append(table.columns[i].key, to: &out)
        }
        out.append("\n")
        for row in table.rows {
            for (position, i) in indices.enumerated() {
                if position > 0 { out.append(",") }
                append(Renderer.plain(i < row.count ? row[i] : .null, table.columns[i].kind), to: &out)
            }
            out.append("\n")
        }
        return out
    }

    /// Quotes a field when it holds a comma, quote, CR or LF (doubling inner quotes), or starts/ends with space.
    static func quote(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
        var out = ""
        appendQuoted(field, to: &out)
        return out
    }

    /// Whether ``quote(_:)`` quotes the field, from its bytes: every byte it looks for is ASCII, and in
    /// UTF-8 an ASCII byte is never part of another character (so a CR LF pair counts, which a walk by
    /// characters, seeing one "\r\n" character, missed).
    static func needsQuotes(_ field: String) -> Bool {
        let bytes = field.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return true }
        return bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    private static func append(_ field: String, to out: inout String) {
        if needsQuotes(field) { appendQuoted(field, to: &out) } else { out.append(field) }
    }

    private static func appendQuoted(_ field: String, to out: inout String) {
        out.append("\"")
        out.append(field.contains("\"") ? field.replacing("\"", with: "\"\"") : field)
        out.append("\"")
    }
}
