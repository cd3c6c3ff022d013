/// A JSON value that keeps object keys in order: what audit rows store and what imports parse.
///
/// Numbers keep their source text (`"07324"` stays a string, `97.0` stays `97.0`), so nothing is
/// rounded between reading and writing.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An object from ordered pairs; nil values are written as `null`.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(JSONObject(pairs.map { JSONObject.Entry(key: $0.key, value: $0.value ?? .null, line: 0) }))
    }

    public static func number(_ value: Int) -> JSONValue { .number(String(value)) }
    public static func number(_ value: Int64) -> JSONValue { .number(String(value)) }

    /// A number written without a needless `.0` (`97`, `95.8`).
    public static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
        return .number(String(value))
    }

    /// A string, or `null` when absent.
    public static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Compact JSON text.
    public var jsonText: String {
        var output = ""
        write(to: &output, indent: nil, depth: 0)
        return output
    }

    /// Indented JSON text (two spaces), for exports people read.
    public var prettyText: String {
        var output = ""
        write(to: &output, indent: "  ", depth: 0)
        return output
    }

    func write(to output: inout String, indent: String?, depth: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if let indent { output += "\n" + String(repeating: indent, count: depth + 1) }
                item.write(to: &output, indent: indent, depth: depth + 1)
            }
            if let indent { output += "\n" + String(repeating: indent, count: depth) }
            output += "]"
        case .object(let object):
            if object.entries.isEmpty { output += "{}"; return }
            output += "{"
            for (index, entry) in object.entries.enumerated() {
                if index > 0 { output += "," }
                if let indent { output += "\n" + String(repeating: indent, count: depth + 1) }
                JSONValue.writeString(entry.key, to: &output)
                output += indent == nil ? ":" : ": "
                entry.value.write(to: &output, indent: indent, depth: depth + 1)
            }
            if let indent { output += "\n" + String(repeating: indent, count: depth) }
            output += "}"
        }
    }

    /// ``writeString(_:to:)`` into UTF-8 bytes: the same escapes (all of them ASCII, so byte by byte).
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case ..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        // Most text needs no escape: copy it whole (every audit row writes a few such strings).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// The string value, or the number's text; nil for other kinds.
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }
}

/// A JSON object: ordered entries, each with the line it was read from (0 when built in code).
public struct JSONObject: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
        public var line: Int
    }

    public var entries: [Entry]
    /// The line of the opening brace (0 when built in code).
    public var line: Int

    public init(_ entries: [Entry], line: Int = 0) {
        self.entries = entries
        self.line = line
    }

    public subscript(key: String) -> JSONValue? {
        entries.first { $0.key == key }?.value
    }

    /// The line of a key's value, else the object's line.
    public func line(of key: String) -> Int {
        entries.first { $0.key == key }?.line ?? line
    }
}
