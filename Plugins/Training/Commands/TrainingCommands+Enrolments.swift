import NTMCore
import ShellKit

/// `training enrol`, `training complete`, `training mark`, `training headcount set`.
extension TrainingCommands {
    var enrol: CommandSpec {
        CommandSpec(
            "training enrol", summary: "Enrol an official in a class, or in an online course",
            description: """
                Enrols an official in a class (--class, whose course it is) or directly in a course taken online. An
                official has one enrolment per course: enrolling again after a failure or a withdrawal re-opens it; a
                completed course is not re-opened.
                """,
            parameters: [
                .positional("official", officialType, "Registry number or name"),
                .positional("course", courseType, "The course (for an online course, or to check the class's)", required: false),
                .option("class", classType, "The class, by number"),
            ],
            mutates: true,
            examples: [
                .init("training enrol 2 --class 1", "Official no. 2 in class 1"),
                .init("training enrol \"Lê Thị Hoa\" BDHVS-KNS", "An online course, no class"),
            ]
        ) { context in
            guard context.arguments.has("course") || context.arguments.has("class") else {
                throw ShellError.usage("give the course, or the class with --class")
            }
            let (official, course, held, change) = try access(context).mutate { store -> (Official, Course, TrainingClass?, EnrolmentBook.Change) in
                let official = try Self.official(context, store)
                var held: TrainingClass?
                if context.arguments.has("class") {
                    held = try Self.pointing(context, "class") { try store.courses.resolveClass(context.arguments.string("class")!) }
                }
                let course: Course
                if context.arguments.has("course") {
                    course = try Self.course(context, store)
                    if let held, held.courseID != course.id {
                        let other = try store.courses.course(id: held.courseID)
                        throw ShellError.failed("class \(held.id) is a class of \(other?.code ?? "another course"), not \(course.code)",
                                                at: context.arguments.word(for: "class"))
                    }
                } else {
                    course = try store.courses.course(id: held!.courseID)!
                }
                if let existing = try store.enrolments.enrolment(officialID: official.id, courseID: course.id),
                   existing.status == .completed {
                    throw ShellError.failed("\(official.label) completed \(course.code) on \(existing.completedOn!): nothing to enrol")
                }
                let enrolment = Enrolment(officialID: official.id, courseID: course.id, classID: held?.id, status: .enrolled,
                                          score: nil, completedOn: nil, certificate: nil, source: "entered")
                let change = try store.enrolments.write(enrolment, key: "official/\(official.id)/\(course.code)",
                                                        unitCode: try Self.unitCode(of: official, store))
                return (official, course, held, change)
            }
            let place = held.map { " (class \($0.id))" } ?? " (online)"
            switch change {
            case .unchanged: return .message("\(official.label) is already enrolled in \(course.code)\(place): nothing changed.")
            case .changed(let before): return .message("Re-enrolled \(official.label) in \(course.code)\(place) (was \(before.status.rawValue)).")
            case .added: return .message("Enrolled \(official.label) in \(course.code)\(place).")
            }
        }
    }

