/// The ways a result can be written.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown
}

/// How a render should look on its destination.
public struct RenderStyle: Sendable {
    /// Draw bars and use bold headings (a terminal that wants decoration).
    public var decorated: Bool
    public var color: Bool
    /// The terminal's width in columns: a wider table drops its bars and shortens its widest text
    /// columns with `…`. Nil (files, pipes, machine formats) leaves every value whole.
    public var width: Int?
    public init(decorated: Bool = false, color: Bool = false, width: Int? = nil) {
        self.decorated = decorated
        self.color = color
        self.width = width
    }
}

/// Renders results in any output format.
public enum Renderer {
    /// The text of `result` in `format`; empty for `.none`.
    public static func render(_ result: CommandResult, as format: OutputFormat, style: RenderStyle = RenderStyle()) -> String {
        switch result {
        case .none:
            return ""
        case .message(let text):
            return format == .json ? JSONFormat.message(text) : (text.hasSuffix("\n") ? text : text + "\n")
        case .table(let table):
            switch format {
            case .table: return TableFormat.render(table, style: style)
            case .csv: return CSVFormat.render(table)
            case .json: return JSONFormat.render(table)
            case .markdown: return MarkdownFormat.render(table)
            }
        case .sequence(let parts):
            let rendered = parts.map { render($0, as: format, style: style) }.filter { !$0.isEmpty }
            return rendered.joined(separator: format == .table || format == .markdown ? "\n" : "")
        }
    }

    /// `text` on one line, for a table row: each line break (LF, or CR LF) becomes a space. Read by bytes:
    /// by characters a CR LF pair is one "\r\n" that equals no "\n", so it stayed and split the row.
    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(10) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte == 10 {
                if bytes.last == 13 { bytes.removeLast() }
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Formats a cell as text for humans (table, markdown).
    static func display(_ cell: Cell, _ kind: Column.Kind) -> String {
        switch (cell, kind) {
        case (.null, _): return ""
        case (.text(let s), _): return s
        case (.bool(let b), _): return b ? "yes" : "no"
        case (.number(let d), _) where !d.isFinite: return ""
        case (.integer(let i), .percent(let places)): return groupWhole(formatDecimal(Double(i), places: places)) + "%"
        case (.integer(let i), .decimal(let places)): return groupWhole(formatDecimal(Double(i), places: places))
        case (.integer(let i), .year): return String(i)
        case (.integer(let i), _): return groupThousands(String(i))
        case (.number(let d), .decimal(let places)): return groupWhole(formatDecimal(d, places: places))
        case (.number(let d), .percent(let places)): return groupWhole(formatDecimal(d, places: places)) + "%"
        case (.number(let d), .integer): return abs(d) < 1e15 ? groupThousands(String(Int(d.rounded()))) : formatDecimal(d, places: 0)
        case (.number(let d), _): return groupWhole(formatDecimal(d, places: 2))
        }
    }

    /// Formats a cell for machines (csv): plain numbers, no grouping, no `%`.
    static func plain(_ cell: Cell, _ kind: Column.Kind) -> String {
        switch cell {
        case .null: return ""
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d):
            switch kind {
            case .decimal(let places), .percent(let places): return formatDecimal(d, places: max(places, 1) + 2, trim: true)
            default: return formatDecimal(d, places: 6, trim: true)
            }
        }
    }

    /// `d` rounded to `places` decimals, without locale (always `.`), optionally trimming trailing zeros.
    public static func formatDecimal(_ d: Double, places: Int, trim: Bool = false) -> String {
        // Infinity and NaN (a ratio over zero) are no value; beyond 15 digits fixed decimals mean nothing
        // (and would overflow Int), so those are written in exponent form.
        if !d.isFinite { return "" }
        if abs(d) >= 1e15 { return String(d) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (d * scale).rounded() / scale
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        var fraction = Int(((magnitude - whole) * scale).rounded())
        var wholeInt = Int(whole)
        if Double(fraction) >= scale { wholeInt += 1; fraction = 0 }
        var text = (negative && (wholeInt != 0 || fraction != 0) ? "-" : "") + String(wholeInt)
        if places > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: places - digits.count) + digits
            if trim { while digits.hasSuffix("0") { digits.removeLast() } }
            if !digits.isEmpty { text += "." + digits }
        }
        return text
    }

    /// `1234567.5` → `1,234,567.5`: the whole part of a fixed decimal grouped; exponent forms left alone.
    static func groupWhole(_ text: String) -> String {
        guard !text.contains("e") else { return text }
        guard let dot = text.firstIndex(of: ".") else { return groupThousands(text) }
        return groupThousands(String(text[..<dot])) + String(text[dot...])
    }

    /// `1234567` → `1,234,567`.
    public static func groupThousands(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        let body = negative ? String(digits.dropFirst()) : digits
        guard body.count > 3 else { return digits }
        var out = ""
        for (i, ch) in body.enumerated() {
            if i > 0 && (body.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (negative ? "-" : "") + out
    }
}
