/// Aligned text tables for people: numbers right-aligned, Unicode-width aware.
enum TableFormat {
    static func render(_ table: ResultTable, style: RenderStyle) -> String {
        // Bars are decoration: drawn only on a terminal that wants them, and wide enough for them.
        var visible = table.columns.indices.filter { table.columns[$0].kind != .bar || style.decorated }
        var headings = visible.map { table.columns[$0].heading }
        var body: [[String]] = table.rows.map { row in
            visible.map { index in
                let column = table.columns[index]
                let cell = index < row.count ? row[index] : .null
                if column.kind == .bar { return bar(cell) }
                return Renderer.oneLine(Renderer.display(cell, column.kind))
            }
        }
        var widths = naturalWidths(headings, body)
        if let width = style.width, totalWidth(widths) > width, visible.contains(where: { table.columns[$0].kind == .bar }) {
            let kept = visible.indices.filter { table.columns[visible[$0]].kind != .bar }
            visible = kept.map { visible[$0] }
            headings = kept.map { headings[$0] }
            body = body.map { row in kept.map { row[$0] } }
            widths = kept.map { widths[$0] }
        }
        if let width = style.width, totalWidth(widths) > width {
            widths = fitted(widths, into: width, headings: headings, shrinkable: visible.map { !table.columns[$0].isNumeric })
            headings = headings.enumerated().map { TextWidth.truncate($0.element, to: widths[$0.offset]) }
            body = body.map { row in row.enumerated().map { TextWidth.truncate($0.element, to: widths[$0.offset]) } }
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
        for note in table.notes {
            // On a terminal, a long note wraps between words, under its own first word.
            out += style.width.map { wrapped("Note: " + note, width: $0, indent: 6) } ?? "Note: \(note)"
            out += "\n"
        }
        return out
    }

    /// `text` broken into lines of at most `width` columns between words, later lines indented;
    /// a word longer than a line stands alone.
    static func wrapped(_ text: String, width: Int, indent: Int) -> String {
        guard TextWidth.of(text) > width, width > indent + 10 else { return text }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.of(candidate) > width && !line.isEmpty && line.count > indent {
                lines.append(line)
                line = String(repeating: " ", count: indent) + word
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// The widest text of each column, heading included.
    static func naturalWidths(_ headings: [String], _ body: [[String]]) -> [Int] {
        var widths = headings.map(TextWidth.of)
        for row in body {
            for (i, text) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(text)) }
        }
        return widths
    }

    /// Columns plus the two-space gaps between them.
    static func totalWidth(_ widths: [Int]) -> Int {
        widths.reduce(0, +) + 2 * max(widths.count - 1, 0)
    }

    /// `widths` narrowed to fit `available` columns, in three stages, each taking a column at a time
    /// from the widest text column allowed (numbers are never cut):
    /// 1. long texts (notes, commands, JSON; wider than 24) down to 16 columns;
    /// 2. every text column down to its heading or 8 columns;
    /// 3. the first column too: it names the row (an id, a code, a unit), so it goes last.
    /// When even that does not fit, the table is as narrow as it can be and the terminal wraps it.
    static func fitted(_ widths: [Int], into available: Int, headings: [String], shrinkable: [Bool]) -> [Int] {
        let natural = widths
        var widths = widths
        let headingFloors = widths.indices.map { i in min(natural[i], max(TextWidth.of(headings[i]), 8)) }
        let stages: [(columns: [Int], floor: (Int) -> Int)] = [
            (widths.indices.dropFirst().filter { natural[$0] > 24 }, { max(headingFloors[$0], 16) }),
            (Array(widths.indices.dropFirst()), { headingFloors[$0] }),
            (Array(widths.indices), { headingFloors[$0] }),
        ]
        var excess = totalWidth(widths) - available
        for stage in stages {
            while excess > 0 {
                let candidates = stage.columns.filter { shrinkable[$0] && widths[$0] > stage.floor($0) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        return widths
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