    var complete: CommandSpec {
        CommandSpec(
            "training complete", summary: "Record that an official completed a course, with the day and certificate",
            description: """
                Marks the official's enrolment in the course completed on --on, with the certificate number (or the
                platform's confirmation, such as a VNeID confirmation for "Bình dân học vụ số") and the score. An
                official who took an online course without being enrolled is enrolled by this. Correcting the day,
                certificate or score says what changed.
                """,
            parameters: [
                .positional("official", officialType, "Registry number or name"),
                .positional("course", courseType, "The course's code"),
                .option("on", .date, "The day it was completed", required: true),
                .option("certificate", .text, "Certificate number or platform confirmation"),
                .option("score", Self.scoreType, "The final score, 0–100"),
            ],
            mutates: true,
            examples: [
                .init("training complete 1 CDS-01 --on 2023-05-11 --certificate CN-2023-0412 --score 86",
                      "Official no. 1 completed CDS-01 with certificate CN-2023-0412"),
                .init("training complete \"Lê Thị Hoa\" BDHVS-KNS --on 2024-02-20 --certificate VNEID-7731",
                      "An online course, confirmed on VNeID"),
            ]
        ) { context in
            let day = try Self.day(context, "on")!
            let (official, course, change) = try access(context).mutate { store -> (Official, Course, EnrolmentBook.Change) in
                let official = try Self.official(context, store)
                let course = try Self.course(context, store)
                let existing = try store.enrolments.enrolment(officialID: official.id, courseID: course.id)
                if let held = try existing?.classID.flatMap({ try store.courses.trainingClass(id: $0) }), day < held.starts {
                    throw ShellError.failed("class \(held.id) began on \(held.starts): it cannot be completed on \(day)",
                                            at: context.arguments.word(for: "on"))
                }
                var enrolment = existing ?? Enrolment(officialID: official.id, courseID: course.id, classID: nil, status: .enrolled,
                                                      score: nil, completedOn: nil, certificate: nil, source: "entered")
                enrolment.status = .completed
                enrolment.completedOn = day
                if let certificate = context.arguments.string("certificate") { enrolment.certificate = certificate.trimmingBlanks() }
                if let score = context.arguments.double("score") { enrolment.score = score }
                enrolment.source = "entered"
                let change = try store.enrolments.write(enrolment, key: "official/\(official.id)/\(course.code)",
                                                        unitCode: try Self.unitCode(of: official, store))
                return (official, course, change)
            }
            switch change {
            case .unchanged:
                return .message("\(official.label) is already recorded as having completed \(course.code) on \(day): nothing changed.")
            case .changed(let before) where before.status == .completed:
                return .message("Corrected \(official.label)'s completion of \(course.code): \(Self.describeChange(before, day, context)).")
            default:
                let certificate = context.arguments.string("certificate").map { ", certificate \($0)" } ?? ""
                return .message("Recorded \(official.label) completing \(course.code) \"\(course.title)\" on \(day)\(certificate).")
            }
        }
    }

    static func describeChange(_ before: Enrolment, _ day: Day, _ context: CommandContext) -> String {
        var parts: [String] = []
        if before.completedOn != day { parts.append("completed \(before.completedOn?.description ?? "—") → \(day)") }
        if let certificate = context.arguments.string("certificate"), certificate != before.certificate {
            parts.append("certificate \(before.certificate ?? "—") → \(certificate)")
        }
        if let score = context.arguments.double("score"), score != before.score {
            parts.append("score \(before.score.map(Figures.number) ?? "—") → \(Figures.number(score))")
        }
        return parts.joined(separator: ", ")
    }

    var mark: CommandSpec {
        CommandSpec(
            "training mark", summary: "Set an enrolment's status: enrolled, attended, failed or withdrawn",
            description: """
                Records how an enrolment stands short of completion (completion has its own command, with the day and
                certificate: training complete). Marking a completed course otherwise takes its completion away, and
                says so.
                """,
            parameters: [
                .positional("official", officialType, "Registry number or name"),
                .positional("course", courseType, "The course's code"),
                .positional("status", .choice(["enrolled", "attended", "failed", "withdrawn"]), "The new status"),
                .option("score", Self.scoreType, "The score, 0–100"),
            ],
            mutates: true,
            examples: [
                .init("training mark 2 CDS-01 attended", "Official no. 2 attended the class; completion to come"),
                .init("training mark 2 CDS-01 failed --score 42", "Official no. 2 failed, with the score"),
            ]
        ) { context in
            let status = EnrolmentStatus(rawValue: context.arguments.string("status")!)!
            let (official, course, before) = try access(context).mutate { store -> (Official, Course, Enrolment) in
                let official = try Self.official(context, store)
                let course = try Self.course(context, store)
                guard var enrolment = try store.enrolments.enrolment(officialID: official.id, courseID: course.id) else {
                    throw ShellError.failed("\(official.label) is not enrolled in \(course.code): 'training enrol' first")
                }
                let before = enrolment
                enrolment.status = status
                enrolment.completedOn = nil
                if let score = context.arguments.double("score") { enrolment.score = score }
                enrolment.source = "entered"
                try store.enrolments.write(enrolment, key: "official/\(official.id)/\(course.code)",
                                           unitCode: try Self.unitCode(of: official, store))
                return (official, course, before)
            }
            if before.status == status && context.arguments.double("score") == before.score {
                return .message("\(official.label) is already \(status.rawValue) in \(course.code): nothing changed.")
            }
            let undone = before.status == .completed ? " (its completion on \(before.completedOn!) is no longer counted)" : ""
            return .message("Marked \(official.label) \(status.rawValue) in \(course.code), was \(before.status.rawValue)\(undone).")
        }
    }

