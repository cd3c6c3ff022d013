import NTMCore
import ShellKit

/// `unit list|show|tree|find|history|add|import|export`: the administrative hierarchy.
extension ProgrammePlugin {
    var unitCommands: [CommandSpec] {
        [unitList, unitShow, unitTree, unitFind, unitHistory, unitAdd, unitImport, unitExport]
    }

    static var asOfOption: Parameter {
        .option("as-of", .date, "Show the units valid on this day", default: "2023-12-31, the programme's reference registry")
    }

    func asOf(_ context: CommandContext) throws -> Day {
        try context.arguments.string("as-of").map { try Day(parsing: $0) } ?? .programmeReference
    }

    var unitList: CommandSpec {
        CommandSpec(
            "unit list", summary: "List units, filtered by level, parent and kind",
            description: "Lists the units valid on one day (by default the 2023 registry the programme uses).",
            parameters: [
                .option("level", Self.levelType, "Only this level"),
                .option("in", unitType, "Only units inside this one"),
                .option("kind", Self.kindType, "Only this kind (commune = rural xã; ward, township are not NTM communes)"),
                Self.asOfOption,
            ],
            examples: [
                .init("unit list --level district", "The 10 district-level units"),
                .init("unit list --in \"Tân Yên\" --kind commune", "Rural communes of Tân Yên district"),
                .init("unit list --level commune --as-of 2025-07-01", "Commune-level units after the 2025 reorganisation"),
            ]
        ) { context in
            let args = context.arguments
            let day = try asOf(context)
            return try read { store in
                let parent = try args.string("in").map { try store.units.resolve($0, asOf: day) }
                let units = try store.units.list(
                    level: try args.string("level").map(UnitLevel.init(parsing:)),
                    in: parent, kind: try args.string("kind").map(UnitKind.init(parsing:)), asOf: day)
                let index = try store.units.index()
                return .table(ResultTable(
                    columns: [Column("code"), Column("name"), Column("level"), Column("kind"), Column("parent")],
                    rows: units.map { unit in
                        [.text(unit.code), .text(unit.name), .text(unit.level.rawValue), .text(unit.kind.rawValue),
                         .text(index.parent(of: unit, on: day)?.name)]
                    }
                ))
            }
        }
    }

    var unitShow: CommandSpec {
        CommandSpec(
            "unit show", summary: "Show one unit: code, kind, parents, children, validity, successors",
            parameters: [.positional("unit", unitType, "Code or name (diacritics optional)"), Self.asOfOption],
            examples: [
                .init("unit show \"phuc hoa\"", "Xã Phúc Hòa (07324) in Tân Yên"),
                .init("unit show 07561", "A unit by its code"),
            ]
        ) { context in
            let day = try asOf(context)
            return try read { store in
                let unit = try store.units.resolve(context.arguments.string("unit")!, asOf: day)
                let details = try store.units.show(unit, asOf: day)
                var fields: [(String, Cell)] = [
                    ("code", .text(unit.code)), ("name", .text(unit.name)),
                    ("level", .text(unit.level.rawValue)), ("kind", .text(unit.kind.rawValue)),
                    ("in", .text(details.parentChain.map(\.name).joined(separator: " › "))),
                    ("valid from", Cells.day(unit.validFrom)), ("valid to", .text(unit.validTo?.description ?? "still valid")),
                ]
                for (kind, count) in details.childCounts {
                    fields.append(("\(kind.rawValue)s", .integer(count)))
                }
                if let origin = details.originText { fields.append(("history", .text(origin))) }
                for line in details.successionText { fields.append(("history", .text(line))) }
                return .table(.record(fields))
            }
        }
    }

    var unitTree: CommandSpec {
        CommandSpec(
            "unit tree", summary: "Show the hierarchy below a unit (the province by default)",
            parameters: [
                .positional("unit", unitType, "Root of the tree", required: false),
                .option("depth", .count, "Levels below the root to show", default: "all"),
                Self.asOfOption,
            ],
            examples: [.init("unit tree --depth 1", "The province and its districts"), .init("unit tree \"Tân Yên\"", "One district and its communes")]
        ) { context in
            let day = try asOf(context)
            return try read { store in
                let root = try context.arguments.string("unit").map { try store.units.resolve($0, asOf: day) }
                let entries = try store.units.tree(root: root, depth: context.arguments.int("depth") ?? Int.max, asOf: day)
                return .table(ResultTable(
                    columns: [Column("unit"), Column("code"), Column("kind")],
                    rows: entries.map { entry in
                        [.text(String(repeating: "  ", count: entry.depth) + entry.unit.name), .text(entry.unit.code), .text(entry.unit.kind.rawValue)]
                    }
                ))
            }
        }
    }

