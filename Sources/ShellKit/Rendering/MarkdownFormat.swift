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

    static func escape(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
