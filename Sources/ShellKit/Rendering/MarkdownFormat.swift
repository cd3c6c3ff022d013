/// GitHub-flavoured Markdown tables, for reports and docs.
enum MarkdownFormat {
    static func render(_ table: ResultTable) -> String {
        let indices = table.columns.indices.filter { table.columns[$0].kind != .bar }
        var out = ""
        if let title = table.title { out += "**\(escape(title))**\n\n" }
        out += "| " + indices.map { escape(table.columns[$0].heading) }.joined(separator: " | ") + " |\n"
        out += "|" + indices.map { table.columns[$0].isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in table.rows {
            out += "| " + indices.map { i in
                escape(Renderer.display(i < row.count ? row[i] : .null, table.columns[i].kind))
            }.joined(separator: " | ") + " |\n"
        }
        for note in table.notes { out += "\n_\(escape(note))_\n" }
        return out
    }

    /// A cell's text within its row: `|` escaped, each line break (LF, or CR LF) a space. Read by bytes (both
    /// are ASCII): the generic `replacing` cost more than the rest of the table, and by characters a CR LF
    /// pair is one "\r\n" that equals no "\n", so it stayed and broke the row.
    static func escape(_ s: String) -> String {
        let oneLine = Renderer.oneLine(s)
        guard oneLine.utf8.contains(UInt8(ascii: "|")) else { return oneLine }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(oneLine.utf8.count + 4)
        for byte in oneLine.utf8 {
            if byte == UInt8(ascii: "|") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
