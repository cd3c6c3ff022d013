import Testing
@testable import NTMCore

/// What `unit export` and the other exports write: RFC 4180 fields, quoted only when a reader needs it.
@Suite("CSV writer")
struct CSVWriterTests {
    @Test("separators, quotes and line ends are quoted; a record ends with CRLF")
    func quoting() {
        #expect(CSVWriter.line(["07324", "Xã Phúc Hòa", "Tân Yên, Bắc Giang", "say \"hi\"", "a\r\nb", ""])
                == "07324,Xã Phúc Hòa,\"Tân Yên, Bắc Giang\",\"say \"\"hi\"\"\",\"a\r\nb\",\r\n")
    }

    @Test("a field starting or ending with a space is quoted, even when a combining mark follows the space")
    func edgeSpaces() {
        #expect(CSVWriter.field(" padded ") == "\" padded \"")
        #expect(CSVWriter.field(" \u{301}x") == "\" \u{301}x\"")
        #expect(CSVWriter.field("x \u{301}") == "x \u{301}")
    }
}
