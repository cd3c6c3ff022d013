import Testing
@testable import ShellKit

/// Aligned tables for people: display width, alignment, grouping, bars only on a terminal.
@Suite("Table format")
struct TableFormatTests {
    func render(_ table: ResultTable, decorated: Bool = false, color: Bool = false) -> String {
        Renderer.render(.table(table), as: .table, style: RenderStyle(decorated: decorated, color: color))
    }

    let animals = ResultTable(
        columns: [Column("name"), Column("kind"), Column("count", .integer)],
        rows: [
            [.text("Xã Phúc Hòa"), .text("cat"), .integer(3)],
            [.text("Xã Phúc Sơn"), .text("dog"), .integer(12)],
            [.text("Phường Trần Phú"), .text("cat"), .integer(1250)],
        ]
    )

    @Test("Vietnamese names line up by display width; numbers are right-aligned and grouped")
    func vietnameseColumns() {
        #expect(render(animals) == """
            name             kind  count
            ───────────────  ────  ─────
            Xã Phúc Hòa      cat       3
            Xã Phúc Sơn      dog      12
            Phường Trần Phú  cat   1,250
            (3 rows)

            """)
    }

    @Test("decomposed letters (base + combining marks) take the same columns as precomposed ones")
    func decomposedNames() {
        let decomposed = "Xa\u{0303} Phu\u{0301}c Ho\u{0300}a"
        let table = ResultTable(columns: [Column("name"), Column("count", .integer)], rows: [
            [.text(decomposed), .integer(3)],
            [.text("Phường Trần Phú"), .integer(1250)],
        ])
        #expect(render(table) == """
            name             count
            ───────────────  ─────
            \(decomposed)          3
            Phường Trần Phú  1,250
            (2 rows)

            """)
    }

    @Test("wide (East Asian) characters take two columns")
    func wideCharacters() {
        let table = ResultTable(columns: [Column("city"), Column("n", .integer)], rows: [
            [.text("河内"), .integer(1)],
            [.text("Huế"), .integer(22)],
        ])
        #expect(render(table) == """
            city   n
            ────  ──
            河内   1
            Huế   22
            (2 rows)

            """)
    }

    @Test("numeric columns: headings and values right-aligned, integers grouped, decimals and percentages fixed")
    func numericColumns() {
        let table = ResultTable(
            columns: [Column("unit"), Column("population", .integer), Column("share", .percent(places: 1)),
                      Column("density", .decimal(places: 2))],
            rows: [
                [.text("Xã Phúc Hòa"), .integer(12345), .number(95.8), .number(1234.5)],
                [.text("Phường Trần Phú"), .integer(1_234_567), .number(100), .number(0.456)],
                [.text("Xã Phúc Sơn"), .null, .integer(80), .number(-3.14159)],
            ]
        )
        #expect(render(table) == """
            unit             population   share   density
            ───────────────  ──────────  ──────  ────────
            Xã Phúc Hòa          12,345   95.8%  1,234.50
            Phường Trần Phú   1,234,567  100.0%      0.46
            Xã Phúc Sơn                   80.0%     -3.14
            (3 rows)

            """)
    }

    @Test("no line ends in blanks, even when its last cells are empty")
    func noTrailingBlanks() {
        let table = ResultTable(columns: [Column("name"), Column("count", .integer), Column("note")], rows: [
            [.text("Xã Phúc Hòa"), .null, .null],
            [.text("Phường Trần Phú"), .integer(1250), .text("ok")],
        ])
        let text = render(table)
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
        #expect(text.contains("\nXã Phúc Hòa\n"))
    }

    @Test("a year column is right-aligned but not grouped")
    func years() {
        let table = ResultTable(columns: [Column("name"), Column("year", .year)], rows: [
            [.text("Xã Phúc Hòa"), .integer(2025)],
            [.text("Phường Trần Phú"), .integer(21)],
        ])
        #expect(render(table) == """
            name             year
            ───────────────  ────
            Xã Phúc Hòa      2025
            Phường Trần Phú    21
            (2 rows)

            """)
    }

    @Test("a numeric last column keeps its heading over its numbers")
    func numericLastColumnHeading() {
        let table = ResultTable(columns: [Column("name"), Column("count", .integer)], rows: [
            [.text("Phường Trần Phú"), .integer(1_234_567)],
        ])
        #expect(render(table) == """
            name                 count
            ───────────────  ─────────
            Phường Trần Phú  1,234,567
            (1 row)

            """)
    }

    @Test("negative integers are grouped after the sign")
    func negativeGrouping() {
        #expect(Renderer.display(.integer(-1_234_567), .integer) == "-1,234,567")
        #expect(Renderer.display(.integer(-123), .integer) == "-123")
        #expect(Renderer.display(.integer(999), .integer) == "999")
        #expect(Renderer.display(.integer(1000), .integer) == "1,000")
    }

    @Test("decimals round half away from zero to the column's places, without locale")
    func decimalRounding() {
        #expect(Renderer.display(.number(0.25), .decimal(places: 1)) == "0.3")
        #expect(Renderer.display(.number(-0.25), .decimal(places: 1)) == "-0.3")
        #expect(Renderer.display(.number(0.24), .decimal(places: 1)) == "0.2")
        #expect(Renderer.display(.number(9.96), .decimal(places: 1)) == "10.0")
        #expect(Renderer.display(.number(-0.04), .decimal(places: 1)) == "0.0", "no negative zero")
        #expect(Renderer.display(.number(95.8), .percent(places: 0)) == "96%")
        #expect(Renderer.display(.number(7.25), .integer) == "7")
        #expect(Renderer.display(.integer(5), .decimal(places: 1)) == "5.0", "an integer in a decimal column keeps the column's places")
        #expect(Renderer.display(.integer(12345), .percent(places: 0)) == "12,345%")
        #expect(Renderer.display(.bool(true), .text) == "yes")
    }

    @Test("numbers too large or not finite never crash the renderer")
    func extremeNumbers() {
        let table = ResultTable(columns: [Column("name"), Column("ratio", .decimal(places: 1)), Column("n", .integer)], rows: [
            [.text("divided by zero"), .number(.infinity), .number(-.infinity)],
            [.text("undefined"), .number(.nan), .number(.nan)],
            [.text("huge"), .number(1e20), .number(1e300)],
        ])
        let text = render(table)
        #expect(text.hasSuffix("(3 rows)\n"))
        #expect(Renderer.display(.number(.infinity), .decimal(places: 1)) == "")
        #expect(Renderer.display(.number(.nan), .percent(places: 1)) == "")
        #expect(Renderer.display(.number(1e20), .decimal(places: 1)) == "1e+20")
        #expect(Renderer.display(.number(1e300), .integer) == "1e+300")
        _ = Renderer.render(.table(table), as: .csv)
        _ = Renderer.render(.table(table), as: .json)
        _ = Renderer.render(.table(table), as: .markdown)
    }

    @Test("title, row count (singular and plural) and notes")
    func titleAndNotes() {
        let table = ResultTable(title: "Cats of Phúc Hòa", columns: [Column("name")], rows: [[.text("Mướp")]],
                                notes: ["Counted on 2023-05-01.", "Kittens excluded."])
        #expect(render(table) == """
            Cats of Phúc Hòa
            name
            ────
            Mướp
            (1 row)
            Note: Counted on 2023-05-01.
            Note: Kittens excluded.

            """)
    }

    @Test("an empty table still shows its headings and says (0 rows)")
    func emptyTable() {
        let table = ResultTable(columns: [Column("name"), Column("count", .integer)])
        #expect(render(table) == "name  count\n────  ─────\n(0 rows)\n")
    }

    @Test("headings may differ from keys; newlines inside cells become spaces; short rows are padded with nulls")
    func headingsNewlinesShortRows() {
        let table = ResultTable(columns: [Column("n", heading: "Tên"), Column("note")], rows: [
            [.text("a"), .text("line one\nline two")],
            [.text("b")],
            [.text("c"), .text("windows\r\nline")],
        ])
        #expect(render(table) == """
            Tên  note
            ───  ─────────────────
            a    line one line two
            b
            c    windows line
            (3 rows)

            """)
    }

    @Test("bars are drawn only when the destination is decorated (a terminal)")
    func barsOnlyWhenDecorated() {
        let table = ResultTable(columns: [Column("name"), Column("coverage", .bar), Column("share", .percent(places: 0))], rows: [
            [.text("Xã Phúc Hòa"), .number(0.5), .number(50)],
            [.text("Xã Phúc Sơn"), .number(0.55), .number(55)],
            [.text("Phường Trần Phú"), .number(1.2), .number(100)],
        ])
        #expect(render(table) == """
            name             share
            ───────────────  ─────
            Xã Phúc Hòa        50%
            Xã Phúc Sơn        55%
            Phường Trần Phú   100%
            (3 rows)

            """)
        #expect(render(table, decorated: true) == """
            name             coverage    share
            ───────────────  ──────────  ─────
            Xã Phúc Hòa      █████·····    50%
            Xã Phúc Sơn      █████▌····    55%
            Phường Trần Phú  ██████████   100%
            (3 rows)

            """)
    }

    @Test("a bar is ten cells with eighth blocks, clamped to 0–1, empty for null")
    func barCells() {
        #expect(TableFormat.bar(.number(0)) == "··········")
        #expect(TableFormat.bar(.number(0.0125)) == "▏·········")
        #expect(TableFormat.bar(.number(-1)) == "··········")
        #expect(TableFormat.bar(.integer(1)) == "██████████")
        #expect(TableFormat.bar(.null) == "")
    }

    @Test("colour makes the title and headings bold, and nothing else")
    func colour() {
        let table = ResultTable(title: "Cats", columns: [Column("name")], rows: [[.text("Mướp")]])
        let text = render(table, decorated: true, color: true)
        #expect(text.hasPrefix(ANSI.bold("Cats") + "\n" + ANSI.bold("name") + "\n"))
        #expect(text.contains("\nMướp\n"))
        #expect(!render(table, decorated: true).contains("\u{1B}"))
    }

    @Test("a sequence of results is separated by a blank line")
    func sequence() {
        let result = CommandResult.sequence([.message("Two animals:"), .table(ResultTable(columns: [Column("name")], rows: [[.text("Mướp")]])), .none])
        #expect(Renderer.render(result, as: .table) == "Two animals:\n\nname\n────\nMướp\n(1 row)\n")
    }
}

/// Display width, the measure every alignment depends on.
@Suite("Text width")
struct TextWidthTests {
    @Test("letters with diacritics are one column, precomposed or decomposed")
    func diacritics() {
        #expect(TextWidth.of("Phường Trần Phú") == 15)
        #expect(TextWidth.of("Xa\u{0303} Phu\u{0301}c Ho\u{0300}a") == 11)
        #expect(TextWidth.of("Đ") == 1)
    }

    @Test("East Asian wide characters are two columns; control and zero-width characters none")
    func wideAndZero() {
        #expect(TextWidth.of("河内") == 4)
        #expect(TextWidth.of("a\u{200B}b") == 2)
        #expect(TextWidth.of("a\u{1B}b") == 2)
    }

    @Test("padding adds spaces by display width, on the left for numbers")
    func padding() {
        #expect(TextWidth.pad("Hòa", to: 5) == "Hòa  ")
        #expect(TextWidth.pad("12", to: 5, alignRight: true) == "   12")
        #expect(TextWidth.pad("too long", to: 3) == "too long")
    }

    @Test("truncation keeps whole characters and ends with an ellipsis")
    func truncation() {
        #expect(TextWidth.truncate("Phường Trần Phú", to: 8) == "Phường …")
        #expect(TextWidth.truncate("Hòa", to: 3) == "Hòa")
        #expect(TextWidth.truncate("河内河内", to: 4) == "河…")
    }
}
