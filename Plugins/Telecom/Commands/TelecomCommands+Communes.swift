import NTMCore
import ShellKit

/// `telecom commune set|show`, `telecom team set`, `telecom operator add|list`: what the office
/// records per commune, and the operators surveys may name.
extension TelecomCommands {
    var communeSet: CommandSpec {
        CommandSpec(
            "telecom commune set", summary: "Record a commune's postal point, radio station and base stations on a date",
            description: """
                Records what the office found in a commune on a date: whether it has a postal service point and the
                conditions the guidance asks of it (premises, a sign, posted hours, hours open per working day,
                letters up to 2 kg, parcels up to 5 kg), the commune radio station (none, wired, wireless or IP-based),
                and base stations per operator. Flags given replace; flags not given are kept from the commune's
                previous record.
                """,
            parameters: [
                .positional("commune", unitType(level: .commune), "Commune, ward or township: code or name"),
                .positional("date", .date, "The date of the record, YYYY-MM-DD"),
                .option("postal-point", Self.yesNo, "Whether the commune has a postal service point"),
                .option("premises", Self.yesNo, "The postal point has fixed premises"),
                .option("sign", Self.yesNo, "The postal point has a sign"),
                .option("hours-posted", Self.yesNo, "The postal point's opening hours are posted"),
                .option("open-hours", .decimal, "Hours the postal point is open per working day"),
                .option("letters-2kg", Self.yesNo, "The postal point accepts letters up to 2 kg"),
                .option("parcels-5kg", Self.yesNo, "The postal point accepts parcels up to 5 kg"),
                .option("radio", .choice(RadioStation.allCases.map(\.rawValue)), "The commune radio station"),
                .option("base-stations", .text, "Base stations per operator: viettel=3,vinaphone=1 (or none)"),
            ],
            mutates: true,
            examples: [
                .init("telecom commune set \"phuc hoa\" 2023-11-15 --postal-point yes --premises yes --sign yes --hours-posted yes --open-hours 8 --letters-2kg yes --parcels-5kg yes",
                      "Xã Phúc Hòa's postal point meets every condition"),
                .init("telecom commune set 07324 2023-11-15 --radio ip --base-stations viettel=2,vinaphone=1",
                      "An IP-based radio station and three base stations"),
            ]
        ) { context in
            let access = try access(context)
            let day = try Self.day(context, "date")!
            let (index, operators) = try access.read { store in (try store.units.index(), try store.telecomOperators.lookup()) }
            let unit = try resolveUnit(context, "commune", on: day, index: index, level: .commune)
            var update = CommuneFacilities()
            update.postalPoint = Self.yesNo(context, "postal-point")
            update.premises = Self.yesNo(context, "premises")
            update.sign = Self.yesNo(context, "sign")
            update.hoursPosted = Self.yesNo(context, "hours-posted")
            update.openHours = context.arguments.double("open-hours")
            update.letters = Self.yesNo(context, "letters-2kg")
            update.parcels = Self.yesNo(context, "parcels-5kg")
            update.radio = context.arguments.string("radio").flatMap(RadioStation.init(rawValue:))
            update.baseStations = try Self.parsing(context, "base-stations") { try OperatorRegistry.parseStations($0, known: operators) }
            guard !update.isEmpty else {
                throw ShellError.usage("nothing to record: give at least one of --postal-point, --premises, --sign, "
                    + "--hours-posted, --open-hours, --letters-2kg, --parcels-5kg, --radio, --base-stations")
            }
            let (facilities, change) = try access.mutate { store -> (CommuneFacilities, EvidenceChange<CommuneFacilities>) in
                let book = store.communeFacilities
                let base = try book.latest(unitID: unit.id, onOrBefore: day)?.facilities ?? CommuneFacilities()
                let facilities = base.merging(update)
                return (facilities, try book.write(facilities, unit: unit, on: day, source: .entered))
            }
            switch change {
            case .added:
                return .message("Recorded \(unit.name) (\(unit.code)) on \(day): \(facilities.summary).")
            case .changed(let before):
                return .message("Updated \(unit.name) (\(unit.code)) on \(day): was \(before.summary); now \(facilities.summary).")
            case .unchanged:
                return .message("\(unit.name) (\(unit.code)) already has this record on \(day): nothing changed.")
            }
        }
    }

