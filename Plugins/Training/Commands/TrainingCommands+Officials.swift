import NTMCore
import ShellKit

/// `training official add|show|list|move`, `training role add|list`, `training commune set`: the registry.
extension TrainingCommands {
    var officialAdd: CommandSpec {
        CommandSpec(
            "training official add", summary: "Register an official: name, unit served, role, NTM manager or not",
            description: """
                Adds an official to the registry and prints the registry number the system assigns. --in is the unit
                served (province, district, commune or village), from --since (default today). --manager marks an
                official who manages the NTM programme: the managers are the population of the 100% target. Roles
                come from the programme's list ('training role list'; 'training role add' extends it). National ID
                numbers are taken only from imports, and kept only as a keyed hash. An official of the same name already
                serving the unit is taken for the same person: --namesake registers someone else of that name.
                """,
            parameters: [
                .positional("name", .text, "The official's full name"),
                .option("in", unitType(), "The unit served: code or name", required: true),
                .option("role", roleType, "The role, by code (training role list)", required: true),
                .flag("manager", "An NTM management official"),
                .option("since", .date, "The first day of service there", default: "today"),
                .flag("namesake", "A different person with the name of an official already serving the unit"),
            ],
            mutates: true,
            examples: [
                .init("training official add \"Nguyễn Văn An\" --in \"Phúc Hòa\" --role steering-board --manager --since 2022-01-01",
                      "A member of Phúc Hòa's NTM steering board, who manages the programme"),
                .init("training official add \"Lê Thị Hoa\" --in 07324 --role commune-cadre --since 2023-03-01",
                      "A commune civil servant"),
            ]
        ) { context in
            let access = try access(context)
            let since = try Self.day(context, "since") ?? Day.today()
            let (official, unit, role, flagged) = try access.mutate { store -> (Official, Unit, Role, Bool) in
                let index = try store.units.index()
                let unit = try resolveUnit(context, "in", on: since, index: index)
                let role = try Self.role(context, store)!
                if !context.arguments.flag("namesake"),
                   let namesake = try store.officials.namesakes(of: context.arguments.string("name")!, in: unit).first {
                    throw ShellError.failed("\(namesake.label) already serves \(unit.name) (\(unit.code)): the same person is "
                        + "registered once; --namesake registers a different person of the same name",
                        at: context.arguments.word(for: "name"))
                }
                let official = try store.officials.add(name: context.arguments.string("name")!, role: role,
                                                       isManager: context.arguments.flag("manager"), unit: unit, since: since)
                let commune = unit.level == .commune ? unit : (unit.level == .village ? index.parent(of: unit, on: since) : nil)
                let flagged = try commune.map { try store.officials.ethnicMountainFlags().isFlagged($0, index: index) } ?? false
                return (official, unit, role, flagged)
            }
            let manager = official.isManager ? ", NTM manager" : ""
            let area = flagged ? "; an ethnic-minority/mountain commune" : ""
            return .message("Registered \(official.fullName) as official no. \(official.id) (\(role.code)\(manager)), "
                + "serving \(unit.name) (\(unit.code)) since \(since)\(area).")
        }
    }

