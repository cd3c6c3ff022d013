/// JSON: an array of objects keyed by column key; numbers as numbers, nulls as null.
enum JSONFormat {
    static func render(_ table: ResultTable) -> String {
        if table.isRecord { return object(table) }
        let indices = table.columns.indices.filter { table.columns[$0].kind != .bar }
        if table.rows.isEmpty { return "[]\n" }
        // Each key written once, not once per row.
        let keys = indices.map { string(table.columns[$0].key) + ": " }
        var out = "[\n"
        for (r, row) in table.rows.enumerated() {
            out += "  {"
            for (position, i) in indices.enumerated() {
                if position > 0 { out += ", " }
                out += keys[position]
                out += value(i < row.count ? row[i] : .null, table.columns[i].kind)
            }
            out += r == table.rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    /// A field/value record as one object, fields in order; a repeated field becomes an array.
    static func object(_ table: ResultTable) -> String {
        var keys: [String] = []
        var values: [String: [String]] = [:]
        for row in table.rows {
            guard case .text(let field)? = row.first else { continue }
            let key = recordKey(field)
            if values[key] == nil { keys.append(key) }
            values[key, default: []].append(value(row.count > 1 ? row[1] : .null, .text))
        }
        if keys.isEmpty { return "{}\n" }
        let fields = keys.map { key in
            let all = values[key]!
            return "  " + string(key) + ": " + (all.count == 1 ? all[0] : "[" + all.joined(separator: ", ") + "]")
        }
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }

    /// `valid from` → `valid_from`: a field label as a key a program can use.
    static func recordKey(_ label: String) -> String {
        var key = ""
        for character in label.lowercased() {
            if character.isLetter || character.isNumber { key.append(character) }
            else if !key.isEmpty && !key.hasSuffix("_") { key.append("_") }
        }
        while key.hasSuffix("_") { key.removeLast() }
        return key.isEmpty ? "field" : key
    }

    static func message(_ text: String) -> String {
        "{\"message\": \(string(text))}\n"
    }

    static func value(_ cell: Cell, _ kind: Column.Kind) -> String {
        switch cell {
        case .null: return "null"
        case .text(let s): return kind == .json ? s : string(s)
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? Renderer.plain(cell, kind) : "null"
        }
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    static func string(_ s: String) -> String {
        // Most texts need no escape: found from the bytes (every byte to escape is ASCII), then copied whole
        // instead of appended scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
