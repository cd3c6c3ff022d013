import GRDB

/// Recognition of communes, villages and districts (`store.recognition`).
///
/// Rules, each refusal giving its reason:
/// - titles by kind: see ``RecognitionTitle/allowed(for:)`` (wards, townships and the province
///   receive none; cities and towns are recognised as having completed the task of NTM building);
/// - a title is in force once per unit version, with the year; it holds from that year on while
///   the version exists — it does not pass to a successor after a merger — until it is revoked
///   (thu hồi) from a day by a decision. A revoked title stays in the history and may be granted
///   again (a new row); a title's standing in a year is taken at 31 December;
/// - the unit must be valid on 31 December of the year;
/// - a model commune needs at least one smart village in that year: a village of the commune
///   recognised `smart` that year or earlier, and valid on 31 December of the year. Removing a
///   smart village that a model commune relies on is refused.
public struct RecognitionBook {
    let store: DomainStore

    /// SQL condition for rows in force at the end of a year: bind the year, then `YYYY-12-31`.
    static let inForceAtYearEnd = "year <= ? AND (revoked_on IS NULL OR revoked_on > ?)"

    /// Grants a title; audited. Granting a title already in force moves it to the new year.
    /// Returns false when nothing changed.
    @discardableResult
    public func set(unit: Unit, year: Int, title: RecognitionTitle, note: String? = nil) throws -> Bool {
        _ = try store.requireMutation("recognition set")
        return try write(unit: unit, year: year, title: title, note: note, index: store.units.index())
    }

    func write(unit: Unit, year: Int, title: RecognitionTitle, note: String?, index: UnitIndex) throws -> Bool {
        guard CriteriaBook.years.contains(year) else {
            throw DomainError.invalid("year \(year) is out of range (\(CriteriaBook.years.lowerBound)–\(CriteriaBook.years.upperBound))")
        }
        let allowed = RecognitionTitle.allowed(for: unit.kind)
        guard allowed.contains(title) else {
            let reason: String
            switch unit.kind {
            case .ward, .township: reason = "wards and townships are not NTM communes and receive no recognition"
            case .city, .town: reason = "a city or town is recognised as having completed the task of NTM building "
                + "(completed, hoàn thành nhiệm vụ xây dựng NTM)"
            case .province: reason = "the province is not recognised; its districts, communes and villages are"
            default: reason = "a \(unit.kind.rawValue) can be recognised " + Self.orList(allowed.map(\.rawValue))
            }
            throw DomainError.invalid("cannot recognise \(unit.name) (\(unit.code)) as \(title.rawValue): \(reason)")
        }
        if unit.kind == .village, let commune = index.parent(of: unit), commune.kind != .commune {
            throw DomainError.invalid("cannot recognise \(unit.name) (\(unit.code)): its commune \(commune.name) is a "
                + "\(commune.kind.rawValue), not part of the NTM programme")
        }
        try CriteriaBook.requireValidAtYearEnd(unit, year: year, index: index)
        if unit.kind == .commune && title == .model {
            let smart = try smartVillages(of: unit, year: year, index: index)
            guard !smart.isEmpty else {
                throw DomainError.invalid("cannot recognise \(unit.name) (\(unit.code)) as a model commune in \(year): "
                    + "it needs at least one smart village (a village of the commune recognised smart in \(year) or before)")
            }
        }
        let note = note.flatMap { $0.isEmpty ? nil : $0 }
        let existing = try inForce(unit, title)
        if let existing, (existing["year"] as Int) == year, (existing["note"] as String?) == note { return false }
        if let existing, unit.kind == .village, title == .smart, (existing["year"] as Int) < year {
            try requireNotReliedOn(village: unit, index: index, movingTo: year)
        }
        if existing == nil, let revoked = try String.fetchOne(store.db, sql: """
            SELECT MAX(revoked_on) FROM recognition WHERE unit_id = ? AND title = ? AND revoked_on IS NOT NULL
            """, arguments: [unit.id, title.rawValue]), let day = try? Day(parsing: revoked), year < day.year {
            // A grant dated before the revocation would quietly undo it in the years between.
            throw DomainError.invalid("cannot recognise \(unit.name) (\(unit.code)) as \(title.rawValue) in \(year): the title was "
                + "revoked from \(day); a new grant must be for \(day.year) or later")
        }
        if let existing {
            try store.db.execute(sql: "UPDATE recognition SET year = ?, note = ? WHERE id = ?",
                                 arguments: [year, note, existing["id"] as Int64])
        } else {
            try store.db.execute(sql: "INSERT INTO recognition (unit_id, title, year, note) VALUES (?, ?, ?, ?)",
                                 arguments: [unit.id, title.rawValue, year, note])
        }
        try store.audit.record(module: "core", entity: "recognition", key: "\(unit.code)/\(title.rawValue)", unit: unit.code,
                               before: existing.map { Self.auditValue(year: $0["year"], note: $0["note"]) },
                               after: Self.auditValue(year: year, note: note))
        return true
    }