    var headcountSet: CommandSpec {
        CommandSpec(
            "training headcount set", summary: "Record how many managers (and commune officials) a unit has in a year",
            description: """
                The denominator of the 100% targets before every official is in the registry: how many NTM management
                officials serve at the unit itself (not those of the units below it) in the year, and for a commune,
                ward or township how many commune officials it has. Coverage prints the share of the headcount trained
                beside the share of registered officials trained.
                """,
            parameters: [
                .positional("unit", unitType(), "The unit: code or name"),
                .positional("year", Self.yearType, "The year"),
                .option("managers", .count, "NTM management officials at the unit", required: true),
                .option("officials", .count, "Commune officials (communes, wards and townships only)"),
            ],
            mutates: true,
            examples: [
                .init("training headcount set \"Phúc Hòa\" 2024 --managers 9 --officials 21", "Xã Phúc Hòa in 2024"),
                .init("training headcount set \"Tân Yên\" 2024 --managers 12", "The district's own NTM managers"),
            ]
        ) { context in
            let year = context.arguments.int("year")!
            let (unit, headcount, before) = try access(context).mutate { store -> (Unit, Headcount, Headcount?) in
                let unit = try resolveUnit(context, "unit", on: Day.endOfYear(year), index: try store.units.index())
                if context.arguments.has("officials") && unit.level != .commune {
                    throw ShellError.failed("--officials counts commune officials: \(unit.name) (\(unit.code)) is a \(unit.level.rawValue)",
                                            at: context.arguments.word(for: "officials"))
                }
                let headcount = Headcount(unitID: unit.id, year: year, managers: context.arguments.int("managers")!,
                                          officials: context.arguments.int("officials"))
                return (unit, headcount, try store.enrolments.setHeadcount(headcount, unit: unit))
            }
            let text = "\(headcount.managers) NTM manager\(headcount.managers == 1 ? "" : "s")"
                + (headcount.officials.map { ", \($0) commune official\($0 == 1 ? "" : "s")" } ?? "")
            if before == headcount { return .message("\(unit.name) (\(unit.code)) already has this headcount for \(year): nothing changed.") }
            return .message("\(before == nil ? "Recorded" : "Updated") the headcount of \(unit.name) (\(unit.code)) for \(year): \(text)"
                + (before.map { " (was \($0.managers)\($0.officials.map { ", \($0)" } ?? ""))" } ?? "") + ".")
        }
    }

    var headcountList: CommandSpec {
        CommandSpec(
            "training headcount list", summary: "The headcounts recorded, by year and unit",
            parameters: [.option("year", Self.yearType, "Only this year", default: "every year")],
            examples: [.init("training headcount list --year 2024", "The 2024 headcounts")]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let headcounts = try store.enrolments.allHeadcounts(year: context.arguments.int("year"))
                return .table(ResultTable(
                    columns: [Column("year", .year), Column("code"), Column("unit"), Column("managers", .integer),
                              Column("officials", .integer)],
                    rows: headcounts.map { headcount in
                        let unit = index.unit(id: headcount.unitID)
                        return [.integer(headcount.year), .text(unit?.code), .text(unit?.name), .integer(headcount.managers),
                                .count(headcount.officials)]
                    },
                    notes: headcounts.isEmpty ? ["no headcounts recorded: 'training headcount set'"] : []))
            }
        }
    }

    /// The code of the unit an official serves (for audit rows).
    static func unitCode(of official: Official, _ store: DomainStore) throws -> String? {
        let index = try store.units.index()
        return try store.officials.currentAssignment(of: official.id).flatMap { index.unit(id: $0.unitID)?.code }
    }
}
