import GRDB
import NTMCore
import ShellKit

/// Health facilities (`store.healthFacilities`): add, connect, find, list; every change audited.
///
/// Names are unique in the province without regard to case or diacritics (`Trạm Y tế xã Phúc Hòa`
/// and `tram y te xa phuc hoa` are the same facility), so a facility can be named as typed.
struct FacilityRegistry {
    let store: DomainStore

    /// Every facility, by level then name.
    func all() throws -> [HealthFacility] {
        try Row.fetchAll(store.db, sql: """
            SELECT * FROM ehr_facility
            ORDER BY CASE level WHEN 'provincial' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, folded_name
            """).map(Self.facility(from:))
    }

    /// The facility named (diacritic- and case-insensitive), or numbered (`12`, as `ehr facility list` shows).
    func resolve(_ reference: String) throws -> HealthFacility {
        let text = reference.trimmingBlanks()
        if let id = Int64(text),
           let row = try Row.fetchOne(store.db, sql: "SELECT * FROM ehr_facility WHERE id = ?", arguments: [id]) {
            return try Self.facility(from: row)
        }
        let folded = NameFolding.fold(text)
        if let row = try Row.fetchOne(store.db.cachedStatement(sql: "SELECT * FROM ehr_facility WHERE folded_name = ?"), arguments: [folded]) {
            return try Self.facility(from: row)
        }
        // Not an exact name: a unique facility whose name contains the text will do.
        let containing = try containing(folded)
        if containing.count == 1 { return containing[0] }
        if containing.count > 1 {
            throw DomainError.invalid("ambiguous facility '\(reference)': "
                + containing.prefix(6).map { "\($0.name) (facility \($0.id))" }.joined(separator: "; ") + " — give the name or the number")
        }
        let none = try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM ehr_facility") == 0
        let hint = none ? "no facilities are recorded yet (ehr facility add)" : "see 'ehr facility list'"
        throw DomainError.notFound("no facility '\(reference)': \(hint)")
    }

    /// Facilities whose folded name contains `folded` (every one when it is empty), ordered like
    /// ``all()``: the stored folded names are searched, no name is folded again.
    func containing(_ folded: String) throws -> [HealthFacility] {
        try Row.fetchAll(store.db.cachedStatement(sql: """
            SELECT * FROM ehr_facility WHERE instr(folded_name, ?) > 0
            ORDER BY CASE level WHEN 'provincial' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, folded_name
            """), arguments: [folded]).map(Self.facility(from:))
    }

    /// Adds a facility serving `unit`, whose level must match the tier; audited.
    func add(name: String, level: HealthFacility.Level, unit: Unit, connectedSince: Day?) throws -> HealthFacility {
        _ = try store.requireMutation("ehr facility add")
        let name = name.trimmingBlanks()
        guard !name.isEmpty else { throw DomainError.invalid("a facility needs a name") }
        guard unit.level == level.unitLevel else {
            throw DomainError.invalid("\(level.description) serves a \(level.unitLevel.rawValue)"
                + (level == .commune ? ", ward or township" : "") + ", and \(unit.name) (\(unit.code)) is a \(unit.level.rawValue)")
        }
        let folded = NameFolding.fold(name)
        if let row = try Row.fetchOne(store.db.cachedStatement(sql: "SELECT * FROM ehr_facility WHERE folded_name = ?"), arguments: [folded]) {
            let existing = try Self.facility(from: row)
            throw DomainError.invalid("a facility named '\(existing.name)' already exists (facility \(existing.id))")
        }
        try store.db.execute(sql: """
            INSERT INTO ehr_facility (name, folded_name, level, unit_id, connected_since) VALUES (?, ?, ?, ?, ?)
            """, arguments: [name, folded, level.rawValue, unit.id, connectedSince?.description])
        let facility = HealthFacility(id: store.db.lastInsertedRowID, name: name, level: level, unitID: unit.id,
                                      connectedSince: connectedSince)
        try store.audit.record(module: EHealthPlugin.moduleName, entity: "facility", key: "facility/\(facility.id)",
                               unit: unit.code, before: nil, after: facility.auditValue(unitCode: unit.code))
        return facility
    }

    /// Records that a facility is connected online since `day` (or corrects the day); audited when
    /// it changes anything. Returns the facility as now stored.
    func connect(_ facility: HealthFacility, since day: Day, unitCode: String) throws -> HealthFacility {
        _ = try store.requireMutation("ehr facility connect")
        var updated = facility
        updated.connectedSince = day
        guard updated != facility else { return facility }
        try store.db.execute(sql: "UPDATE ehr_facility SET connected_since = ? WHERE id = ?",
                             arguments: [day.description, facility.id])
        try store.audit.record(module: EHealthPlugin.moduleName, entity: "facility", key: "facility/\(facility.id)",
                               unit: unitCode, before: facility.auditValue(unitCode: unitCode),
                               after: updated.auditValue(unitCode: unitCode))
        return updated
    }

    /// The facilities serving any of `unitIDs` (what the connection indicator counts, for a whole batch at once).
    func serving(unitIDs: Set<Int64>) throws -> [HealthFacility] {
        let ids = "[" + unitIDs.sorted().map(String.init).joined(separator: ",") + "]"
        return try Row.fetchAll(store.db.cachedStatement(sql: """
            SELECT * FROM ehr_facility WHERE unit_id IN (SELECT value FROM json_each(?))
            """), arguments: [ids]).map(Self.facility(from:))
    }

    static func facility(from row: Row) throws -> HealthFacility {
        let since: String? = row["connected_since"]
        return HealthFacility(id: row["id"], name: row["name"],
                              level: HealthFacility.Level(rawValue: row["level"]) ?? .commune,
                              unitID: row["unit_id"], connectedSince: try since.map { try Day(parsing: $0) })
    }
}

extension DomainStore {
    /// Health facilities.
    var healthFacilities: FacilityRegistry { FacilityRegistry(store: self) }
}