    var officialShow: CommandSpec {
        CommandSpec(
            "training official show", summary: "Show an official: role, unit served, moves, training",
            parameters: [
                .positional("official", officialType, "Registry number, or name (without diacritics will do)"),
            ],
            examples: [
                .init("training official show 1", "Official no. 1"),
                .init("training official show \"nguyen van an\"", "By name; give the number when two share it"),
            ]
        ) { context in
            try access(context).read { store in
                let official = try Self.official(context, store)
                let index = try store.units.index()
                let role = try store.officials.role(official.role)
                let assignments = try store.officials.assignments(of: official.id)
                let flagged = try store.officials.ethnicMountainFlags()
                var fields: [(String, Cell)] = [
                    ("registry number", .integer(Int(official.id))), ("name", .text(official.fullName)),
                    ("role", .text("\(role.name) (\(role.code))")), ("NTM manager", .text(official.isManager ? "yes" : "no")),
                ]
                if let current = assignments.last, let unit = index.unit(id: current.unitID) {
                    let place = index.placeName(of: unit, on: current.from).map { ", \($0)" } ?? ""
                    fields.append(("serves", .text("\(unit.name) (\(unit.code)\(place)) since \(current.from)"
                        + (current.to.map { ", until \($0)" } ?? ""))))
                    let commune = unit.level == .commune ? unit : (unit.level == .village ? index.parent(of: unit, on: current.from) : nil)
                    if let commune {
                        fields.append(("ethnic-minority/mountain commune", .text(flagged.isFlagged(commune, index: index) ? "yes" : "no")))
                    }
                }
                fields.append(("national ID", .text(official.hasNationalID ? "recorded (as a keyed hash only)" : "not recorded")))
                for earlier in assignments.dropLast().reversed() {
                    let unit = index.unit(id: earlier.unitID)
                    fields.append(("earlier", .text("\(unit?.name ?? "?") (\(unit?.code ?? "?")) \(earlier.from) – \(earlier.to?.description ?? "")")))
                }
                let enrolments = try store.enrolments.enrolments(officialID: official.id)
                let completed = enrolments.filter { $0.status == .completed }.count
                fields.append(("courses", .text("\(completed) completed of \(enrolments.count) enrolled (training history \(official.id))")))
                return .table(.record(title: official.label, fields))
            }
        }
    }

    var officialList: CommandSpec {
        CommandSpec(
            "training official list", summary: "List officials serving within a unit on a day",
            description: """
                The officials serving within --in (default: the province) on --on (default: today), by name, with
                their role, whether they manage the programme and whether they have completed a course on digital
                transformation by then.
                """,
            parameters: [
                .option("in", unitType(), "Only officials serving within this unit", default: "the province"),
                .option("role", roleType, "Only officials with this role"),
                .flag("managers", "Only NTM management officials"),
                .option("on", .date, "The day", default: "today"),
            ],
            examples: [
                .init("training official list --in \"Tân Yên\" --managers", "NTM managers serving in Tân Yên today"),
                .init("training official list --on 2023-12-31 --format csv", "Everyone serving at the end of 2023, as CSV"),
            ]
        ) { context in
            try access(context).read { store in
                let day = try Self.day(context, "on") ?? Day.today()
                let index = try store.units.index()
                let role = try Self.role(context, store)
                let census = try TrainingCensus.take(store, index: index, year: day.year, day: day)
                var area: Unit?
                if context.arguments.has("in") { area = try resolveUnit(context, "in", on: day, index: index) }
                let rows = census.entries.filter { entry in
                    if let role, entry.official.role != role.code { return false }
                    if context.arguments.flag("managers") && !entry.official.isManager { return false }
                    if let area { return entry.unit.id == area.id || index.isWithin(entry.unit, area, on: day) }
                    return true
                }
                return .table(ResultTable(
                    columns: [Column("no", .integer), Column("name"), Column("role"), Column("manager"), Column("code"),
                              Column("unit"), Column("digital_transformation", heading: "digital transformation")],
                    rows: rows.map { entry in
                        [.integer(Int(entry.official.id)), .text(entry.official.fullName), .text(entry.official.role),
                         .text(entry.official.isManager ? "yes" : ""), .text(entry.unit.code), .text(entry.unit.name),
                         .text(entry.topics.contains(Topic.digitalTransformation) ? "trained" : "")]
                    },
                    notes: ["officials serving\(area.map { " within \($0.name)" } ?? "") on \(day)"]))
            }
        }
    }

