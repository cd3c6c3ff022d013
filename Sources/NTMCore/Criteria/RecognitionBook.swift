import GRDB

/// Recognition of communes, villages and districts (`store.recognition`).
///
/// Rules, each refusal giving its reason:
/// - titles by kind: see ``RecognitionTitle/allowed(for:)`` (wards, townships, towns, cities and
///   the province receive none);
/// - a title is granted once per unit version, with the year; it holds from that year on while
///   the version exists — it does not pass to a successor after a merger;
/// - the unit must be valid on 31 December of the year;
/// - a model commune needs at least one smart village in that year: a village of the commune
///   recognised `smart` that year or earlier, and valid on 31 December of the year. Removing a
///   smart village that a model commune relies on is refused.
public struct RecognitionBook {
    let store: DomainStore

    /// Grants a title; audited. Granting a title already held moves it to the new year.
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
            case .city, .town: reason = "only rural districts (huyện) are recognised, as standard"
            case .province: reason = "the province is not recognised; its districts, communes and villages are"
            default: reason = "a \(unit.kind.rawValue) can be recognised " + allowed.map(\.rawValue).joined(separator: " or ")
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
        let existing = try Row.fetchOne(store.db, sql: "SELECT year, note FROM recognition WHERE unit_id = ? AND title = ?",
                                        arguments: [unit.id, title.rawValue])
        if let existing, (existing["year"] as Int) == year, (existing["note"] as String?) == note { return false }
        if let existing, unit.kind == .village, title == .smart, (existing["year"] as Int) < year {
            try requireNotReliedOn(village: unit, index: index, movingTo: year)
        }
        try store.db.execute(sql: """
            INSERT INTO recognition (unit_id, title, year, note) VALUES (?, ?, ?, ?)
            ON CONFLICT (unit_id, title) DO UPDATE SET year = excluded.year, note = excluded.note
            """, arguments: [unit.id, title.rawValue, year, note])
        try store.audit.record(module: "core", entity: "recognition", key: "\(unit.code)/\(title.rawValue)", unit: unit.code,
                               before: existing.map { Self.auditValue(year: $0["year"], note: $0["note"]) },
                               after: Self.auditValue(year: year, note: note))
        return true
    }

    /// Withdraws a title; false when the unit did not hold it.
    @discardableResult
    public func remove(unit: Unit, title: RecognitionTitle) throws -> Bool {
        _ = try store.requireMutation("recognition remove")
        guard let existing = try Row.fetchOne(store.db, sql: "SELECT year, note FROM recognition WHERE unit_id = ? AND title = ?",
                                              arguments: [unit.id, title.rawValue]) else { return false }
        if unit.kind == .village && title == .smart {
            try requireNotReliedOn(village: unit, index: store.units.index(), movingTo: nil)
        }
        try store.db.execute(sql: "DELETE FROM recognition WHERE unit_id = ? AND title = ?", arguments: [unit.id, title.rawValue])
        try store.audit.record(module: "core", entity: "recognition", key: "\(unit.code)/\(title.rawValue)", unit: unit.code,
                               before: Self.auditValue(year: existing["year"], note: existing["note"]), after: nil)
        return true
    }

    /// Refuses to withdraw (or postpone) a smart village a model commune depends on.
    private func requireNotReliedOn(village: Unit, index: UnitIndex, movingTo newYear: Int?) throws {
        guard let commune = index.parent(of: village), commune.kind == .commune,
              let modelYear = try Int.fetchOne(store.db, sql: "SELECT year FROM recognition WHERE unit_id = ? AND title = 'model'",
                                               arguments: [commune.id]) else { return }
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
            SELECT unit_id FROM recognition WHERE title = 'smart' AND year <= ? AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [year, "[" + villages.map { String($0.id) }.joined(separator: ",") + "]"]))
        return villages.filter { smartIDs.contains($0.id) }
    }

    /// Recognitions granted in `year` or before (all years when nil) to units within `area`, by unit code and title.
    public func list(in area: Unit? = nil, year: Int? = nil) throws -> [Recognition] {
        let index = try store.units.index()
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT unit_id, title, year, note FROM recognition \(year == nil ? "" : "WHERE year <= ?") ORDER BY year
            """, arguments: year.map { [$0] } ?? [])
        return rows.compactMap { row -> Recognition? in
            guard let unit = index.unit(id: row["unit_id"]), let title = RecognitionTitle(rawValue: row["title"]) else { return nil }
            if let area {
                let day = year.map { Day.endOfYear($0) } ?? unit.validTo ?? unit.validFrom
                guard index.isWithin(unit, area, on: min(max(day, unit.validFrom), unit.validTo ?? day)) else { return nil }
            }
            if let year, !unit.isValid(on: .endOfYear(year)) { return nil }
            return Recognition(unit: unit, title: title, year: row["year"], note: row["note"])
        }.sorted { ($0.unit.code, $0.title) < ($1.unit.code, $1.title) }
    }

    /// The titles a unit holds in `year` (granted then or before, grades implied by higher ones).
    public func titles(of unit: Unit, year: Int) throws -> [RecognitionTitle] {
        guard unit.isValid(on: .endOfYear(year)) else { return [] }
        let granted = Set(try String.fetchAll(store.db, sql: "SELECT title FROM recognition WHERE unit_id = ? AND year <= ?",
                                              arguments: [unit.id, year]).compactMap(RecognitionTitle.init(rawValue:)))
        return RecognitionTitle.allCases.filter { title in
            RecognitionTitle.allowed(for: unit.kind).contains(title) && title.impliedBy.contains { granted.contains($0) }
        }
    }

    static func auditValue(year: Int, note: String?) -> JSONValue {
        .object(["year": .number(year), "note": .text(note)])
    }
}

extension DomainStore {
    /// Recognition of communes, villages and districts.
    public var recognition: RecognitionBook { RecognitionBook(store: self) }
}
