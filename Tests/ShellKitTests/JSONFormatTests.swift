import Testing
@testable import ShellKit

/// JSON for programs: an array of objects, numbers as numbers, null as null, strings escaped per RFC 8259.
@Suite("JSON format")
struct JSONFormatTests {
    func json(_ table: ResultTable) -> String { Renderer.render(.table(table), as: .json) }

    @Test("rows become objects keyed by column key; numbers, booleans and null keep their JSON types")
    func types() {
        let table = ResultTable(
            title: "ignored",
            columns: [Column("unit"), Column("population", .integer), Column("share", .percent(places: 1)),
                      Column("coverage", .bar), Column("open")],
            rows: [
                [.text("Xã Phúc Hòa"), .integer(1_234_567), .number(95.8), .number(0.9), .bool(true)],
                [.text("Phường Trần Phú"), .null, .integer(100), .null, .bool(false)],
            ]
        )
        #expect(json(table) == """
            [
              {"unit": "Xã Phúc Hòa", "population": 1234567, "share": 95.8, "open": true},
              {"unit": "Phường Trần Phú", "population": null, "share": 100, "open": false}
            ]

            """)
    }

    @Test("strings escape quotes, backslashes and control characters; other characters stay literal")
    func escapes() {
        let table = ResultTable(columns: [Column("text")], rows: [
            [.text("say \"hi\" \\ then\nnew line\ttab\r\u{01}\u{1F}")],
            [.text("Đồng Tâm — “quotes” 河内")],
        ])
        #expect(json(table) == """
            [
              {"text": "say \\"hi\\" \\\\ then\\nnew line\\ttab\\r\\u0001\\u001f"},
              {"text": "Đồng Tâm — “quotes” 河内"}
            ]

            """)
    }

    @Test("keys are escaped like strings")
    func escapedKeys() {
        let table = ResultTable(columns: [Column("a\"b")], rows: [[.integer(1)]])
        #expect(json(table) == "[\n  {\"a\\\"b\": 1}\n]\n")
    }

    @Test("numbers that JSON cannot hold (infinity, NaN) become null")
    func nonFinite() {
        let table = ResultTable(columns: [Column("ratio", .decimal(places: 1))], rows: [[.number(.infinity)], [.number(.nan)]])
        #expect(json(table) == "[\n  {\"ratio\": null},\n  {\"ratio\": null}\n]\n")
    }

    @Test("an empty result is an empty array; a message is an object")
    func emptyAndMessage() {
        #expect(json(ResultTable(columns: [Column("name")])) == "[]\n")
        #expect(Renderer.render(.message("added 2 to \"Xã Phúc Hòa\""), as: .json) == "{\"message\": \"added 2 to \\\"Xã Phúc Hòa\\\"\"}\n")
        #expect(Renderer.render(.none, as: .json) == "")
    }
}
