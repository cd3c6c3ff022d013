import GRDB

/// One stored assessment: a commune, a year, a criterion or sub-indicator, met or not.
public struct Assessment: Sendable, Equatable {
    public let unit: Unit
    public let year: Int
    public let criterion: Criterion
    public let met: Bool
    public let note: String?
}

/// Assessments of rural communes against the 19 criteria (`store.criteria`).
///
/// Only rural communes (kind `commune`, xã) are assessed: wards and townships are not NTM
/// communes. An assessment for year Y belongs to the commune version valid on 31 December of Y
/// (after the July 2025 mergers, the new communes; the old ones are refused with a pointer to
/// their successor).
///
/// Criterion 8 has sub-indicators 8.1–8.4. Once any of them is assessed for a commune and year,
/// criterion 8 is derived from them: met when every assessed sub-indicator is met. A direct result
/// for 8 counts only while none of them is assessed. Both may be stored, in either order: a direct
/// result is never removed by setting a sub-indicator, it is superseded while the derived result
/// stands (``results(of:year:)`` says which one counts, and why).
public struct CriteriaBook {
    let store: DomainStore

    /// Years accepted for assessments and recognition.
    public static let years = 2010...2100

    /// The criteria and sub-indicators (Decision 318/QĐ-TTg).
    public var catalogue: [Criterion] { CriteriaCatalogue.all }