    /// The row of a title in force (not revoked), if any.
    private func inForce(_ unit: Unit, _ title: RecognitionTitle) throws -> Row? {
        try Row.fetchOne(store.db, sql: "SELECT id, year, note FROM recognition WHERE unit_id = ? AND title = ? AND revoked_on IS NULL",
                         arguments: [unit.id, title.rawValue])
    }

    /// Deletes a title in force, as if it had never been granted (a wrong entry); false when the
    /// unit did not hold it. A title lost by decision is revoked instead (``revoke(unit:title:on:decision:)``).
    @discardableResult
    public func remove(unit: Unit, title: RecognitionTitle) throws -> Bool {
        _ = try store.requireMutation("recognition remove")
        guard let existing = try inForce(unit, title) else { return false }
        if unit.kind == .village && title == .smart {
            try requireNotReliedOn(village: unit, index: store.units.index(), movingTo: nil)
        }
        try store.db.execute(sql: "DELETE FROM recognition WHERE id = ?", arguments: [existing["id"] as Int64])
        try store.audit.record(module: "core", entity: "recognition", key: "\(unit.code)/\(title.rawValue)", unit: unit.code,
                               before: Self.auditValue(year: existing["year"], note: existing["note"]), after: nil)
        return true
    }

    /// Revokes (thu hồi) a title in force from `day` by a decision; audited. The grant stays in the
    /// history with the revocation; the title no longer counts at the end of any year from `day` on.
    ///
    /// Refused when the unit does not hold the title, when `day` is before the year of the grant,
    /// while a higher grade that implies it is in force (revoke that first), and for a smart
    /// village a model commune relies on.
    public func revoke(unit: Unit, title: RecognitionTitle, on day: Day, decision: String) throws {
        _ = try store.requireMutation("recognition revoke")
        let decision = decision.trimmingCharacters(in: .whitespaces)
        guard !decision.isEmpty else { throw DomainError.invalid("a revocation needs the decision that made it (--decision)") }
        guard let existing = try inForce(unit, title) else {
            throw DomainError.notFound("\(unit.name) (\(unit.code)) holds no \(title.rawValue) recognition to revoke")
        }
        let granted: Int = existing["year"]
        guard day.year >= granted else {
            throw DomainError.invalid("cannot revoke \(unit.name) (\(unit.code))'s \(title.rawValue) recognition from \(day): "
                + "it was granted in \(granted)")
        }
        for higher in title.impliedBy where higher != title {
            if try inForce(unit, higher) != nil {
                throw DomainError.invalid("\(unit.name) (\(unit.code)) also holds the \(higher.rawValue) recognition, which implies "
                    + "\(title.rawValue): revoke \(higher.rawValue) first")
            }
        }
        if unit.kind == .village && title == .smart {
            try requireNotReliedOn(village: unit, index: store.units.index(), movingTo: nil)
        }
        try store.db.execute(sql: "UPDATE recognition SET revoked_on = ?, revoked_by = ? WHERE id = ?",
                             arguments: [day.description, decision, existing["id"] as Int64])
        try store.audit.record(module: "core", entity: "recognition", key: "\(unit.code)/\(title.rawValue)", unit: unit.code,
                               before: Self.auditValue(year: granted, note: existing["note"]),
                               after: Self.auditValue(year: granted, note: existing["note"], revokedOn: day, revokedBy: decision))
    }

