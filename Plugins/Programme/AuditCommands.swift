import NTMCore
import ShellKit

/// `audit list`: who changed what, when, with which command. The log is append-only.
extension ProgrammePlugin {
    var auditCommands: [CommandSpec] {
        [
            CommandSpec(
                "audit list", summary: "Show the latest recorded changes (oldest of them first)",
                description: "Every change is recorded with time (UTC), who (--as NAME, else the OS user), the command\nas run (variables expanded), module, entity, key, and the values before and after (JSON objects in\n--format json). Installing a module is one entry with what it wrote. Nothing can edit or delete it.",
                parameters: [
                    .option("since", .date, "Only changes on or after this day"),
                    .option("module", .text, "Only this module (core, ehr, ...)"),
                    .option("unit", unitType, "Only changes to this unit"),
                    .option("limit", .count, "At most N rows", default: "50"),
                ],
                examples: [
                    .init("audit list --limit 10", "The last ten changes"),
                    .init("audit list --module ehr --since 2025-01-01", "E-health changes this year"),
                ]
            ) { context in
                let args = context.arguments
                return try read { store in
                    let codes = try args.string("unit").map { try store.units.auditCodes(for: store.units.resolve($0)) }
                    let entries = try store.audit.list(AuditQuery(
                        since: args.string("since"), module: args.string("module"), unitCodes: codes,
                        limit: args.int("limit") ?? 50))
                    return .table(ResultTable(
                        columns: [Column("id", .integer), Column("time"), Column("who"), Column("command"), Column("module"),
                                  Column("entity"), Column("key"), Column("change"), Column("before", .json), Column("after", .json)],
                        rows: entries.map { entry in
                            [.integer(Int(entry.id)), .text(entry.time), .text(entry.actor), .text(entry.commandLine),
                             .text(entry.module), .text(entry.entity), .text(entry.key), .text(entry.change),
                             .text(entry.before), .text(entry.after)]
                        }
                    ))
                }
            },
        ]
    }
}
