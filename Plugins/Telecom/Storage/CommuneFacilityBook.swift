import GRDB
import NTMCore

/// The commune facilities (`store.communeFacilities`): postal point, radio station, base stations
/// per survey date, and the community digital-technology team; every change audited.
struct CommuneFacilityBook {
    let store: DomainStore

    /// One stored record.
    struct Record: Equatable, Sendable {
        var unitID: Int64
        var date: Day
        var facilities: CommuneFacilities
        var source: EvidenceSource
    }

    /// The record of a commune on exactly this day.
    func record(unitID: Int64, on day: Day) throws -> Record? {
        try Row.fetchOne(store.db, sql: "SELECT * FROM telecom_commune_survey WHERE unit_id = ? AND survey_date = ?",
                         arguments: [unitID, day.description]).map(Self.record(from:))
    }

    /// The latest record of a commune on or before `day`.
    func latest(unitID: Int64, onOrBefore day: Day) throws -> Record? {
        try Row.fetchOne(store.db, sql: """
            SELECT * FROM telecom_commune_survey WHERE unit_id = ? AND survey_date <= ? ORDER BY survey_date DESC LIMIT 1
            """, arguments: [unitID, day.description]).map(Self.record(from:))
    }

    /// Per commune, the latest record on or before `day`.
    func latestPerCommune(onOrBefore day: Day) throws -> [Int64: Record] {
        var latest: [Int64: Record] = [:]
        for row in try Row.fetchAll(store.db, sql: """
            SELECT * FROM telecom_commune_survey WHERE survey_date <= ? ORDER BY survey_date
            """, arguments: [day.description]) {
            let record = try Self.record(from: row)
            latest[record.unitID] = record
        }
        return latest
    }

    /// Every record of one commune, oldest first.
    func history(unitID: Int64) throws -> [Record] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM telecom_commune_survey WHERE unit_id = ? ORDER BY survey_date",
                         arguments: [unitID]).map(Self.record(from:))
    }

    /// Stores a commune's facilities for a day (replacing what was there), audited.
    @discardableResult
    func write(_ facilities: CommuneFacilities, unit: Unit, on day: Day, source: EvidenceSource) throws -> EvidenceChange<CommuneFacilities> {
        _ = try store.requireMutation("telecom commune set")
        try Self.requireCommune(unit)
        if let violation = facilities.violation { throw DomainError.invalid("refused: \(violation)") }
        let stored = try record(unitID: unit.id, on: day)
        if let stored, stored.facilities == facilities { return .unchanged }
        let f = facilities
        try store.db.cachedStatement(sql: """
            INSERT INTO telecom_commune_survey (unit_id, survey_date, postal_point, premises, sign, hours_posted, open_hours,
                                                letters_2kg, parcels_5kg, radio, base_stations, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (unit_id, survey_date) DO UPDATE SET
                postal_point = excluded.postal_point, premises = excluded.premises, sign = excluded.sign,
                hours_posted = excluded.hours_posted, open_hours = excluded.open_hours, letters_2kg = excluded.letters_2kg,
                parcels_5kg = excluded.parcels_5kg, radio = excluded.radio, base_stations = excluded.base_stations,
                source = excluded.source
            """).execute(arguments: [
                unit.id, day.description, f.postalPoint, f.premises, f.sign, f.hoursPosted, f.openHours, f.letters,
                f.parcels, f.radio?.rawValue, f.baseStations.map(CommuneFacilities.baseStationsText), source.rawValue,
            ])
        try store.audit.record(module: TelecomPlugin.moduleName, entity: "commune facilities", key: "\(unit.code)/\(day)",
                               unit: unit.code, before: stored?.facilities.auditValue, after: facilities.auditValue)
        return stored.map { .changed(from: $0.facilities) } ?? .added
    }

    /// Facilities are recorded per commune, ward or township.
    static func requireCommune(_ unit: Unit) throws {
        guard unit.level == .commune else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): postal points, radio stations "
                + "and base stations are recorded per commune, ward or township")
        }
    }

    // MARK: Teams

    /// The team of a commune as of `day` (the latest set on or before it), with the day it was set.
    func team(unitID: Int64, onOrBefore day: Day) throws -> (since: Day, members: [TeamMember])? {
        guard let row = try Row.fetchOne(store.db, sql: """
            SELECT since, members FROM telecom_team WHERE unit_id = ? AND since <= ? ORDER BY since DESC LIMIT 1
            """, arguments: [unitID, day.description]) else { return nil }
        return (try Day(parsing: row["since"]), try Self.members(fromJSON: row["members"]))
    }

    /// Records the team of a commune from `day` on (replacing a team set for the same day); audited.
    @discardableResult
    func setTeam(_ members: [TeamMember], unit: Unit, since day: Day) throws -> EvidenceChange<[TeamMember]> {
        _ = try store.requireMutation("telecom team set")
        try Self.requireCommune(unit)
        let stored = try Row.fetchOne(store.db, sql: "SELECT members FROM telecom_team WHERE unit_id = ? AND since = ?",
                                      arguments: [unit.id, day.description])
            .map { try Self.members(fromJSON: $0["members"]) }
        if stored == members { return .unchanged }
        let json = Self.json(members)
        try store.db.execute(sql: """
            INSERT INTO telecom_team (unit_id, since, members) VALUES (?, ?, ?)
            ON CONFLICT (unit_id, since) DO UPDATE SET members = excluded.members
            """, arguments: [unit.id, day.description, json.jsonText])
        try store.audit.record(module: TelecomPlugin.moduleName, entity: "team", key: "\(unit.code)/\(day)", unit: unit.code,
                               before: stored.map(Self.json), after: json)
        return stored.map { .changed(from: $0) } ?? .added
    }

    static func json(_ members: [TeamMember]) -> JSONValue {
        .array(members.map { .object(["name": .string($0.name), "role": .string($0.role)]) })
    }

    static func members(fromJSON text: String) throws -> [TeamMember] {
        guard case .array(let items) = try JSONParser.parse(Array(text.utf8), file: "telecom_team") else { return [] }
        return items.compactMap { item -> TeamMember? in
            guard case .object(let object) = item,
                  case .string(let name)? = object["name"], case .string(let role)? = object["role"] else { return nil }
            return TeamMember(name: name, role: role)
        }
    }

    static func record(from row: Row) throws -> Record {
        var f = CommuneFacilities()
        f.postalPoint = row["postal_point"]
        f.premises = row["premises"]
        f.sign = row["sign"]
        f.hoursPosted = row["hours_posted"]
        f.openHours = row["open_hours"]
        f.letters = row["letters_2kg"]
        f.parcels = row["parcels_5kg"]
        f.radio = (row["radio"] as String?).flatMap(RadioStation.init(rawValue:))
        f.baseStations = try (row["base_stations"] as String?).map { try OperatorRegistry.parseStations($0, known: nil) }
        return Record(unitID: row["unit_id"], date: try Day(parsing: row["survey_date"]), facilities: f,
                      source: EvidenceSource(rawValue: row["source"]) ?? .entered)
    }
}

extension DomainStore {
    /// The telecom facilities of communes.
    var communeFacilities: CommuneFacilityBook { CommuneFacilityBook(store: self) }
}
