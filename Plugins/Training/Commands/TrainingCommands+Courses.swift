import NTMCore
import ShellKit

/// `training course add|list`, `training class add|list`: what is taught, and where and when.
extension TrainingCommands {
    var courseAdd: CommandSpec {
        CommandSpec(
            "training course add", summary: "Add a course: code, title, provider, mode, hours, topics",
            description: """
                Courses come from the province, the districts and national online platforms (the ministry's OneTouch
                MOOCs, the "Bình dân học vụ số" platform). Topics say what a course counts for: "digital
                transformation" for training.managers_trained; "digital skills" and "information security" for
                training.commune_officials_digital. Give --topic once per topic; Vietnamese names are understood ("chuyển đổi
                số", "kỹ năng số", "an toàn thông tin"). Codes are unique without regard to case.
                """,
            parameters: [
                .positional("code", .text, "A short unique code (CDS-01)"),
                .positional("title", .text, "The course's title"),
                .option("provider", .text, "Who gives it", required: true),
                .option("mode", Self.modeType, "How it is taught", required: true),
                .option("hours", Self.hoursType, "How long it lasts, in hours", required: true),
                .option("topic", topicType, "A topic it covers (repeat for several)", required: true, repeatable: true),
            ],
            mutates: true,
            examples: [
                .init("training course add CDS-01 \"Chuyển đổi số trong xây dựng NTM\" --provider \"Sở Thông tin và Truyền thông\" --mode in-person --hours 16 --topic \"digital transformation\"",
                      "The province's course on digital transformation for NTM managers"),
                .init("training course add BDHVS-KNS \"Kỹ năng số cơ bản\" --provider \"Bình dân học vụ số\" --mode online --hours 8 --topic \"digital skills\" --topic \"information security\"",
                      "An online course on the national platform"),
            ]
        ) { context in
            let course = try access(context).mutate { store in
                try store.courses.add(code: context.arguments.string("code")!, title: context.arguments.string("title")!,
                                      provider: context.arguments.string("provider")!,
                                      mode: CourseMode(rawValue: context.arguments.string("mode")!)!,
                                      hours: context.arguments.double("hours")!, topics: context.arguments.strings("topic"))
            }
            return .message("Added course \(course.code) \"\(course.title)\": \(course.provider), \(course.mode.rawValue), "
                + "\(Figures.number(course.hours)) hours; topics: \(course.topics.joined(separator: ", ")).")
        }
    }

    var courseList: CommandSpec {
        CommandSpec(
            "training course list", summary: "List courses, with how many officials completed each",
            parameters: [.option("topic", topicType, "Only courses covering this topic")],
            examples: [
                .init("training course list", "Every course"),
                .init("training course list --topic \"digital transformation\"", "The courses that count for the managers' target"),
            ]
        ) { context in
            try access(context).read { store in
                let topic = context.arguments.string("topic").map(Topic.canonical)
                let courses = try store.courses.all().filter { topic == nil || $0.covers(topic!) }
                let completed = try store.enrolments.completedPerCourse()
                return .table(ResultTable(
                    columns: [Column("code"), Column("title"), Column("provider"), Column("mode"), Column("hours", .decimal(places: 1)),
                              Column("topics"), Column("completed", .integer)],
                    rows: courses.map { course in
                        [.text(course.code), .text(course.title), .text(course.provider), .text(course.mode.rawValue),
                         .number(course.hours), .text(course.topics.joined(separator: "; ")), .integer(completed[course.id] ?? 0)]
                    },
                    notes: courses.isEmpty ? ["no courses" + (topic == nil ? " yet: 'training course add'" : " cover '\(topic!)'")] : []))
            }
        }
    }

    var classAdd: CommandSpec {
        CommandSpec(
            "training class add", summary: "Record a class: a course held on dates, at a unit, by a trainer",
            parameters: [
                .positional("course", courseType, "The course's code"),
                .option("at", unitType(), "Where it is held (the unit organising it)", required: true),
                .option("from", .date, "The first day", required: true),
                .option("to", .date, "The last day", default: "the first day"),
                .option("trainer", .text, "Who teaches it"),
            ],
            mutates: true,
            examples: [
                .init("training class add CDS-01 --at \"Tân Yên\" --from 2023-05-10 --to 2023-05-11 --trainer \"Trần Minh Đức\"",
                      "A two-day class of CDS-01 in Tân Yên"),
            ]
        ) { context in
            let from = try Self.day(context, "from")!
            let to = try Self.day(context, "to") ?? from
            let (held, course, unit) = try access(context).mutate { store -> (TrainingClass, Course, Unit) in
                let course = try Self.course(context, store)
                let unit = try resolveUnit(context, "at", on: from, index: try store.units.index())
                return (try store.courses.addClass(course: course, unit: unit, starts: from, ends: to,
                                                   trainer: context.arguments.string("trainer")), course, unit)
            }
            let days = from == to ? "on \(from)" : "from \(from) to \(to)"
            return .message("Added class \(held.id): \(course.code) at \(unit.name) (\(unit.code)) \(days)"
                + (held.trainer.map { ", trainer \($0)" } ?? "") + ".")
        }
    }

    var classList: CommandSpec {
        CommandSpec(
            "training class list", summary: "List classes, newest first, with their enrolments and completions",
            parameters: [.option("course", courseType, "Only classes of this course")],
            examples: [.init("training class list --course CDS-01", "The classes of CDS-01")]
        ) { context in
            try access(context).read { store in
                let course = context.arguments.has("course") ? try Self.course(context, store) : nil
                let courses = Dictionary(uniqueKeysWithValues: try store.courses.all().map { ($0.id, $0) })
                let index = try store.units.index()
                let classes = try store.courses.classes(courseID: course?.id)
                return .table(ResultTable(
                    columns: [Column("class", .integer), Column("course"), Column("code"), Column("unit"), Column("from"),
                              Column("to"), Column("trainer"), Column("enrolled", .integer), Column("completed", .integer)],
                    rows: try classes.map { held in
                        let enrolments = try store.enrolments.enrolments(classID: held.id)
                        let unit = index.unit(id: held.unitID)
                        return [.integer(Int(held.id)), .text(courses[held.courseID]?.code), .text(unit?.code), .text(unit?.name),
                                .text(held.starts.description), .text(held.ends.description), .text(held.trainer),
                                .integer(enrolments.count), .integer(enrolments.filter { $0.status == .completed }.count)]
                    },
                    notes: classes.isEmpty ? ["no classes yet: 'training class add'"] : []))
            }
        }
    }
}
