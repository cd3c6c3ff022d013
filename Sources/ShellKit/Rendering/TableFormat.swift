/// Aligned text tables for people: numbers right-aligned, Unicode-width aware.
enum TableFormat {
    static func render(_ table: ResultTable, style: RenderStyle) -> String {
        // Bars are decoration: drawn only on a terminal that wants them.
        let visible = table.columns.indices.filter { table.columns[$0].kind != .bar || style.decorated }
        let headings = visible.map { table.columns[$0].heading }
        let body: [[String]] = table.rows.map { row in
            visible.map { index in
                let column = table.columns[index]
                let cell = index < row.count ? row[index] : .null
                if column.kind == .bar { return bar(cell) }
                return Renderer.display(cell, column.kind).replacing("\n", with: " ")
            }
        }
        var widths = headings.map(TextWidth.of)
        for row in body {
            for (i, text) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(text)) }
        }
        var out = ""
        if let title = table.title { out += (style.color ? ANSI.bold(title) : title) + "\n" }
        func line(_ cells: [String], heading: Bool) -> String {
            var parts: [String] = []
            for (i, text) in cells.enumerated() {
                let column = table.columns[visible[i]]
                let last = i == cells.count - 1
                // A last text column needs no trailing spaces; a numeric one (heading too) is right-aligned.
                let padded = (last && !column.isNumeric) ? text : TextWidth.pad(text, to: widths[i], alignRight: column.isNumeric)
                parts.append(heading && style.color ? ANSI.bold(padded) : padded)
            }
            // No trailing blanks: an empty last cell must not leave spaces at the end of the line.
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        if !visible.isEmpty {
            out += line(headings, heading: true) + "\n"
            out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            for row in body { out += line(row, heading: false) + "\n" }
        }
        out += "(\(table.rows.count) \(table.rows.count == 1 ? "row" : "rows"))\n"
        for note in table.notes { out += "Note: \(note)\n" }
        return out
    }

    /// A ten-cell bar for a fraction 0–1, with eighth-blocks for the remainder.
    static func bar(_ cell: Cell) -> String {
        let fraction: Double
        switch cell {
        case .number(let d): fraction = d
        case .integer(let i): fraction = Double(i)
        default: return ""
        }
        let clamped = min(max(fraction, 0), 1)
        let eighths = Int((clamped * 80).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
        text += String(repeating: "·", count: 10 - TextWidth.of(text))
        return text
    }
}

/// Minimal ANSI styling, used only when colour is on.
public enum ANSI {
    public static func bold(_ s: String) -> String { "\u{1B}[1m\(s)\u{1B}[0m" }
    public static func red(_ s: String) -> String { "\u{1B}[31m\(s)\u{1B}[0m" }
    public static func yellow(_ s: String) -> String { "\u{1B}[33m\(s)\u{1B}[0m" }
    public static func dim(_ s: String) -> String { "\u{1B}[2m\(s)\u{1B}[0m" }
}