    var unitFind: CommandSpec {
        CommandSpec(
            "unit find", summary: "Find units whose name or code contains TEXT (any date)",
            parameters: [.positional("text", .text, "Part of a name (diacritics optional) or code")],
            examples: [.init("unit find phuc", "Every unit with 'phúc' in its name, current and former")]
        ) { context in
            try read { store in
                let matches = try store.units.find(context.arguments.string("text")!)
                return .table(ResultTable(
                    columns: [Column("code"), Column("name"), Column("kind"), Column("in"), Column("valid_from"), Column("valid_to")],
                    rows: matches.map { match in
                        [.text(match.unit.code), .text(match.unit.name), .text(match.unit.kind.rawValue), .text(match.placeName),
                         Cells.day(match.unit.validFrom), Cells.day(match.unit.validTo)]
                    }
                ))
            }
        }
    }

    var unitHistory: CommandSpec {
        CommandSpec(
            "unit history", summary: "Where a unit came from and where it went (mergers, reused codes)",
            description: "Codes are reused after mergers, so a code can name different units over time;\nthis lists every version of the code with its predecessors and successors.",
            parameters: [.positional("unit", unitType, "Code or name")],
            examples: [.init("unit history 07324", "Xã Phúc Hòa: since 2025-07-01 part of the new Xã Phúc Hòa (07330)")]
        ) { context in
            try read { store in
                let history = try store.units.history(of: context.arguments.string("unit")!)
                var rows: [[Cell]] = []
                for version in history.versions {
                    let recorded = (version.originText.map { [$0] } ?? []) + version.successionText
                    let events = recorded.isEmpty ? ["no recorded change"] : recorded
                    for event in events {
                        rows.append([.text(version.unit.code), .text(version.unit.name), .text(version.placeName),
                                     Cells.day(version.unit.validFrom), Cells.day(version.unit.validTo), .text(event)])
                    }
                }
                return .table(ResultTable(
                    columns: [Column("code"), Column("name"), Column("in"), Column("valid_from"), Column("valid_to"), Column("history")],
                    rows: rows
                ))
            }
        }
    }

    var unitAdd: CommandSpec {
        CommandSpec(
            "unit add", summary: "Add a unit (usually a village) under a parent",
            parameters: [
                .positional("code", .text, "New code (a village: its commune's code plus 2–3 digits)"),
                .positional("name", .text, "Official name, e.g. \"Thôn Đông\""),
                .option("in", unitType, "Parent unit", required: true),
                .option("kind", Self.kindType, "Kind of unit", default: "village"),
                .option("valid-from", .date, "First valid day", default: "the parent's"),
            ],
            mutates: true,
            examples: [.init("unit add 0732401 \"Thôn Đông\" --in \"Phúc Hòa\"", "Add a village to Xã Phúc Hòa")]
        ) { context in
            let args = context.arguments
            let unit = try mutate(context) { store in
                let parent = try store.units.resolve(args.string("in")!)
                return try store.units.add(
                    code: args.string("code")!, name: args.string("name")!, parent: parent,
                    kind: try args.string("kind").map(UnitKind.init(parsing:)) ?? .village,
                    validFrom: try args.string("valid-from").map(Day.init(parsing:)))
            }
            return .message("Added \(unit.kind.rawValue) \(unit.name) (\(unit.code)).")
        }
    }

    var unitImport: CommandSpec {
        importCommand(
            "unit import", summary: "Import units from CSV or JSON (all or nothing)",
            description: "CSV columns: code,name,kind[,parent_code,level,valid_from,valid_to]; JSON: an array of objects with\nthe same keys. Any bad row aborts the import with FILE:LINE and nothing is written.",
            example: .init("unit import villages.csv", "Add the villages listed in villages.csv")
        ) { store, path, name in try store.units.importFile(path, name: name) }
    }

    var unitExport: CommandSpec {
        exportCommand(
            "unit export", summary: "Every unit version with codes, parents, validity (the import's columns)",
            parameters: [Self.asOfOption.with(defaultDescription: "every version, past and present"),
                         .option("level", Self.levelType, "Only this level")],
            example: .init("unit export --format csv --output units.csv", "Write the registry to a CSV file")
        ) { store, args in
            try store.units.exportTable(asOf: try args.string("as-of").map(Day.init(parsing:)),
                                        level: try args.string("level").map(UnitLevel.init(parsing:)))
        }
    }
}
