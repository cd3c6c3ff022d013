import Testing
@testable import ShellKit

/// GitHub-flavoured Markdown tables for reports: headings, alignment row, escaped pipes, notes in italics.
@Suite("Markdown format")
struct MarkdownFormatTests {
    @Test("a titled table with a right-aligned numeric column, display formatting and notes")
    func table() {
        let table = ResultTable(
            title: "Cats",
            columns: [Column("name", heading: "Tên"), Column("coverage", .bar), Column("count", .integer),
                      Column("share", .percent(places: 1))],
            rows: [
                [.text("Xã Phúc Hòa"), .number(0.5), .integer(1250), .number(95.8)],
                [.text("a | b\nc"), .null, .null, .null],
            ],
            notes: ["Counted in May."]
        )
        #expect(Renderer.render(.table(table), as: .markdown) == """
            **Cats**

            | Tên | count | share |
            | --- | ---: | ---: |
            | Xã Phúc Hòa | 1,250 | 95.8% |
            | a \\| b c |  |  |

            _Counted in May._

            """)
    }

    @Test("a line break written CR LF becomes one space, like LF, and does not break the row")
    func windowsLineBreak() {
        let table = ResultTable(columns: [Column("note")], rows: [[.text("portal live\r\nsince | May")]])
        #expect(Renderer.render(.table(table), as: .markdown) == "| note |\n| --- |\n| portal live since \\| May |\n")
    }

    @Test("pipes in titles and headings are escaped too")
    func escapedHeadings() {
        let table = ResultTable(title: "A|B", columns: [Column("x|y")])
        #expect(Renderer.render(.table(table), as: .markdown) == "**A\\|B**\n\n| x\\|y |\n| --- |\n")
    }

    @Test("results in a sequence are separated by a blank line")
    func sequence() {
        let one = ResultTable(columns: [Column("a", .integer)], rows: [[.integer(1)]])
        #expect(Renderer.render(.sequence([.table(one), .table(one)]), as: .markdown)
            == "| a |\n| ---: |\n| 1 |\n\n| a |\n| ---: |\n| 1 |\n")
    }
}