    var communeShow: CommandSpec {
        CommandSpec(
            "telecom commune show", summary: "Show a commune's facilities, its team and its villages' latest surveys",
            description: """
                Three tables: every facilities record of the commune, oldest first; its community digital-technology
                team as of the day; and each of its villages with its latest survey on or before the day.
                """,
            parameters: [
                .positional("commune", unitType(level: .commune), "Commune, ward or township: code or name"),
                .option("as-of", .date, "The day the team and the villages are shown for", default: "today"),
            ],
            examples: [
                .init("telecom commune show \"phuc hoa\"", "Xã Phúc Hòa's postal point, radio, team and villages"),
                .init("telecom commune show 07324 --as-of 2023-12-31", "The same, as at the end of 2023"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let day = try Self.day(context, "as-of") ?? Day.today()
                let unit = context.arguments.has("as-of")
                    ? try resolveUnit(context, "commune", on: day, index: index, level: .commune)
                    : try resolveShown(context, "commune", index: index, level: .commune)
                // The villages of a commune that has ended are those of its last day.
                let villageDay = unit.validTo.map { min($0, day) } ?? day
                let place = index.placeName(of: unit).map { ", \($0)" } ?? ""
                let history = try store.communeFacilities.history(unitID: unit.id)
                let facilities = ResultTable(
                    title: "\(unit.name) (\(unit.code)\(place))",
                    columns: [Column("date"), Column("postal_point", heading: "postal point"), Column("premises"),
                              Column("sign"), Column("hours_posted", heading: "hours posted"),
                              Column("open_hours", .decimal(places: 1), heading: "open h/day"),
                              Column("letters_2kg", heading: "letters 2 kg"), Column("parcels_5kg", heading: "parcels 5 kg"),
                              Column("radio"), Column("base_stations", heading: "base stations"), Column("source")],
                    rows: history.map { record in
                        let f = record.facilities
                        return [.text(record.date.description), .yesNo(f.postalPoint), .yesNo(f.premises), .yesNo(f.sign),
                                .yesNo(f.hoursPosted), .number(f.openHours), .yesNo(f.letters), .yesNo(f.parcels),
                                .text(f.radio?.rawValue),
                                .text(f.baseStations.map { $0.isEmpty ? "none" : CommuneFacilities.baseStationsText($0) }),
                                .text(record.source.rawValue)]
                    },
                    notes: history.isEmpty ? ["no facilities recorded: 'telecom commune set' or 'telecom import'"] : [])
                let team = try store.communeFacilities.team(unitID: unit.id, onOrBefore: day)
                let teamTable = ResultTable(
                    title: "Community digital-technology team" + (team.map { " (since \($0.since))" } ?? ""),
                    columns: [Column("member"), Column("role")],
                    rows: (team?.members ?? []).map { [.text($0.name), .text($0.role)] },
                    notes: team == nil ? ["no team recorded: 'telecom team set'"] : [])
                let villages = index.children(of: unit, on: villageDay).filter { $0.level == .village }
                let latest = try store.villageSurveys.latestPerVillage(onOrBefore: day, unitIDs: Set(villages.map(\.id)))
                let villageTable = ResultTable(
                    title: "Villages on \(villageDay), latest surveys",
                    columns: [Column("code"), Column("village"), Column("surveyed"), Column("4g", heading: "4G+"),
                              Column("fibre"), Column("households", .integer), Column("broadband", .integer),
                              Column("loudspeaker"), Column("no_signal", heading: "no signal")],
                    rows: villages.map { village in
                        let survey = latest[village.id]
                        let e = survey?.evidence
                        return [.text(village.code), .text(village.name), .text(survey?.date.description),
                                .yesNo(e?.hasService(atLeast: .g4)), .yesNo(e?.fibre), .count(e?.households),
                                .count(e?.broadband), .yesNo(e?.loudspeaker), .text(e?.noSignal?.rawValue)]
                    },
                    notes: villages.isEmpty ? ["no villages under \(unit.name): unit add CODE NAME --in \(unit.code)"] : [])
                return .sequence([.table(facilities), .table(teamTable), .table(villageTable)])
            }
        }
    }

    var teamSet: CommandSpec {
        CommandSpec(
            "telecom team set", summary: "Record a commune's community digital-technology team from a date",
            description: """
                Records the members of the commune's community digital-technology team (tổ công nghệ số cộng đồng)
                and their roles, from a date on; the list given replaces the team. Each member is NAME:ROLE.
                """,
            parameters: [
                .positional("commune", unitType(level: .commune), "Commune, ward or township: code or name"),
                .positional("date", .date, "From when the team is so, YYYY-MM-DD"),
                .option("member", ValueType(name: "member", placeholder: "NAME:ROLE"), "A member and their role (repeat for each member)",
                        required: true, repeatable: true),
            ],
            mutates: true,
            examples: [
                .init("telecom team set \"phuc hoa\" 2023-03-01 --member \"Nguyễn Văn An:leader\" --member \"Trần Thị Bình:member\"",
                      "A team of two, led by Nguyễn Văn An"),
            ]
        ) { context in
            let access = try access(context)
            let day = try Self.day(context, "date")!
            let index = try access.read { try $0.units.index() }
            let unit = try resolveUnit(context, "commune", on: day, index: index, level: .commune)
            var members: [TeamMember] = []
            for text in context.arguments.strings("member") {
                let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingBlanks() }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ShellError.usage("'\(text)' is not NAME:ROLE (for example \"Nguyễn Văn An:leader\")",
                                           at: context.arguments.word(for: "member"))
                }
                members.append(TeamMember(name: parts[0], role: parts[1]))
            }
            let change = try access.mutate { try $0.communeFacilities.setTeam(members, unit: unit, since: day) }
            let listing = members.map { "\($0.name) (\($0.role))" }.joined(separator: ", ")
            switch change {
            case .added:
                return .message("Recorded the team of \(unit.name) (\(unit.code)) from \(day): \(listing).")
            case .changed:
                return .message("Updated the team of \(unit.name) (\(unit.code)) from \(day): \(listing).")
            case .unchanged:
                return .message("The team of \(unit.name) (\(unit.code)) from \(day) is already so: nothing changed.")
            }
        }
    }

    var operatorAdd: CommandSpec {
        CommandSpec(
            "telecom operator add", summary: "Add a telecom operator that surveys may name",
            description: "Viettel, VinaPhone, MobiFone and Vietnamobile are known from the start; others are added here.",
            parameters: [.positional("name", .text, "The operator's name as it should be written")],
            mutates: true,
            examples: [.init("telecom operator add Itelecom", "A mobile virtual network operator")]
        ) { context in
            let name = try access(context).mutate { try $0.telecomOperators.add(context.arguments.string("name")!) }
            return .message("Added the operator \(name).")
        }
    }

    var operatorList: CommandSpec {
        CommandSpec(
            "telecom operator list", summary: "List the telecom operators surveys may name",
            examples: [.init("telecom operator list", "Viettel, VinaPhone, MobiFone, Vietnamobile and any added")]
        ) { context in
            let names = try access(context).read { try $0.telecomOperators.names() }
            return .table(ResultTable(columns: [Column("operator")], rows: names.map { [.text($0)] }))
        }
    }
}
