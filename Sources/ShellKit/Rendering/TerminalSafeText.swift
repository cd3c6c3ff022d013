/// Stored text made harmless for a terminal: control characters shown as visible escapes.
///
/// Names, notes, `--as` and imported cells can hold ESC, BEL, CR and other control characters; printed
/// raw they could clear the screen, set the window title or overwrite a line. On a terminal the shell
/// shows them as `\e`, `\r`, `\t`, `\a`, `\x7F`, `\u{9B}`…; csv and json written to a file or pipe stay exact.
public enum TerminalSafeText {
    /// `text` with every C0 and C1 control character (and DEL) escaped; newlines kept when `keepNewlines`.
    public static func escaping(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keepNewlines && $0 == "\n") }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !(keepNewlines && scalar == "\n") else { out.append(scalar); continue }
            out.append(contentsOf: visible(scalar).unicodeScalars)
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{1B}": return "\\e"
        case "\r": return "\\r"
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\0": return "\\0"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return scalar.value < 0x100 ? "\\x" + (hex.count == 1 ? "0" : "") + hex : "\\u{\(hex)}"
        }
    }

    /// A result with the text of every cell, title and note escaped (messages keep their line breaks).
    public static func escaping(_ result: CommandResult) -> CommandResult {
        switch result {
        case .none: return .none
        case .message(let text): return .message(escaping(text, keepNewlines: true))
        case .sequence(let parts): return .sequence(parts.map(escaping))
        case .table(var table):
            table.title = table.title.map { escaping($0, keepNewlines: true) }
            table.notes = table.notes.map { escaping($0, keepNewlines: true) }
            table.rows = table.rows.map { row in
                row.map { cell in
                    if case .text(let s) = cell { return .text(escaping(s)) }
                    return cell
                }
            }
            return .table(table)
        }
    }
}
