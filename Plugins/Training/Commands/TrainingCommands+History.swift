import NTMCore
import ShellKit

/// `training history`, `training roster`, `training export`: an official's record, a class's list, certificates.
extension TrainingCommands {
    var history: CommandSpec {
        CommandSpec(
            "training history", summary: "An official's units served and courses, oldest first",
            parameters: [.positional("official", officialType, "Registry number or name")],
            examples: [
                .init("training history 1", "Where official no. 1 served, and every course they took"),
                .init("training history \"nguyen van an\" --format json", "The same, by name, as JSON"),
            ]
        ) { context in
            try access(context).read { store in
                let official = try Self.official(context, store)
                let index = try store.units.index()
                let courses = Dictionary(uniqueKeysWithValues: try store.courses.all().map { ($0.id, $0) })
                var rows: [[Cell]] = []
                for assignment in try store.officials.assignments(of: official.id) {
                    let unit = index.unit(id: assignment.unitID)
                    rows.append([.text(assignment.from.description), .text("served"),
                                 .text("\(unit?.name ?? "?") (\(unit?.code ?? "?"))" + (assignment.to.map { " until \($0)" } ?? "")),
                                 .null, .null, .null])
                }
                for enrolment in try store.enrolments.enrolments(officialID: official.id) {
                    let course = courses[enrolment.courseID]
                    let classText = enrolment.classID.map { ", class \($0)" } ?? ""
                    rows.append([.text(enrolment.completedOn?.description), .text(enrolment.status.rawValue),
                                 .text("\(course?.code ?? "?") \(course?.title ?? "")\(classText)"),
                                 .text(course?.topics.joined(separator: "; ")), .number(enrolment.score), .text(enrolment.certificate)])
                }
                // Dated events in order; enrolments not yet completed last.
                let order = rows.indices.sorted { a, b in
                    switch (rows[a][0], rows[b][0]) {
                    case (.text(let x), .text(let y)): return x != y ? x < y : a < b
                    case (.text, _): return true
                    case (_, .text): return false
                    default: return a < b
                    }
                }
                return .table(ResultTable(
                    title: try store.officials.describe(official),
                    columns: [Column("date"), Column("event"), Column("what"), Column("topics"), Column("score", .decimal(places: 1)),
                              Column("certificate")],
                    rows: order.map { rows[$0] }))
            }
        }
    }

    var roster: CommandSpec {
        CommandSpec(
            "training roster", summary: "The officials enrolled in a class, with their status",
            parameters: [.positional("class", classType, "The class's number (training class list)")],
            examples: [.init("training roster 1", "Class 1's list: who attended, completed, failed")]
        ) { context in
            try access(context).read { store in
                let held = try Self.pointing(context, "class") { try store.courses.resolveClass(context.arguments.string("class")!) }
                let course = try store.courses.course(id: held.courseID)
                let index = try store.units.index()
                let unit = index.unit(id: held.unitID)
                var rows: [(name: String, cells: [Cell])] = []
                for enrolment in try store.enrolments.enrolments(classID: held.id) {
                    guard let official = try store.officials.official(id: enrolment.officialID) else { continue }
                    let served = try store.officials.currentAssignment(of: official.id).flatMap { index.unit(id: $0.unitID) }
                    rows.append((NameFolding.fold(official.fullName), [
                        .integer(Int(official.id)), .text(official.fullName), .text(served?.name), .text(enrolment.status.rawValue),
                        .number(enrolment.score), .text(enrolment.completedOn?.description), .text(enrolment.certificate)]))
                }
                let completed = rows.filter { if case .text("completed") = $0.cells[3] { return true } else { return false } }.count
                let days = held.starts == held.ends ? "on \(held.starts)" : "\(held.starts) – \(held.ends)"
                return .table(ResultTable(
                    title: "Class \(held.id): \(course?.code ?? "?") \(course?.title ?? ""), \(unit?.name ?? "?"), \(days)"
                        + (held.trainer.map { ", trainer \($0)" } ?? ""),
                    columns: [Column("no", .integer), Column("name"), Column("unit"), Column("status"), Column("score", .decimal(places: 1)),
                              Column("completed_on", heading: "completed"), Column("certificate")],
                    rows: rows.sorted { $0.name < $1.name }.map(\.cells),
                    notes: ["\(completed) of \(rows.count) completed"]))
            }
        }
    }

    var export: CommandSpec {
        CommandSpec(
            "training export", summary: "Certificates issued: who completed which course, when, with which certificate",
            description: """
                One row per completion — the official's number and name, the unit served on the day, the course, the
                day, the certificate (or platform confirmation) and the score — for --year (default: every year) and
                within --in. Use --format csv or json, and --output FILE, for a spreadsheet or another system. No
                national ID number is ever exported: the registry does not have them.
                """,
            parameters: [
                .option("year", Self.yearType, "Only completions in this year", default: "every year"),
                .option("in", unitType(), "Only officials serving within this unit on the day (the unit so named at the end of --year)",
                        default: "the province"),
                .option("course", courseType, "Only this course"),
            ],
            examples: [
                .init("training export --year 2024 --format csv --output certificates-2024.csv", "The 2024 certificates, as CSV"),
                .init("training export --course CDS-01 --format json", "Every CDS-01 certificate, as JSON"),
            ]
        ) { context in
            try access(context).read { store in
                let year = context.arguments.int("year")
                let index = try store.units.index()
                let course = context.arguments.has("course") ? try Self.course(context, store) : nil
                let area = context.arguments.has("in")
                    ? try Self.pointing(context, "in") {
                        try Self.resolveNowOrThen(context.arguments.string("in")!, index: index, on: year.map(Day.endOfYear) ?? .today())
                    } : nil
                let courses = Dictionary(uniqueKeysWithValues: try store.courses.all().map { ($0.id, $0) })
                let completions = try store.enrolments.completions(from: year.map { Day(year: $0, month: 1, day: 1)! },
                                                                   to: year.map(Day.endOfYear))
                var rows: [[Cell]] = []
                for enrolment in completions where course == nil || enrolment.courseID == course!.id {
                    guard let day = enrolment.completedOn, let official = try store.officials.official(id: enrolment.officialID) else { continue }
                    let served = try store.officials.assignments(of: official.id).last { $0.isCurrent(on: day) }
                        ?? store.officials.currentAssignment(of: official.id)
                    let unit = served.flatMap { index.unit(id: $0.unitID) }.map { TrainingCensus.current($0, on: day, index: index) }
                    if let area {
                        guard let unit, unit.id == area.id || index.isWithin(unit, area, on: day) else { continue }
                    }
                    let taken = courses[enrolment.courseID]
                    rows.append([.integer(Int(official.id)), .text(official.fullName), .text(unit?.code), .text(unit?.name),
                                 .text(taken?.code), .text(taken?.title), .text(day.description), .text(enrolment.certificate),
                                 .number(enrolment.score)])
                }
                return .table(ResultTable(
                    columns: [Column("official_no", .integer, heading: "no"), Column("name"), Column("unit_code", heading: "code"),
                              Column("unit"), Column("course"), Column("title"), Column("completed_on", heading: "completed"),
                              Column("certificate"), Column("score", .decimal(places: 1))],
                    rows: rows,
                    notes: ["\(rows.count) completion\(rows.count == 1 ? "" : "s")" + (year.map { " in \($0)" } ?? "")]))
            }
        }
    }
}
