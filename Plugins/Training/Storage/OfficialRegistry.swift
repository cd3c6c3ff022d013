import Foundation
import GRDB
import NTMCore
import ShellKit

/// The registry of officials (`store.officials`): add, find, move; roles; commune flags. Every change audited.
///
/// Lookups go through indexes — by number, by the folded name stored at write time — so naming one
/// official never reads the whole registry.
struct OfficialRegistry {
    let store: DomainStore

    static let columns = "id, full_name, role, is_manager, id_hash IS NOT NULL AS has_id"

    // MARK: Finding

    func official(id: Int64) throws -> Official? {
        try Row.fetchOne(store.db.cachedStatement(sql: "SELECT \(Self.columns) FROM training_official WHERE id = ?"), arguments: [id])
            .map(Self.official(from:))
    }

    /// The official numbered (`12`, `no. 12`) or named, without regard to case or diacritics; a name may
    /// be narrowed by the unit served (`Nguyễn Văn An (Phúc Hòa)`), and a part of a name unique to one
    /// official will do.
    func resolve(_ reference: String) throws -> Official {
        var text = reference.trimmingBlanks()
        let numberText = text.lowercased().replacing("no.", with: "").replacing("#", with: "").trimmingBlanks()
        if let number = Int64(numberText) {
            guard let official = try official(id: number) else {
                throw DomainError.notFound("no official no. \(number): see 'training official list'")
            }
            return official
        }
        var place: String?
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            place = NameFolding.fold(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
            text = String(text[..<open]).trimmingBlanks()
        }
        let folded = NameFolding.fold(text)
        guard !folded.isEmpty else { throw DomainError.invalid("expected an official's registry number or name") }
        var found = try fetch("folded_name = ?", [folded])
        if found.isEmpty { found = try fetch("folded_name >= ? AND folded_name < ?", [folded, folded + "\u{10FFFF}"]) }
        if found.isEmpty { found = try fetch("instr(folded_name, ?) > 0", [folded]) }
        if let place {
            let index = try store.units.index()
            found = try found.filter { official in
                guard let unitID = try currentAssignment(of: official.id)?.unitID, let unit = index.unit(id: unitID) else { return false }
                return NameFolding.fold(unit.name).contains(place) || unit.code == place
            }
        }
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            let total = try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM training_official") ?? 0
            throw DomainError.notFound("no official '\(reference)'"
                + (total == 0 ? ": no officials are registered yet (training official add, training import)" : ": see 'training official list'"))
        }
        let listed = try found.prefix(6).map { try describe($0) }.joined(separator: "; ")
        throw DomainError.invalid("ambiguous official '\(reference)': \(listed)\(found.count > 6 ? "; …" : "") — give the registry number")
    }

    /// `Nguyễn Văn An (no. 12, Xã Phúc Hòa)`.
    func describe(_ official: Official) throws -> String {
        let index = try store.units.index()
        let unit = try currentAssignment(of: official.id).flatMap { index.unit(id: $0.unitID) }
        return "\(official.fullName) (no. \(official.id)\(unit.map { ", \($0.name)" } ?? ""))"
    }

    private func fetch(_ condition: String, _ arguments: StatementArguments, limit: Int = 50) throws -> [Official] {
        try Row.fetchAll(store.db, sql: "SELECT \(Self.columns) FROM training_official WHERE \(condition) ORDER BY folded_name, id LIMIT \(limit)",
                         arguments: arguments).map(Self.official(from:))
    }

    /// Officials of this name (without case or diacritics) whose open assignment is in `unit`: a second
    /// registration of the same person, most likely.
    func namesakes(of name: String, in unit: Unit) throws -> [Official] {
        try fetch("folded_name = ? AND EXISTS (SELECT 1 FROM training_assignment a WHERE a.official_id = training_official.id "
                  + "AND a.valid_to IS NULL AND a.unit_id = ?)", [NameFolding.fold(name), unit.id])
    }

    /// Officials whose number or name starts with what was typed (then those whose name contains it), for Tab.
    func completions(for typed: String, limit: Int) throws -> [(official: Official, unitID: Int64?)] {
        let folded = NameFolding.fold(typed)
        var found: [Official]
        if let number = Int64(folded) {
            found = try fetch("id = ? OR CAST(id AS TEXT) LIKE ?", [number, "\(number)%"], limit: limit)
        } else if folded.isEmpty {
            found = try fetch("1", [], limit: limit)
        } else {
            found = try fetch("folded_name >= ? AND folded_name < ?", [folded, folded + "\u{10FFFF}"], limit: limit)
            if found.count < limit {
                let ids = Set(found.map(\.id))
                found += try fetch("instr(folded_name, ?) > 0", [folded], limit: limit).filter { !ids.contains($0.id) }
            }
        }
        return try found.prefix(limit).map { ($0, try currentAssignment(of: $0.id)?.unitID) }
    }

    /// Officials serving within `unitIDs` (or anywhere) on `day`, by name.
    func serving(on day: Day, unitIDs: Set<Int64>? = nil) throws -> [(official: Official, assignment: Assignment)] {
        // Columns read by position from a cursor (no row copied): this reads every official serving, tens of
        // thousands in a province, so it avoids name lookups and copies per row.
        let rows = try Row.fetchCursor(store.db.cachedStatement(sql: """
            SELECT o.id, o.full_name, o.role, o.is_manager, o.id_hash IS NOT NULL, a.unit_id, a.valid_from, a.valid_to
            FROM training_assignment a JOIN training_official o ON o.id = a.official_id
            WHERE a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to >= ?)
            ORDER BY o.folded_name, o.id
            """), arguments: [day.description, day.description])
        var serving: [(official: Official, assignment: Assignment)] = []
        while let row = try rows.next() {
            let unitID: Int64 = row[5]
            if let unitIDs, !unitIDs.contains(unitID) { continue }
            let official = Official(id: row[0], fullName: row[1], role: row[2], isManager: row[3], hasNationalID: row[4])
            let to: String? = row[7]
            serving.append((official, Assignment(officialID: official.id, unitID: unitID, from: try Day(parsing: row[6]),
                                                 to: try to.map { try Day(parsing: $0) })))
        }
        return serving
    }

    // MARK: Assignments

    /// Every assignment of an official, oldest first.
    func assignments(of officialID: Int64) throws -> [Assignment] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM training_assignment WHERE official_id = ? ORDER BY valid_from",
                         arguments: [officialID]).map(Self.assignment(from:))
    }

    /// The latest assignment (open, or the last one ended).
    func currentAssignment(of officialID: Int64) throws -> Assignment? {
        try Row.fetchOne(store.db.cachedStatement(sql: "SELECT * FROM training_assignment WHERE official_id = ? ORDER BY valid_from DESC LIMIT 1"),
                         arguments: [officialID]).map(Self.assignment(from:))
    }

    // MARK: Changing

    /// Registers an official serving `unit` from `since`; audited. Returns the official with their number.
    func add(name: String, role: Role, isManager: Bool, unit: Unit, since: Day, idHash: [UInt8]? = nil) throws -> Official {
        _ = try store.requireMutation("training official add")
        let name = name.trimmingBlanks()
        guard !name.isEmpty else { throw DomainError.invalid("an official needs a full name") }
        try checkServes(unit, on: since)
        try store.db.cachedStatement(sql: """
            INSERT INTO training_official (full_name, folded_name, role, is_manager, id_hash) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [name, NameFolding.fold(name), role.code, isManager, idHash.map { Data($0) }])
        let official = Official(id: store.db.lastInsertedRowID, fullName: name, role: role.code, isManager: isManager,
                                hasNationalID: idHash != nil)
        try store.db.cachedStatement(sql: "INSERT INTO training_assignment (official_id, unit_id, valid_from) VALUES (?, ?, ?)")
            .execute(arguments: [official.id, unit.id, since.description])
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "official", key: "official/\(official.id)",
                               unit: unit.code, before: nil, after: auditValue(official, unit: unit, since: since))
        return official
    }

    /// Changes name, role or manager flag; audited when anything changes.
    func update(_ official: Official, name: String? = nil, role: Role? = nil, isManager: Bool? = nil, idHash: [UInt8]? = nil) throws -> Official {
        _ = try store.requireMutation("training official update")
        var updated = official
        if let name { updated.fullName = name.trimmingBlanks() }
        if let role { updated.role = role.code }
        if let isManager { updated.isManager = isManager }
        if idHash != nil { updated.hasNationalID = true }
        guard updated != official else { return official }
        try store.db.execute(sql: """
            UPDATE training_official SET full_name = ?, folded_name = ?, role = ?, is_manager = ?, id_hash = COALESCE(?, id_hash)
            WHERE id = ?
            """, arguments: [updated.fullName, NameFolding.fold(updated.fullName), updated.role, updated.isManager,
                             idHash.map { Data($0) }, official.id])
        let code = try unitCode(of: official.id)
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "official", key: "official/\(official.id)", unit: code,
                               before: auditValue(official, unit: nil, since: nil), after: auditValue(updated, unit: nil, since: nil))
        return updated
    }

    /// Moves an official to `unit` from `day`: the current assignment ends the day before, so training done
    /// before stays theirs and from `day` on they count in the new unit. Audited.
    func move(_ official: Official, to unit: Unit, on day: Day) throws -> (from: Assignment, to: Assignment) {
        _ = try store.requireMutation("training official move")
        guard let current = try currentAssignment(of: official.id) else {
            throw DomainError.invalid("\(official.label) has no unit to move from")
        }
        if let ended = current.to {
            throw DomainError.invalid("\(official.label) left their last unit on \(ended): nothing to move from")
        }
        guard current.unitID != unit.id else {
            throw DomainError.invalid("\(official.label) already serves \(unit.name) (\(unit.code))")
        }
        guard day > current.from else {
            throw DomainError.invalid("a move must come after the current assignment began (\(current.from))")
        }
        try checkServes(unit, on: day)
        try store.db.execute(sql: "UPDATE training_assignment SET valid_to = ? WHERE official_id = ? AND valid_from = ?",
                             arguments: [day.previous.description, official.id, current.from.description])
        try store.db.execute(sql: "INSERT INTO training_assignment (official_id, unit_id, valid_from) VALUES (?, ?, ?)",
                             arguments: [official.id, unit.id, day.description])
        let index = try store.units.index()
        let fromCode = index.unit(id: current.unitID)?.code
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "assignment", key: "official/\(official.id)",
                               unit: unit.code,
                               before: .object(["unit": .text(fromCode), "from": .string(current.from.description), "to": .null]),
                               after: .object(["unit": .string(unit.code), "from": .string(day.description),
                                               "previous_unit_to": .string(day.previous.description)]))
        var ended = current
        ended.to = day.previous
        return (ended, Assignment(officialID: official.id, unitID: unit.id, from: day, to: nil))
    }

    private func checkServes(_ unit: Unit, on day: Day) throws {
        guard unit.isValid(on: day) else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is not a unit on \(day) (\(unit.validityText))")
        }
    }

    private func unitCode(of officialID: Int64) throws -> String? {
        let index = try store.units.index()
        return try currentAssignment(of: officialID).flatMap { index.unit(id: $0.unitID)?.code }
    }

    private func auditValue(_ official: Official, unit: Unit?, since: Day?) -> JSONValue {
        .object(["name": .string(official.fullName), "role": .string(official.role), "manager": .bool(official.isManager),
                 "national_id": official.hasNationalID ? .string("hashed") : .null,
                 "unit": .text(unit?.code), "since": .text(since?.description)])
    }

    // MARK: Roles

    func roles() throws -> [Role] {
        try Row.fetchAll(store.db, sql: "SELECT code, name FROM training_role ORDER BY rowid").map { Role(code: $0["code"], name: $0["name"]) }
    }

    /// A role by code, or by (part of) its name without regard to case or diacritics.
    func role(_ reference: String) throws -> Role {
        let all = try roles()
        let folded = NameFolding.fold(reference)
        if let role = all.first(where: { $0.code == folded || NameFolding.fold($0.name) == folded }) { return role }
        let containing = all.filter { NameFolding.fold($0.name).contains(folded) || $0.code.hasPrefix(folded) }
        if containing.count == 1 { return containing[0] }
        let known = all.map(\.code).joined(separator: ", ")
        if containing.count > 1 {
            throw DomainError.invalid("ambiguous role '\(reference)': \(containing.map(\.code).joined(separator: ", "))")
        }
        throw DomainError.notFound("unknown role '\(reference)': expected one of \(known) (or 'training role add')")
    }

    func addRole(code: String, name: String) throws -> Role {
        _ = try store.requireMutation("training role add")
        let code = code.lowercased().trimmingBlanks()
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw DomainError.invalid("a role code is lowercase letters, digits and dashes (village-police)")
        }
        guard !name.trimmingBlanks().isEmpty else { throw DomainError.invalid("a role needs a name") }
        if let existing = try roles().first(where: { $0.code == code }) {
            throw DomainError.invalid("the role '\(code)' already exists (\(existing.name))")
        }
        try store.db.execute(sql: "INSERT INTO training_role (code, name) VALUES (?, ?)", arguments: [code, name.trimmingBlanks()])
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "role", key: "role/\(code)", before: nil,
                               after: .object(["name": .string(name.trimmingBlanks())]))
        return Role(code: code, name: name.trimmingBlanks())
    }

    // MARK: Ethnic-minority and mountain communes

    /// The communes flagged as ethnic-minority or mountain areas (and cleared ones: a cleared renamed
    /// version does not inherit its predecessor's flag).
    func ethnicMountainFlags() throws -> EthnicMountainFlags {
        var flags: [Int64: Bool] = [:]
        for row in try Row.fetchAll(store.db, sql: "SELECT unit_id, ethnic_mountain FROM training_commune") {
            flags[row["unit_id"]] = row["ethnic_mountain"]
        }
        return EthnicMountainFlags(flags: flags)
    }

    /// Flags (or unflags) a commune-level unit; returns whether anything changed. Audited.
    func setEthnicMountain(_ unit: Unit, _ flag: Bool) throws -> Bool {
        _ = try store.requireMutation("training commune set")
        guard unit.level == .commune else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): the flag belongs to communes, wards and townships")
        }
        let before = try Bool.fetchOne(store.db, sql: "SELECT ethnic_mountain FROM training_commune WHERE unit_id = ?", arguments: [unit.id])
        let current = try ethnicMountainFlags().isFlagged(unit, index: try store.units.index())
        guard current != flag || (before != nil && before != flag) else { return false }
        try store.db.execute(sql: """
            INSERT INTO training_commune (unit_id, ethnic_mountain) VALUES (?, ?)
            ON CONFLICT (unit_id) DO UPDATE SET ethnic_mountain = excluded.ethnic_mountain
            """, arguments: [unit.id, flag])
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "commune", key: "commune/\(unit.code)", unit: unit.code,
                               before: before.map { .object(["ethnic_mountain": .bool($0)]) },
                               after: .object(["ethnic_mountain": .bool(flag)]))
        return true
    }

    // MARK: Rows

    static func official(from row: Row) throws -> Official {
        Official(id: row["id"], fullName: row["full_name"], role: row["role"], isManager: row["is_manager"],
                 hasNationalID: row["has_id"])
    }

    static func assignment(from row: Row) throws -> Assignment {
        let to: String? = row["valid_to"]
        return Assignment(officialID: row["official_id"], unitID: row["unit_id"], from: try Day(parsing: row["valid_from"]),
                          to: try to.map { try Day(parsing: $0) })
    }
}

extension DomainStore {
    /// The registry of officials.
    var officials: OfficialRegistry { OfficialRegistry(store: self) }
}

/// Which communes are ethnic-minority or mountain areas.
struct EthnicMountainFlags {
    /// Per unit version, the flag as set.
    let flags: [Int64: Bool]

    /// The unit's own flag, else that of the version it continues under the same code (a renaming).
    func isFlagged(_ unit: Unit, index: UnitIndex) -> Bool {
        var current = unit
        var seen = Set<Int64>()
        while seen.insert(current.id).inserted {
            if let flag = flags[current.id] { return flag }
            guard let earlier = index.predecessors(of: current).map(\.predecessor).first(where: { $0.code == current.code }) else { return false }
            current = earlier
        }
        return false
    }
}
