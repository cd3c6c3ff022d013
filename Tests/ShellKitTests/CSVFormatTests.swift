import Testing
@testable import ShellKit

/// CSV for spreadsheets and scripts (RFC 4180): keys as headers, plain numbers, quoting only when needed.
@Suite("CSV format")
struct CSVFormatTests {
    func csv(_ table: ResultTable) -> String { Renderer.render(.table(table), as: .csv) }

    @Test("the header is the column keys; numbers are plain (no grouping, no %); Vietnamese is kept as is")
    func plainValues() {
        let table = ResultTable(
            title: "not in CSV",
            columns: [Column("unit", heading: "Đơn vị"), Column("population", .integer), Column("share", .percent(places: 1)),
                      Column("coverage", .bar), Column("open", .text)],
            rows: [
                [.text("Xã Phúc Hòa"), .integer(1_234_567), .number(95.8), .number(0.958), .bool(true)],
                [.text("Phường Trần Phú"), .null, .integer(100), .null, .bool(false)],
            ],
            notes: ["not in CSV either"]
        )
        #expect(csv(table) == """
            unit,population,share,open
            Xã Phúc Hòa,1234567,95.8,true
            Phường Trần Phú,,100,false

            """)
    }

    @Test("fields with commas, quotes, newlines or edge spaces are quoted, inner quotes doubled")
    func quoting() {
        let table = ResultTable(columns: [Column("value")], rows: [
            [.text("Phúc Hòa, Tân Yên")],
            [.text("say \"xin chào\"")],
            [.text("two\nlines")],
            [.text("carriage\rreturn")],
            [.text("windows\r\nline")],
            [.text(" padded ")],
            [.text("plain")],
            [.text("")],
        ])
        #expect(csv(table) == "value\n"
            + "\"Phúc Hòa, Tân Yên\"\n"
            + "\"say \"\"xin chào\"\"\"\n"
            + "\"two\nlines\"\n"
            + "\"carriage\rreturn\"\n"
            + "\"windows\r\nline\"\n"
            + "\" padded \"\n"
            + "plain\n"
            + "\n")
    }

    @Test("whole numbers are written in plain digits, from zero to the extremes")
    func wholeNumbers() {
        let values = [0, 7, -7, 10, 1_000_000, Int.max, Int.min]
        let table = ResultTable(columns: [Column("n", .integer), Column("share", .percent(places: 1))],
                                rows: values.map { [.integer($0), .integer($0)] })
        #expect(csv(table) == "n,share\n" + values.map { "\($0),\($0)\n" }.joined())
    }

    @Test("headers are quoted by the same rule")
    func quotedHeader() {
        #expect(csv(ResultTable(columns: [Column("a,b"), Column("c")])) == "\"a,b\",c\n")
    }

    @Test("decimals keep two more places than shown, without trailing zeros")
    func decimalPrecision() {
        let table = ResultTable(columns: [Column("ratio", .decimal(places: 1)), Column("raw"), Column("n", .integer)], rows: [
            [.number(1.0 / 3.0), .number(2.5), .number(3.0)],
            [.number(0.1 + 0.2), .number(1.0 / 3.0), .integer(-7)],
        ])
        #expect(csv(table) == "ratio,raw,n\n0.333,2.5,3\n0.3,0.333333,-7\n")
    }

    @Test("an empty table is just the header; messages are plain lines")
    func emptyAndMessages() {
        #expect(csv(ResultTable(columns: [Column("name")])) == "name\n")
        #expect(Renderer.render(.message("added 2"), as: .csv) == "added 2\n")
    }
}
