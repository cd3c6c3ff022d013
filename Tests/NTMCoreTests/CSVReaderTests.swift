import Foundation
import Testing
@testable import NTMCore

@Suite("CSVReader: RFC 4180 over bytes")
struct CSVReaderTests {
    func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        let reader = CSVReader(text: text, name: "t.csv")
        var result: [(Int, [String])] = []
        while try reader.next() { result.append((reader.line, try reader.fields())) }
        return result
    }

    @Test("plain, quoted, doubled quotes, empty fields, CRLF and LF")
    func basics() throws {
        let rows = try records("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n,,\r\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test("a quoted field spanning lines: records report the line they start on")
    func multiline() throws {
        let rows = try records("h1,h2\n\"line one\nline two\",x\nlast,y")
        #expect(rows[1].fields == ["line one\nline two", "x"])
        #expect(rows[1].line == 2)
        #expect(rows[2].line == 4)
        #expect(rows[2].fields == ["last", "y"])
    }

    @Test("a BOM is skipped; blank lines are skipped; a quoted empty field is a record")
    func bomAndBlank() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code,name\n\n07324,Phúc Hòa\n\"\"\n".utf8)
        let reader = CSVReader(bytes: bytes, name: "b.csv")
        #expect(try reader.readHeader() == ["code", "name"])
        #expect(try reader.next())
        #expect(reader.line == 3)
        #expect(try reader.string(at: 1) == "Phúc Hòa")
        #expect(reader.int(at: 0) == 7324)
        #expect(try reader.next())
        #expect(reader.count == 1 && reader.isEmpty(at: 0))
        #expect(try !reader.next())
    }

    @Test("errors name the file, the line and the column")
    func errors() throws {
        #expect(errorMessage { _ = try records("a,b\n1,\"open\n2,3\n") } == "t.csv:2: unterminated quoted field (the quote opens on line 2)")
        #expect(errorMessage { _ = try records("a,b\n1,x\"y\n") } == "t.csv:2: column '#2': a quote inside an unquoted field (quote the whole field, and double quotes inside it)")
        #expect(errorMessage { _ = try records("a,b\n\"1\"x,2\n") } == "t.csv:2: column '#1': unexpected character after a closing quote (quote the whole field, and double quotes inside it)")
        let reader = CSVReader(bytes: Array("name\n".utf8) + [0xC3, 0x28] + Array("\n".utf8), name: "u.csv")
        _ = try reader.readHeader()
        _ = try reader.next()
        #expect(errorMessage { _ = try reader.string(at: 0) } == "u.csv:2: column 'name': not valid UTF-8")
    }

    @Test("numbers straight from bytes")
    func numbers() throws {
        let reader = CSVReader(text: "12,-7,+3,1x,,95.8,99999999999999999999", name: "n.csv")
        #expect(try reader.next())
        #expect(reader.int(at: 0) == 12)
        #expect(reader.int(at: 1) == -7)
        #expect(reader.int(at: 2) == 3)
        #expect(reader.int(at: 3) == nil)
        #expect(reader.int(at: 4) == nil)
        #expect(reader.double(at: 5) == 95.8)
        #expect(reader.int(at: 6) == nil)   // overflow is not a number
    }

    @Test("a file read in chunks: records straddling the 1 MiB buffer boundary are whole, lines exact")
    func chunkBoundaries() throws {
        let folder = try TemporaryFolder()
        var text = "id,text,n\r\n"
        var expected: [[String]] = []
        for row in 0..<40_000 {
            let field = row % 7 == 0 ? "\"quoted, with \"\"quotes\"\" and\nnewline \(row)\"" : "plain\(row)"
            text += "\(row),\(field),\(row * 3)\r\n"
            expected.append([String(row), row % 7 == 0 ? "quoted, with \"quotes\" and\nnewline \(row)" : "plain\(row)", String(row * 3)])
        }
        let path = try folder.write("big.csv", text)
        #expect(text.utf8.count > 1 << 20)
        let reader = try CSVReader(path: path)
        _ = try reader.readHeader()
        var index = 0
        var line = 2
        while try reader.next() {
            #expect(try reader.fields() == expected[index])
            #expect(reader.line == line)
            line += index % 7 == 0 ? 2 : 1
            index += 1
        }
        #expect(index == expected.count)
    }

    @Test("a missing file is an error naming it")
    func missing() {
        #expect(errorMessage { _ = try CSVReader(path: "/nonexistent/x.csv") } == "/nonexistent/x.csv: cannot open: No such file or directory")
    }
}