    var officialMove: CommandSpec {
        CommandSpec(
            "training official move", summary: "Record that an official moved to another unit; the history stays",
            description: """
                Ends the official's current assignment the day before --on and starts one in --to from --on. Their
                training stays theirs; from --on they count in the new unit (coverage, gaps, indicators), before it
                in the old one.
                """,
            parameters: [
                .positional("official", officialType, "Registry number or name"),
                .option("to", unitType(), "The unit now served", required: true),
                .option("on", .date, "The first day in the new unit", required: true),
            ],
            mutates: true,
            examples: [
                .init("training official move 1 --to \"Lam Cốt\" --on 2024-03-01", "Official no. 1 moved to Xã Lam Cốt on 1 March 2024"),
            ]
        ) { context in
            let access = try access(context)
            let day = try Self.day(context, "on")!
            let (official, from, to) = try access.mutate { store -> (Official, Unit?, Unit) in
                let official = try Self.official(context, store)
                let index = try store.units.index()
                let unit = try resolveUnit(context, "to", on: day, index: index)
                let moved = try store.officials.move(official, to: unit, on: day)
                return (official, index.unit(id: moved.from.unitID), unit)
            }
            return .message("Moved \(official.label) from \(from?.name ?? "?") (\(from?.code ?? "?")) to \(to.name) (\(to.code)) "
                + "on \(day); they count in \(to.name) from that day.")
        }
    }

    var roleAdd: CommandSpec {
        CommandSpec(
            "training role add", summary: "Add a role to the list officials' roles come from",
            parameters: [
                .positional("code", .text, "Short code: lowercase letters, digits, dashes"),
                .positional("name", .text, "What the role is"),
            ],
            mutates: true,
            examples: [.init("training role add village-police \"Village police officers\"", "A role the programme's list lacks")]
        ) { context in
            let role = try access(context).mutate { store in
                try store.officials.addRole(code: context.arguments.string("code")!, name: context.arguments.string("name")!)
            }
            return .message("Added the role \(role.code): \(role.name).")
        }
    }

    var roleList: CommandSpec {
        CommandSpec(
            "training role list", summary: "The roles officials hold: the programme's list and any added",
            examples: [.init("training role list", "Every role, with its code")]
        ) { context in
            try access(context).read { store in
                .table(ResultTable(columns: [Column("code"), Column("name")],
                                   rows: try store.officials.roles().map { [.text($0.code), .text($0.name)] }))
            }
        }
    }

    var communeSet: CommandSpec {
        CommandSpec(
            "training commune set", summary: "Flag a commune as an ethnic-minority or mountain area (or clear the flag)",
            description: """
                The national programme asks 80% of commune officials trained in ethnic-minority and mountain communes
                (100% elsewhere): the flag says which communes those are. It belongs to the unit as named today (or, for
                a commune merged away, as it was); a commune renamed under the same code keeps it, a commune formed by
                a merger needs its own. Give the code with a date (07324@2023-12-31) to flag an earlier version.
                """,
            parameters: [
                .positional("unit", unitType(level: .commune), "Commune, ward or township: code or name"),
                .option("ethnic-mountain", .onOff, "on: an ethnic-minority or mountain commune; off: not", required: true),
            ],
            mutates: true,
            examples: [.init("training commune set \"Sơn Hải\" --ethnic-mountain on", "Xã Sơn Hải (Lục Ngạn) is a mountain commune")]
        ) { context in
            let flag = context.arguments.string("ethnic-mountain") == "on"
            let (unit, changed) = try access(context).mutate { store -> (Unit, Bool) in
                let index = try store.units.index()
                let unit = try Self.pointing(context, "unit") {
                    try Self.resolveNowOrThen(context.arguments.string("unit")!, index: index)
                }
                return (unit, try store.officials.setEthnicMountain(unit, flag))
            }
            let what = flag ? "an ethnic-minority/mountain commune" : "not an ethnic-minority/mountain commune"
            return .message(changed ? "Recorded \(unit.name) (\(unit.code)) as \(what)."
                                    : "\(unit.name) (\(unit.code)) is already recorded as \(what): nothing changed.")
        }
    }
}
