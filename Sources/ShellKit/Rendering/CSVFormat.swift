/// RFC 4180 CSV: header of column keys, CRLF-free (LF) lines, fields quoted only when needed.
enum CSVFormat {
    static func render(_ table: ResultTable) -> String {
        let columns = table.columns.filter { $0.kind != .bar }
        let indices = table.columns.indices.filter { table.columns[$0].kind != .bar }
        var out = columns.map { quote($0.key) }.joined(separator: ",") + "\n"
        for row in table.rows {
            out += indices.map { i in
                quote(Renderer.plain(i < row.count ? row[i] : .null, table.columns[i].kind))
            }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field when it holds a comma, quote, CR or LF (doubling inner quotes), or starts/ends with space.
    static func quote(_ field: String) -> String {
        let needs = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needs else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
