import NTMCore
import ShellKit

/// `ehr facility add|connect|list`: hospitals, health centres and stations, and which are online.
extension EHealthCommands {
    var facilityAdd: CommandSpec {
        CommandSpec(
            "ehr facility add", summary: "Add a hospital, district health centre or commune health station",
            description: """
                Records a health facility and the unit it serves: a provincial hospital serves the province, a
                district health centre a district, a commune health station a commune, ward or township.
                --connected-since records when it was connected online to the central hospitals. Names are unique
                (without regard to case or diacritics).
                """,
            parameters: [
                .positional("name", .text, "The facility's name"),
                .option("level", Self.levelType, "Its tier", required: true),
                .option("in", unitType(), "The unit it serves: the province, a district, or a commune", required: true),
                .option("connected-since", .date, "The day it went online with the central hospitals"),
            ],
            mutates: true,
            examples: [
                .init("ehr facility add \"Bệnh viện Đa khoa tỉnh Bắc Giang\" --level provincial --in 24 --connected-since 2021-03-15",
                      "The provincial general hospital, online since March 2021"),
                .init("ehr facility add \"Trung tâm Y tế huyện Tân Yên\" --level district --in \"Tân Yên\"",
                      "A district health centre, not yet connected"),
            ]
        ) { context in
            let access = try access(context)
            let level = HealthFacility.Level(rawValue: context.arguments.string("level")!)!
            let since = try Self.day(context, "connected-since")
            let index = try access.read { try $0.units.index() }
            let unit = try resolveUnit(context, "in", period: .year(Day.programmeReference.year), index: index,
                                       level: level.unitLevel)
            let facility = try access.mutate { store in
                try store.healthFacilities.add(name: context.arguments.string("name")!, level: level, unit: unit,
                                               connectedSince: since)
            }
            let online = facility.connectedSince.map { ", connected online since \($0)" } ?? ", not connected online"
            return .message("Added \(facility.name) (facility \(facility.id)): \(level.description) serving \(unit.name) (\(unit.code))\(online).")
        }
    }

    var facilityConnect: CommandSpec {
        CommandSpec(
            "ehr facility connect", summary: "Record that a facility is connected online to the central hospitals",
            parameters: [
                .positional("facility", facilityType, "The facility: its name (or a part only it has) or its number"),
                .option("since", .date, "The day it went online", required: true),
            ],
            mutates: true,
            examples: [
                .init("ehr facility connect \"Trung tâm Y tế huyện Tân Yên\" --since 2022-06-01",
                      "The Tân Yên health centre went online on 1 June 2022"),
            ]
        ) { context in
            let access = try access(context)
            let since = try Self.day(context, "since")!
            let (before, after) = try access.mutate { store -> (HealthFacility, HealthFacility) in
                let facility: HealthFacility
                do {
                    facility = try store.healthFacilities.resolve(context.arguments.string("facility")!)
                } catch let error as DomainError {
                    throw ShellError.failed(error.message, at: context.arguments.word(for: "facility"))
                }
                let code = try store.units.index().unit(id: facility.unitID)?.code ?? "?"
                return (facility, try store.healthFacilities.connect(facility, since: since, unitCode: code))
            }
            switch before.connectedSince {
            case nil:
                return .message("Connected \(after.name) (facility \(after.id)) online since \(since).")
            case let previous? where previous == since:
                return .message("\(after.name) (facility \(after.id)) is already recorded as online since \(since): nothing changed.")
            case let previous?:
                return .message("Corrected \(after.name) (facility \(after.id)): online since \(since) (was \(previous)).")
            }
        }
    }

    var facilityList: CommandSpec {
        CommandSpec(
            "ehr facility list", summary: "List health facilities and whether they are connected online",
            parameters: [
                .option("level", Self.levelType, "Only facilities of this tier"),
                .flag("unconnected", "Only facilities not connected online"),
            ],
            examples: [
                .init("ehr facility list", "Every facility, provincial first"),
                .init("ehr facility list --level district --unconnected", "District health centres still offline"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let level = context.arguments.string("level").flatMap(HealthFacility.Level.init(rawValue:))
                let unconnected = context.arguments.flag("unconnected")
                let all = try store.healthFacilities.all()
                let shown = all.filter { ($0.level == level || level == nil) && (!unconnected || $0.connectedSince == nil) }
                let upper = all.filter(\.level.countsForConnection)
                let today = Day.today()
                var notes: [String] = []
                if !upper.isEmpty {
                    let online = upper.filter { $0.isConnected(on: today) }.count
                    notes.append("provincial and district facilities connected: \(online) of \(upper.count) "
                        + "(\(NumberText.percent(Ratio.percent(online, of: upper.count))))")
                } else if all.isEmpty {
                    notes.append("no facilities recorded yet: 'ehr facility add' them")
                }
                return .table(ResultTable(
                    columns: [Column("id", .integer), Column("name"), Column("level"), Column("unit_code", heading: "code"),
                              Column("unit"), Column("connected_since", heading: "online since")],
                    rows: shown.map { facility in
                        let unit = index.unit(id: facility.unitID)
                        return [.integer(Int(facility.id)), .text(facility.name), .text(facility.level.rawValue),
                                .text(unit?.code), .text(unit?.name), .text(facility.connectedSince?.description)]
                    },
                    notes: notes))
            }
        }
    }
}
