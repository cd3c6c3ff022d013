/// A synthetic person-level export for tests: deterministic rows over the given commune codes,
/// and a plain, independent count of what it holds (string splitting, nothing shared with the importer).
struct PersonExportFile {
    /// Data rows as `person_id,commune_code,birth_year,sex,has_ehr,insured`.
    var rows: [[String]]
    static let header = "person_id,commune_code,birth_year,sex,has_ehr,insured"

    /// `rows` residents spread over `codes`, born 1925–2023, with ids like `0241` + 8 digits
    /// (unique, and distinctive enough to search a database file for).
    static func generate(rows count: Int, codes: [String], seed: UInt64 = 42) -> PersonExportFile {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var rows: [[String]] = []
        rows.reserveCapacity(count)
        for i in 0..<count {
            let code = codes[Int(next() % UInt64(codes.count))]
            let birth = 1925 + Int(next() % 99)
            let id = "0241" + String(10_000_000 + (i &* 7_919) % 90_000_000)
            rows.append([id, code, String(birth), next() % 2 == 0 ? "M" : "F",
                         next() % 100 < 91 ? "1" : "0", next() % 100 < 93 ? "1" : "0"])
        }
        return PersonExportFile(rows: rows)
    }

    /// The file's text, LF line ends, header first.
    var text: String {
        ([Self.header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    var ids: [String] { rows.map { $0[0] } }

    /// Direct counts from the rows: residents, with EHR, insured, under 5 (born in the last five years).
    struct Counts: Equatable {
        var residents = 0, withRecord = 0, insured = 0, underFive = 0
    }

    func counts(periodYear: Int = 2023) -> (total: Counts, byCode: [String: Counts]) {
        var total = Counts()
        var byCode: [String: Counts] = [:]
        for row in rows {
            var counts = byCode[row[1], default: Counts()]
            for c in [\Counts.residents] { counts[keyPath: c] += 1; total[keyPath: c] += 1 }
            if row[4] == "1" { counts.withRecord += 1; total.withRecord += 1 }
            if row[5] == "1" { counts.insured += 1; total.insured += 1 }
            if Int(row[2])! >= periodYear - 4 { counts.underFive += 1; total.underFive += 1 }
            byCode[row[1]] = counts
        }
        return (total, byCode)
    }
}