    /// Writes the catalogue into the `criterion` table (first install).
    func seedCatalogue() throws {
        let statement = try store.db.cachedStatement(sql: """
            INSERT INTO criterion (id, number, sub, parent_id, name_vi, name_en, grouping) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for criterion in CriteriaCatalogue.all {
            try statement.execute(arguments: [criterion.id, criterion.number, criterion.sub, criterion.parentID,
                                              criterion.nameVietnamese, criterion.nameEnglish, criterion.group.rawValue])
            try store.audit.record(module: "core", entity: "criterion", key: criterion.id, before: nil,
                                   after: .object(["id": .string(criterion.id), "name_vi": .string(criterion.nameVietnamese),
                                                   "name_en": .string(criterion.nameEnglish),
                                                   "group": .number(criterion.group.rawValue)]))
        }
    }

    /// Checks that a unit may be assessed or recognised as a commune for a year.
    static func requireAssessable(_ unit: Unit, year: Int, index: UnitIndex, what: String) throws {
        guard years.contains(year) else { throw DomainError.invalid("year \(year) is out of range (\(years.lowerBound)–\(years.upperBound))") }
        guard unit.kind == .commune else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is a \(unit.kind.rawValue): only rural communes (xã) are \(what); "
                + "wards and townships are not NTM communes")
        }
        try requireValidAtYearEnd(unit, year: year, index: index)
    }

    /// Yearly standings belong to the version valid on 31 December of the year.
    static func requireValidAtYearEnd(_ unit: Unit, year: Int, index: UnitIndex) throws {
        let yearEnd = Day.endOfYear(year)
        guard unit.isValid(on: yearEnd) else {
            var reason = "\(unit.name) (\(unit.code)) is valid \(unit.validityText), not on \(yearEnd): "
                + "standings for \(year) belong to the units valid at the end of the year"
            let next = index.successors(of: unit).map { index.describeSuccession($0) }
            if !next.isEmpty { reason += "; \(unit.name) " + next.joined(separator: ", ") }
            throw DomainError.invalid(reason)
        }
    }

    /// Records whether a commune met a criterion (or sub-indicator) in a year; audited.
    /// Returns false when nothing changed (same value and note already stored).
    @discardableResult
    public func set(unit: Unit, year: Int, criterion: Criterion, met: Bool, note: String? = nil) throws -> Bool {
        _ = try store.requireMutation("criteria set")
        return try write(unit: unit, year: year, criterion: criterion, met: met, note: note, index: store.units.index())
    }

    func write(unit: Unit, year: Int, criterion: Criterion, met: Bool, note: String?, index: UnitIndex) throws -> Bool {
        try Self.requireAssessable(unit, year: year, index: index, what: "assessed against the NTM criteria")
        let key = Self.key(unit, year, criterion.id)
        let existing = try Row.fetchOne(store.db.cachedStatement(sql: "SELECT met, note FROM assessment WHERE unit_id = ? AND year = ? AND criterion_id = ?"),
                                        arguments: [unit.id, year, criterion.id])
        let note = note.flatMap { $0.isEmpty ? nil : $0 }
        if let existing, (existing["met"] as Int) == (met ? 1 : 0), (existing["note"] as String?) == note { return false }
        try store.db.cachedStatement(sql: """
            INSERT INTO assessment (unit_id, year, criterion_id, met, note) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (unit_id, year, criterion_id) DO UPDATE SET met = excluded.met, note = excluded.note
            """).execute(arguments: [unit.id, year, criterion.id, met ? 1 : 0, note])
        try store.audit.record(module: "core", entity: "assessment", key: key, unit: unit.code,
                               before: existing.map { Self.auditValue(met: ($0["met"] as Int) == 1, note: $0["note"]) },
                               after: Self.auditValue(met: met, note: note))
        return true
    }

    /// Removes an assessment; false when there was none.
    @discardableResult
    public func remove(unit: Unit, year: Int, criterion: Criterion) throws -> Bool {
        _ = try store.requireMutation("criteria remove")
        return try delete(unit: unit, year: year, criterionID: criterion.id)
    }

    @discardableResult
    private func delete(unit: Unit, year: Int, criterionID: String) throws -> Bool {
        guard let existing = try Row.fetchOne(store.db, sql: """
            SELECT met, note FROM assessment WHERE unit_id = ? AND year = ? AND criterion_id = ?
            """, arguments: [unit.id, year, criterionID]) else { return false }
        try store.db.execute(sql: "DELETE FROM assessment WHERE unit_id = ? AND year = ? AND criterion_id = ?",
                             arguments: [unit.id, year, criterionID])
        try store.audit.record(module: "core", entity: "assessment", key: Self.key(unit, year, criterionID), unit: unit.code,
                               before: Self.auditValue(met: (existing["met"] as Int) == 1, note: existing["note"]), after: nil)
        return true
    }

    /// The stored assessments of one commune for a year, in catalogue order.
    public func assessments(of unit: Unit, year: Int) throws -> [Assessment] {
        let rows = try Row.fetchAll(store.db, sql: "SELECT criterion_id, met, note FROM assessment WHERE unit_id = ? AND year = ?",
                                    arguments: [unit.id, year])
        let order = Dictionary(uniqueKeysWithValues: CriteriaCatalogue.all.enumerated().map { ($1.id, $0) })
        return rows.compactMap { row -> Assessment? in
            guard let criterion = CriteriaCatalogue.criterion(row["criterion_id"]) else { return nil }
            return Assessment(unit: unit, year: year, criterion: criterion, met: (row["met"] as Int) == 1, note: row["note"])
        }.sorted { order[$0.criterion.id]! < order[$1.criterion.id]! }
    }

    /// Whether each of the 19 criteria is met, from stored rows (criterion → met); criteria with
    /// no assessment are absent. A criterion with sub-indicators is derived from them when any is
    /// assessed (met when all the assessed ones are met); its direct result counts only otherwise.
    public static func effective(_ stored: [String: Bool]) -> [Int: Bool] {
        var result: [Int: Bool] = [:]
        for criterion in CriteriaCatalogue.criteria {
            let assessedSubs = CriteriaCatalogue.subIndicators(of: criterion.number).compactMap { stored[$0.id] }
            if !assessedSubs.isEmpty {
                result[criterion.number] = assessedSubs.allSatisfy { $0 }
            } else if let met = stored[criterion.id] {
                result[criterion.number] = met
            }
        }
        return result
    }

    /// Every criterion and sub-indicator of one commune and year, in catalogue order, with the
    /// result that counts and where it comes from.
    public func results(of unit: Unit, year: Int) throws -> [CriterionResult] {
        let stored = Dictionary(try assessments(of: unit, year: year).map { ($0.criterion.id, $0) }) { $1 }
        return CriteriaCatalogue.all.map { criterion in
            let direct = stored[criterion.id]
            let subs = CriteriaCatalogue.subIndicators(of: criterion.number)
            let assessedSubs = criterion.isSubIndicator ? [] : subs.filter { stored[$0.id] != nil }
            if assessedSubs.isEmpty {
                return CriterionResult(criterion: criterion, met: direct?.met, derivedFrom: [], direct: direct)
            }
            return CriterionResult(criterion: criterion, met: assessedSubs.allSatisfy { stored[$0.id]!.met },
                                   derivedFrom: assessedSubs, direct: direct)
        }
    }

    /// How a criterion with sub-indicators stands after a change, for the message of `criteria set`:
    /// nil when the criterion has none or nothing is assessed.
    public func result(of unit: Unit, year: Int, criterion number: Int) throws -> CriterionResult? {
        guard !CriteriaCatalogue.subIndicators(of: number).isEmpty else { return nil }
        return try results(of: unit, year: year).first { $0.criterion.id == String(number) }
    }

    static func key(_ unit: Unit, _ year: Int, _ criterionID: String) -> String { "\(unit.code)/\(year)/\(criterionID)" }

    static func auditValue(met: Bool, note: String?) -> JSONValue {
        .object(["met": .bool(met), "note": .text(note)])
    }
}

/// Where a commune stands on one criterion or sub-indicator in a year.
public struct CriterionResult: Sendable {
    public let criterion: Criterion
    /// Whether it is met; nil when not assessed.
    public let met: Bool?
    /// The assessed sub-indicators the result is derived from; empty when it is the stored result.
    public let derivedFrom: [Criterion]
    /// The stored direct result, if any (superseded when ``derivedFrom`` is not empty).
    public let direct: Assessment?

    /// Whether the result is derived from sub-indicators.
    public var isDerived: Bool { !derivedFrom.isEmpty }
    /// A direct result stored but not counted, because the sub-indicators decide.
    public var supersededDirect: Assessment? { isDerived ? direct : nil }

    /// `met`, `unmet`, `not assessed`, or `met (derived from 8.1, 8.4)`.
    public var text: String {
        guard let met else { return "not assessed" }
        let word = met ? "met" : "unmet"
        return isDerived ? "\(word) (derived from \(derivedFrom.map(\.id).joined(separator: ", ")))" : word
    }
}

extension DomainStore {
    /// Assessments against the 19 criteria.
    public var criteria: CriteriaBook { CriteriaBook(store: self) }
}
