import Foundation
import Testing

/// One bad command file, line or import file, and exactly what ntm must say about it.
struct BadInput: CustomTestStringConvertible, Sendable {
    enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        /// `prefix`, then `unit` repeated `count` times, then `suffix` (huge lines and cells).
        case repeated(String, String, Int, String)

        var data: Data {
            switch self {
            case .text(let text): return Data(text.utf8)
            case .bytes(let bytes): return Data(bytes)
            case .repeated(let prefix, let unit, let count, let suffix):
                return Data((prefix + String(repeating: unit, count: count) + suffix).utf8)
            }
        }
    }

    var id: String
    var summary: String
    var files: [(String, Content)]
    var arguments: [String]
    var status: Int32
    var errors: String

    init(_ id: String, _ summary: String, files: [(String, Content)], arguments: [String], status: Int32, errors: String) {
        self.id = id
        self.summary = summary
        self.files = files
        self.arguments = arguments
        self.status = status
        self.errors = errors
    }

    var testDescription: String { "\(id): \(summary)" }
}

/// The bad-input catalogue (issue 8): bad command files and lines, bad import files of every importer. Each
/// runs against a database holding data, and must give exactly its error and exit status and leave the
/// database file byte-for-byte as it was (and no `-wal` behind).
@Suite("Bad-input catalogue")
struct BadInputCatalogueTests {
    @Test("every bad input: its exact error, its exit status, the database byte-identical", arguments: Self.cases)
    func badInput(_ bad: BadInput) throws {
        let scratch = try BatchContractTests.Scratch()
        let seed = try scratch.run(["-c", "criteria set 07324 2023 9 met; ehr set 07324 2023 --residents 9120 --with-ehr 8760"])
        #expect(seed.status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        for (name, content) in bad.files {
            let url = scratch.folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.data.write(to: url)
        }
        let run = try scratch.run(bad.arguments)
        #expect(run.errors == bad.errors)
        #expect(run.status == bad.status)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before, "the database changed")
        #expect(!FileManager.default.fileExists(atPath: scratch.database + "-wal"))
    }

    @Test("the catalogue holds at least 40 kinds of bad input")
    func size() {
        #expect(Set(Self.cases.map(\.id)).count == Self.cases.count)
        #expect(Self.cases.count >= 40)
    }

    static let cases: [BadInput] = [
        BadInput("unknown-command", "a misspelt command",
                 files: [("job.ntm", .text("critera set 07324 2023 9 met\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: unknown command 'critera' (did you mean 'criteria'?); type 'help' for the list\n    critera set 07324 2023 9 met\n    ^~~~~~~\n"),
        BadInput("unterminated-quote", "a quote never closed",
                 files: [("job.ntm", .text("echo \"open\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: unterminated double quote\n    echo \"open\n         ^\n"),
        BadInput("trailing-backslash", "a last line ending in a backslash",
                 files: [("job.ntm", .text("echo a \\"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: a line ends with '\\' but no line follows\n    echo a \\\n           ^\n"),
        BadInput("nul-in-command", "a NUL byte inside a quoted path",
                 files: [("job.ntm", .text("unit list --output \"x\u{0}y\"\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: a NUL character (byte 0) cannot appear in a command\n    unit list --output \"x\u{0}y\"\n                         ^\n"),
        BadInput("invalid-utf8-file", "a command file that is not UTF-8",
                 files: [("job.ntm", .bytes([0x65, 0x63, 0x68, 0x6F, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x0A]))],
                 arguments: ["-f", "job.ntm"],
                 status: 3,
                 errors: "error: cannot read 'job.ntm': not valid UTF-8 text\n"),
        BadInput("binary-file", "a PNG given as a command file",
                 files: [("job.ntm", .bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]))],
                 arguments: ["-f", "job.ntm"],
                 status: 3,
                 errors: "error: cannot read 'job.ntm': not valid UTF-8 text\n"),
        BadInput("overlong-line", "a line of 200,000 bytes",
                 files: [("job.ntm", .repeated("echo ", "x", 200000, "\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: line 1 has 200,005 bytes, more than a command may have (100,000); nothing was run\n"),
        BadInput("huge-unknown-word", "a one-word unknown command of 90,000 bytes",
                 files: [("job.ntm", .repeated("", "q", 90000, "\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: unknown command 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…'; type 'help' for the list\n"),
        BadInput("unknown-variable", "an undefined variable",
                 files: [("job.ntm", .text("criteria set 07324 $yaer 9 met\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: unknown variable '$yaer'\n    criteria set 07324 $yaer 9 met\n                       ^~~~~\n"),
        BadInput("bad-brace-variable", "'${' without '}'",
                 files: [("job.ntm", .text("echo ${year\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: '${' without a closing '}'\n    echo ${year\n         ^\n"),
        BadInput("unknown-option", "an option the command lacks",
                 files: [("job.ntm", .text("unit list --colour red\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: unknown option '--colour' for 'unit list'\n    unit list --colour red\n              ^~~~~~~~\n"),
        BadInput("missing-required-option", "ehr set without --with-ehr",
                 files: [("job.ntm", .text("ehr set 07324 2023 --residents 10\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: missing --with-ehr N for 'ehr set' (usage: ehr set UNIT PERIOD --residents N --with-ehr N [--insured N] [--under5 N] [--stunted-under5 N])\n"),
        BadInput("count-not-a-number", "a count that is text",
                 files: [("job.ntm", .text("ehr set 07324 2023 --residents many --with-ehr 1\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: invalid count 'many' for --residents: expected a whole number\n    ehr set 07324 2023 --residents many --with-ehr 1\n                                   ^~~~\n"),
        BadInput("negative-count", "a negative count",
                 files: [("job.ntm", .text("ehr set 07324 2023 --residents -5 --with-ehr 1\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: invalid count '-5' for --residents: expected a count (0 or more)\n    ehr set 07324 2023 --residents -5 --with-ehr 1\n                                   ^~\n"),
        BadInput("count-overflow", "a count beyond 64 bits",
                 files: [("job.ntm", .text("ehr set 07324 2023 --residents 99999999999999999999 --with-ehr 1\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: invalid count '99999999999999999999' for --residents: expected a whole number\n    ehr set 07324 2023 --residents 99999999999999999999 --with-ehr 1\n                                   ^~~~~~~~~~~~~~~~~~~~\n"),
        BadInput("implausible-residents", "2^63-1 residents",
                 files: [("job.ntm", .text("ehr set 07324 2023 --residents 9223372036854775807 --with-ehr 0\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: refused: residents (9,223,372,036,854,775,807) is more than any commune has: at most 10,000,000 people\n    ehr set 07324 2023 --residents 9223372036854775807 --with-ehr 0\n                                   ^~~~~~~~~~~~~~~~~~~\n"),
        BadInput("bad-period", "month 13",
                 files: [("job.ntm", .text("criteria set 07324 2023-13 9 met\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: invalid year '2023-13' for YEAR: expected a year such as 2023\n    criteria set 07324 2023-13 9 met\n                       ^~~~~~~\n"),
        BadInput("unknown-unit", "a unit code that does not exist",
                 files: [("job.ntm", .text("criteria set 99999 2023 9 met\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: unknown unit '99999' on 2023-12-31; no unit has code 99999\n"),
        BadInput("bad-criterion", "criterion 20 of 19",
                 files: [("job.ntm", .text("criteria set 07324 2023 20 met\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:1: error: invalid criterion '20' for CRITERION: unknown criterion '20': expected 1–19 or 8.1–8.4\n    criteria set 07324 2023 20 met\n                            ^~\n"),
        BadInput("source-cycle", "a file that sources itself",
                 files: [("job.ntm", .text("source job.ntm\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: 'job.ntm' is already being run (a file that sources itself)\n    source job.ntm\n           ^~~~~~~\n"),
        BadInput("source-device", "source /dev/zero",
                 files: [("job.ntm", .text("source /dev/zero\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 3,
                 errors: "job.ntm:1: error: cannot read '/dev/zero': not a regular file\n"),
        BadInput("source-folder", "source of a folder",
                 files: [("job.ntm", .text("source /tmp\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 3,
                 errors: "job.ntm:1: error: cannot read '/tmp': it is a folder\n"),
        BadInput("source-missing", "source of a missing file",
                 files: [("job.ntm", .text("source nowhere.ntm\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 3,
                 errors: "job.ntm:1: error: cannot read 'nowhere.ntm': No such file or directory\n"),
        BadInput("not-a-command-file", "a password file sourced",
                 files: [("job.ntm", .text("source passwd\n")), ("passwd", .text("root:x:0:0:root:/root:/bin/bash\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 2,
                 errors: "passwd:1: error: this is not a command file: line 1 is not an ntm command; nothing was run\n  in file sourced from job.ntm:1\n"),
        BadInput("output-onto-database", "--output naming the database",
                 files: [("job.ntm", .text("criteria set 07324 2023 10 met --output ntm.db\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: refusing to write 'ntm.db': it is the open database; choose another file\n"),
        BadInput("output-onto-wal", "--output naming the database's -wal",
                 files: [("job.ntm", .text("criteria set 07324 2023 10 met --output ntm.db-wal\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: refusing to write 'ntm.db-wal': it is a file of the open database; choose another file\n"),
        BadInput("output-missing-folder", "--output into a missing folder",
                 files: [("job.ntm", .text("criteria set 07324 2023 10 met --output no/such/x.csv\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: cannot write 'no/such/x.csv': No such file or directory\n"),
        BadInput("output-folder", "--output naming a folder",
                 files: [("job.ntm", .text("criteria set 07324 2023 10 met --output /tmp\n"))],
                 arguments: ["-f", "job.ntm"],
                 status: 1,
                 errors: "job.ntm:1: error: cannot write '/tmp': it is a folder\n"),
        BadInput("single-transaction-late-failure", "a failure at the end of an all-or-nothing run",
                 files: [("job.ntm", .text("criteria set 07324 2023 10 met\ncriteria set 07324 2023 99 met\n"))],
                 arguments: ["--single-transaction", "-f", "job.ntm"],
                 status: 2,
                 errors: "job.ntm:2: error: invalid criterion '99' for CRITERION: unknown criterion '99': expected 1–19 or 8.1–8.4\n    criteria set 07324 2023 99 met\n                            ^~\nnote: --single-transaction: the run failed, so nothing was written\n"),
        BadInput("criteria-empty-file", "an empty import file",
                 files: [("a.csv", .text(""))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:1: the file is empty: expected a header row\n"),
        BadInput("criteria-unknown-column", "a misspelt column",
                 files: [("a.csv", .text("unit,year,criterion,mett\n07324,2023,9,met\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:1: column 'mett': unknown column; expected unit, year, criterion, met (optional: note)\n"),
        BadInput("criteria-missing-column", "no 'met' column",
                 files: [("a.csv", .text("unit,year,criterion\n07324,2023,9\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:1: column 'met': required column missing\n"),
        BadInput("criteria-extra-field", "a row longer than the header",
                 files: [("a.csv", .text("unit,year,criterion,met\n07324,2023,9,met,extra\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: expected 4 fields (unit,year,criterion,met), found 5\n"),
        BadInput("criteria-short-row", "a row shorter than the header",
                 files: [("a.csv", .text("unit,year,criterion,met\n07324,2023,9\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: expected 4 fields (unit,year,criterion,met), found 3\n"),
        BadInput("criteria-unterminated-quote", "a quoted field never closed",
                 files: [("a.csv", .text("unit,year,criterion,met\n07324,2023,9,\"met\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: unterminated quoted field (the quote opens on line 2)\n"),
        BadInput("criteria-stray-quote", "a quote inside an unquoted field",
                 files: [("a.csv", .text("unit,year,criterion,met\n07324,20\"23,9,met\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: column 'year': a quote inside an unquoted field (quote the whole field, and double quotes inside it)\n"),
        BadInput("criteria-invalid-utf8", "a cell that is not UTF-8",
                 files: [("a.csv", .bytes([0x75, 0x6E, 0x69, 0x74, 0x2C, 0x79, 0x65, 0x61, 0x72, 0x2C, 0x63, 0x72, 0x69, 0x74, 0x65, 0x72, 0x69, 0x6F, 0x6E, 0x2C, 0x6D, 0x65, 0x74, 0x0A, 0x30, 0x37, 0x33, 0x32, 0x34, 0x2C, 0x32, 0x30, 0x32, 0x33, 0x2C, 0x39, 0x2C, 0x6D, 0xE9, 0x74, 0x0A]))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: column 'met': not valid UTF-8\n"),
        BadInput("criteria-huge-cell", "a 2 MiB cell",
                 files: [("a.csv", .repeated("unit,year,criterion,met\n07324,2023,9,\"", "x", 2097152, "\"\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: a record longer than 1 MiB: not an import file (or a cell far too long)\n"),
        BadInput("criteria-bad-status", "'maybe' as a result",
                 files: [("a.csv", .text("unit,year,criterion,met\n07324,2023,9,maybe\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:2: column 'met': 'maybe' is not yes or no (use 1/0, yes/no, true/false or met/unmet)\n"),
        BadInput("criteria-unknown-unit", "a unit that does not exist, deep in the file",
                 files: [("a.csv", .text("unit,year,criterion,met\n07324,2023,9,met\n07324,2023,10,met\n99999,2023,9,met\n"))],
                 arguments: ["-c", "criteria import a.csv"],
                 status: 1,
                 errors: "-c:1: error: a.csv:4: column 'unit': unknown unit '99999' on 2023-12-31; no unit has code 99999\n"),
        BadInput("criteria-json-not-array", "JSON that is an object",
                 files: [("a.json", .text("{\"unit\": \"07324\"}\n"))],
                 arguments: ["-c", "criteria import a.json"],
                 status: 1,
                 errors: "-c:1: error: a.json:1: expected an array of objects\n"),
        BadInput("criteria-json-truncated", "JSON cut short",
                 files: [("a.json", .text("[{\"unit\": \"07324\", \"year\": 2023, \"criterion\": \"9\", \"met\": tr"))],
                 arguments: ["-c", "criteria import a.json"],
                 status: 1,
                 errors: "-c:1: error: a.json:1: invalid JSON: expected 'true'\n"),
        BadInput("criteria-folder", "a folder given as the file",
                 files: [("d.csv/x", .text(""))],
                 arguments: ["-c", "criteria import d.csv"],
                 status: 3,
                 errors: "-c:1: error: d.csv: cannot open: it is a folder\n"),
        BadInput("criteria-no-extension", "a file whose format cannot be told",
                 files: [("assessments", .text("unit,year,criterion,met\n07324,2023,9,met\n"))],
                 arguments: ["-c", "criteria import assessments"],
                 status: 1,
                 errors: "-c:1: error: cannot tell the format of 'assessments': name it .csv or .json, or give the format\n"),
        BadInput("unit-import-missing", "a unit file that does not exist",
                 files: [],
                 arguments: ["-c", "unit import villages.csv"],
                 status: 3,
                 errors: "-c:1: error: villages.csv: cannot open: No such file or directory\n"),
        BadInput("unit-import-bad-code", "a village code outside its commune",
                 files: [("v.csv", .text("code,name,kind,parent_code\n0999901,Thôn X,village,07324\n"))],
                 arguments: ["-c", "unit import v.csv"],
                 status: 1,
                 errors: "-c:1: error: v.csv:2: column 'code': malformed village code '0999901': expected the commune's code 07324 followed by 2–3 digits (e.g. 0732401)\n"),
        BadInput("recognition-bad-title", "an unknown title",
                 files: [("r.csv", .text("unit,year,title\n07324,2023,gold\n"))],
                 arguments: ["-c", "recognition import r.csv"],
                 status: 1,
                 errors: "-c:1: error: r.csv:2: column 'title': unknown recognition 'gold': expected standard, advanced, model, smart or completed\n"),
        BadInput("figures-short-row", "a figures row shorter than its header",
                 files: [("f.csv", .text("unit_code,period,residents,with_ehr,insured\n07324,2023,9120,8760\n"))],
                 arguments: ["-c", "ehr import f.csv"],
                 status: 1,
                 errors: "-c:1: error: f.csv:2: 4 fields, the header has 5\n"),
        BadInput("figures-implausible", "a commune of 10^14 people",
                 files: [("f.csv", .text("unit_code,period,residents,with_ehr\n07324,2023,100000000000000,1\n"))],
                 arguments: ["-c", "ehr import f.csv"],
                 status: 1,
                 errors: "-c:1: error: f.csv:2: column 'residents': residents (100,000,000,000,000) is more than any commune has: at most 10,000,000 people\n"),
        BadInput("figures-negative", "negative residents",
                 files: [("f.csv", .text("unit_code,period,residents,with_ehr\n07324,2023,-1,0\n"))],
                 arguments: ["-c", "ehr import f.csv"],
                 status: 1,
                 errors: "-c:1: error: f.csv:2: column 'residents': cannot be negative (-1)\n"),
        BadInput("figures-part-exceeds-whole", "more records than residents",
                 files: [("f.csv", .text("unit_code,period,residents,with_ehr\n07324,2023,100,101\n"))],
                 arguments: ["-c", "ehr import f.csv"],
                 status: 1,
                 errors: "-c:1: error: f.csv:2: column 'with_ehr': with EHR (101) cannot exceed residents (100)\n"),
        BadInput("figures-repeated-unit", "a unit and period given twice",
                 files: [("f.csv", .text("unit_code,period,residents,with_ehr\n07324,2023,100,50\n07324,2023,100,60\n"))],
                 arguments: ["-c", "ehr import f.csv"],
                 status: 1,
                 errors: "-c:1: error: f.csv:3: column 'unit_code': unit 07324 and period 2023 already given on line 2\n"),
        BadInput("figures-district", "figures for a district",
                 files: [("f.csv", .text("unit_code,period,residents,with_ehr\n215,2023,100,50\n"))],
                 arguments: ["-c", "ehr import f.csv"],
                 status: 1,
                 errors: "-c:1: error: f.csv:2: column 'unit_code': Huyện Yên Thế (215) is a district: figures are recorded per commune, ward or township\n"),
        BadInput("persons-blank-padded-duplicate", "one person id twice, once with trailing blanks",
                 files: [("p.csv", .text("person_id,commune_code,birth_year,sex,has_ehr,insured\nP1,07324,1980,F,1,1\nP2,07324,1990,M,0,1\nP1  ,07324,1980,F,1,1\n"))],
                 arguments: ["-c", "ehr import p.csv --period 2023"],
                 status: 1,
                 errors: "-c:1: error: p.csv:4: column 'person_id': the same person id as line 2: each resident must appear once\n"),
        BadInput("persons-bad-flag", "has_ehr that is not 0 or 1",
                 files: [("p.csv", .text("person_id,commune_code,birth_year,sex,has_ehr,insured\nP1,07324,1980,F,yes,1\n"))],
                 arguments: ["-c", "ehr import p.csv --period 2023"],
                 status: 1,
                 errors: "-c:1: error: p.csv:2: column 'has_ehr': expected 0 or 1 (got 'yes')\n"),
        BadInput("persons-long-line", "a person row of 2 MiB",
                 files: [("p.csv", .repeated("person_id,commune_code,birth_year,sex,has_ehr,insured\nP", "1", 2097152, ",07324,1980,F,1,1\n"))],
                 arguments: ["-c", "ehr import p.csv --period 2023"],
                 status: 1,
                 errors: "-c:1: error: p.csv:2: line longer than 256 KiB: not a CSV file\n"),
        BadInput("ehr-import-folder", "a folder given to ehr import",
                 files: [("d.csv/x", .text(""))],
                 arguments: ["-c", "ehr import d.csv"],
                 status: 3,
                 errors: "-c:1: error: cannot read 'd.csv': it is a folder\n"),
        BadInput("read-only-change", "a change under --read-only",
                 files: [],
                 arguments: ["--read-only", "-c", "criteria set 07324 2023 10 met"],
                 status: 1,
                 errors: "-c:1: error: database is open read-only: 'criteria set' changes data\n"),
    ]
}