    /// Refuses to withdraw (or postpone) a smart village a model commune depends on.
    private func requireNotReliedOn(village: Unit, index: UnitIndex, movingTo newYear: Int?) throws {
        guard let commune = index.parent(of: village), commune.kind == .commune,
              let modelYear = try Int.fetchOne(store.db, sql: """
                SELECT year FROM recognition WHERE unit_id = ? AND title = 'model' AND revoked_on IS NULL
                """, arguments: [commune.id]) else { return }
        let others = try smartVillages(of: commune, year: modelYear, index: index).filter { $0.id != village.id }
        let stillCounts = newYear.map { $0 <= modelYear } ?? false
        if others.isEmpty && !stillCounts {
            throw DomainError.invalid("\(commune.name) (\(commune.code)) is a model commune since \(modelYear) and "
                + "\(village.name) (\(village.code)) is its only smart village by then: withdraw the model title first")
        }
    }

    /// Villages of `commune` recognised smart in `year` or before and valid on 31 December of `year`.
    public func smartVillages(of commune: Unit, year: Int, index: UnitIndex? = nil) throws -> [Unit] {
        let index = try index ?? store.units.index()
        let yearEnd = Day.endOfYear(year)
        let villages = index.children(of: commune, on: yearEnd).filter { $0.kind == .village && $0.isValid(on: yearEnd) }
        guard !villages.isEmpty else { return [] }
        let smartIDs = Set(try Int64.fetchAll(store.db, sql: """
            SELECT unit_id FROM recognition WHERE title = 'smart' AND \(Self.inForceAtYearEnd)
              AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [year, yearEnd.description, "[" + villages.map { String($0.id) }.joined(separator: ",") + "]"]))
        return villages.filter { smartIDs.contains($0.id) }
    }

    /// Recognitions granted in `year` or before (all years when nil) to units within `area`, by unit
    /// code and title; revoked ones too, with their revocation (the history keeps both).
    public func list(in area: Unit? = nil, year: Int? = nil) throws -> [Recognition] {
        let index = try store.units.index()
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT unit_id, title, year, note, revoked_on, revoked_by FROM recognition \(year == nil ? "" : "WHERE year <= ?")
            ORDER BY year, id
            """, arguments: year.map { [$0] } ?? [])
        return rows.compactMap { row -> Recognition? in
            guard let unit = index.unit(id: row["unit_id"]), let title = RecognitionTitle(rawValue: row["title"]) else { return nil }
            if let area {
                let day = year.map { Day.endOfYear($0) } ?? unit.validTo ?? unit.validFrom
                guard index.isWithin(unit, area, on: min(max(day, unit.validFrom), unit.validTo ?? day)) else { return nil }
            }
            if let year, !unit.isValid(on: .endOfYear(year)) { return nil }
            return Recognition(unit: unit, title: title, year: row["year"], note: row["note"],
                               revokedOn: (row["revoked_on"] as String?).flatMap { try? Day(parsing: $0) }, revokedBy: row["revoked_by"])
        }.enumerated().sorted { ($0.element.unit.code, $0.element.title, $0.offset) < ($1.element.unit.code, $1.element.title, $1.offset) }
            .map(\.element)
    }

    /// The titles a unit holds at the end of `year` (granted then or before and not revoked by then,
    /// grades implied by higher ones).
    public func titles(of unit: Unit, year: Int) throws -> [RecognitionTitle] {
        guard unit.isValid(on: .endOfYear(year)) else { return [] }
        let granted = Set(try String.fetchAll(store.db, sql: "SELECT title FROM recognition WHERE unit_id = ? AND \(Self.inForceAtYearEnd)",
                                              arguments: [unit.id, year, Day.endOfYear(year).description])
            .compactMap(RecognitionTitle.init(rawValue:)))
        return RecognitionTitle.allCases.filter { title in
            RecognitionTitle.allowed(for: unit.kind).contains(title) && title.impliedBy.contains { granted.contains($0) }
        }
    }

    static func auditValue(year: Int, note: String?, revokedOn: Day? = nil, revokedBy: String? = nil) -> JSONValue {
        guard let revokedOn else { return .object(["year": .number(year), "note": .text(note)]) }
        return .object(["year": .number(year), "note": .text(note), "revoked_on": .string(revokedOn.description),
                        "revoked_by": .text(revokedBy)])
    }

    /// `a`, `a or b`, `a, b or c`.
    static func orList(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}

extension DomainStore {
    /// Recognition of communes, villages and districts.
    public var recognition: RecognitionBook { RecognitionBook(store: self) }
}
