/// RFC 4180 CSV: header of column keys, CRLF-free (LF) lines, fields quoted only when needed.
///
/// Written as bytes into one buffer, a field's need for quotes read from its bytes and whole numbers written
/// digit by digit: a report of a few hundred rows is rendered for every machine-readable run, and walking each
/// field's characters (grapheme breaking and a string comparison per character) cost more than building the
/// report's figures.
enum CSVFormat {
    static func render(_ table: ResultTable) -> String {
        let indices = table.columns.indices.filter { table.columns[$0].kind != .bar }
        var out: [UInt8] = []
        out.reserveCapacity((table.rows.count + 1) * indices.count * 8)
        for (position, i) in indices.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            append(table.columns[i].key, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        for row in table.rows {
            for (position, i) in indices.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                switch i < row.count ? row[i] : .null {
                case .null: break
                case .integer(let value): appendDigits(value, to: &out)
                case let cell: append(Renderer.plain(cell, table.columns[i].kind), to: &out)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a field needs quotes (a comma, quote, CR or LF, or a space at either end), from its bytes: every byte it looks for is ASCII, and in
    /// UTF-8 an ASCII byte is never part of another character (so a CR LF pair counts, which a walk by
    /// characters, seeing one "\r\n" character, missed).
    static func needsQuotes(_ field: String) -> Bool {
        let bytes = field.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return true }
        return bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    /// The field's bytes, in quotes with inner quotes doubled when it needs them.
    private static func append(_ field: String, to out: inout [UInt8]) {
        guard needsQuotes(field) else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `value` in decimal digits, as `String(value)` writes it.
    private static func appendDigits(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }
}
