import Foundation
import GRDB

/// The administrative units: lookups, listings, history and edits (`store.units`).
///
/// Queries answer "as of" a day, by default ``Day/programmeReference`` (31 December 2023, the
/// registry the NTM programme 2021–2025 reported on: 1 province, 10 district-level units,
/// 209 commune-level units). Pass another day to see the units of 1 January 2025 (192 communes)
/// or after the 1 July 2025 mergers (no districts; communes directly under the new Bắc Ninh).
public struct UnitRegistry {
    let store: DomainStore

    /// The in-memory index of every unit version, kept by the workspace for the whole session.
    ///
    /// The first call of an access checks, with one `PRAGMA data_version`, that no other process
    /// has changed the database since the index was read (and reloads it if one has); later calls
    /// of the same access return it at once. The session's own unit writes update it in place.
    public func index() throws -> UnitIndex {
        if let cached = store.memo.unitIndex { return cached }
        let current = try store.workspace.unitCache.index(store.db)
        store.memo.unitIndex = current
        return current
    }

    /// The index to answer about one code: the session's whole index once it has been read, else
    /// the code's neighbourhood (a few indexed queries; see ``UnitIndex/loadNeighbourhood(_:code:)``).
    func index(around code: String) throws -> UnitIndex {
        if let cached = store.memo.unitIndex { return cached }
        if let kept = try store.workspace.unitCache.keptIndex(store.db) {
            store.memo.unitIndex = kept
            return kept
        }
        if let neighbourhood = store.memo.neighbourhood, neighbourhood.code == code { return neighbourhood.index }
        let index = try UnitIndex.loadNeighbourhood(store.db, code: code)
        store.memo.neighbourhood = (code, index)
        return index
    }

    /// Resolves a code, `code@day` or name (see ``UnitIndex/resolve(_:asOf:level:)``).
    public func resolve(_ reference: String, asOf: Day = .programmeReference, level: UnitLevel? = nil) throws -> Unit {
        let text = reference.trimmingSpaces()
        let code = text.firstIndex(of: "@").map { String(text[..<$0]).trimmingCharacters(in: .whitespaces) } ?? text
        if !code.isEmpty && code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
           let unit = try? index(around: code).resolve(reference, asOf: asOf, level: level) {
            return unit
        }
        // Names, and every error (its suggestions look at the whole registry).
        return try index().resolve(reference, asOf: asOf, level: level)
    }

    /// Units valid on `asOf`, ordered by code.
    ///
    /// - With `level`: every unit of that level within `parent` (at any depth), or in the registry.
    /// - Without `level`: the direct children of `parent`, or every unit when `parent` is nil.
    /// - `kind` narrows further (`kind: .commune` lists rural communes only).
    public func list(level: UnitLevel? = nil, in parent: Unit? = nil, kind: UnitKind? = nil,
                     asOf: Day = .programmeReference) throws -> [Unit] {
        let index = try index()
        var result: [Unit]
        if let parent {
            result = level == nil
                ? index.children(of: parent, on: asOf)
                : index.units(on: asOf, level: level).filter { index.isWithin($0, parent, on: asOf) && $0.id != parent.id }
        } else {
            result = index.units(on: asOf, level: level)
        }
        if let kind { result = result.filter { $0.kind == kind } }
        return result.sorted { $0.code < $1.code }
    }

    /// How many units of each kind are valid on `asOf` within `parent` (or the whole registry).
    public func counts(in parent: Unit? = nil, asOf: Day = .programmeReference) throws -> [UnitKind: Int] {
        let index = try index()
        var counts: [UnitKind: Int] = [:]
        for unit in index.units(on: asOf) where parent == nil || (index.isWithin(unit, parent!, on: asOf) && unit.id != parent!.id) {
            counts[unit.kind, default: 0] += 1
        }
        return counts
    }

    /// Everything `unit show` prints: parents, children counts, validity, what it came from and became.
    public func show(_ unit: Unit, asOf: Day? = nil) throws -> UnitDetails {
        let index = try index(around: unit.code)
        // On the day asked (default: the reference day), kept within the unit's validity.
        var clamped = asOf ?? Day.programmeReference
        if clamped < unit.validFrom { clamped = unit.validFrom }
        if let validTo = unit.validTo, clamped > validTo { clamped = validTo }
        var childCounts: [UnitKind: Int] = [:]
        for child in index.children(of: unit, on: clamped) { childCounts[child.kind, default: 0] += 1 }
        let otherVersions = index.versions(of: unit.code).filter { $0.id != unit.id }
        return UnitDetails(unit: unit, asOf: clamped, parentChain: index.ancestors(of: unit, on: clamped),
                           childCounts: UnitKind.allCases.compactMap { kind in childCounts[kind].map { (kind, $0) } },
                           predecessors: index.predecessors(of: unit), successors: index.successors(of: unit),
                           otherVersions: otherVersions,
                           successionText: index.successors(of: unit).map { index.describeSuccession($0) },
                           originText: index.describeOrigin(unit))
    }

    /// The hierarchy under `root` (or under each province) valid on `asOf`, depth-first, children
    /// by code; `depth` 1 lists the root and its children.
    public func tree(root: Unit? = nil, depth: Int = Int.max, asOf: Day = .programmeReference) throws -> [UnitTreeEntry] {
        let index = try index()
        var entries: [UnitTreeEntry] = []
        func walk(_ unit: Unit, _ level: Int) {
            entries.append(UnitTreeEntry(unit: unit, depth: level))
            guard level < depth else { return }
            for child in index.children(of: unit, on: asOf).sorted(by: { $0.code < $1.code }) { walk(child, level + 1) }
        }
        let roots = root.map { [$0] } ?? index.units(on: asOf, level: .province)
        for unit in roots { walk(unit, 0) }
        return entries
    }

    /// Units whose name or code contains `text` (diacritic-insensitive), with their place; on
    /// `asOf`, or across all dates when nil.
    public func find(_ text: String, asOf: Day? = nil, level: UnitLevel? = nil) throws -> [UnitMatch] {
        let index = try index()
        return index.find(text, asOf: asOf, level: level).map {
            UnitMatch(unit: $0, placeName: index.placeName(of: $0, on: asOf))
        }
    }

    /// Completion candidates for a shell completer (see ``UnitIndex/completions(for:asOf:level:limit:)``).
    public func completions(for text: String, asOf: Day = .programmeReference, level: UnitLevel? = nil,
                            limit: Int = 50) throws -> [UnitCompletion] {
        try index().completions(for: text, asOf: asOf, level: level, limit: limit)
    }

    /// The best `limit` completion candidates and how many matched in all (see
    /// ``UnitIndex/completionList(for:asOf:level:limit:)``): what a completer shows with "and N more".
    public func completionList(for text: String, asOf: Day = .programmeReference, level: UnitLevel? = nil,
                               limit: Int = 50) throws -> UnitCompletionList {
        try index().completionList(for: text, asOf: asOf, level: level, limit: limit)
    }

    /// Every version that carried a code, with what each came from and became.
    ///
    /// `history(of: "07324")`: Xã Phúc Hòa (Huyện Tân Yên), 2020-01-01–2025-06-30, since
    /// 2025-07-01 part of Xã Phúc Hòa (07330). Accepts a name too (resolved on the reference day).
    public func history(of reference: String, asOf: Day = .programmeReference) throws -> UnitHistory {
        let index = try index()
        let text = reference.trimmingSpaces()
        let code: String
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) && !text.isEmpty {
            code = text
        } else {
            code = try index.resolve(text, asOf: asOf).code
        }
        let versions = index.versions(of: code)
        guard !versions.isEmpty else {
            throw DomainError.unknownUnit(input: reference, asOf: asOf, suggestions: [], note: "no unit has code \(code)")
        }
        return UnitHistory(code: code, versions: versions.map { unit in
            UnitHistory.Version(unit: unit, placeName: index.placeName(of: unit),
                                predecessors: index.predecessors(of: unit), successors: index.successors(of: unit),
                                successionText: index.successors(of: unit).map { index.describeSuccession($0) },
                                originText: index.describeOrigin(unit))
        })
    }

    /// The sources whose data count for `unit` over `period` (see ``UnitIndex/sources(for:during:level:)``).
    public func sources(for unit: Unit, during period: Period, level: UnitLevel? = nil) throws -> UnitSources {
        try index().sources(for: unit, during: period, level: level)
    }

    /// The codes `audit list --unit` should match for this unit: itself and everything ever below it.
    public func auditCodes(for unit: Unit) throws -> [String] {
        try index().auditCodes(for: unit)
    }
}

/// What `unit show` needs.
public struct UnitDetails: Sendable {
    public let unit: Unit
    /// The day the parents and children were taken on.
    public let asOf: Day
    /// Parents, nearest first.
    public let parentChain: [Unit]
    /// Children valid on ``asOf``, per kind.
    public let childCounts: [(kind: UnitKind, count: Int)]
    /// Units that became this one.
    public let predecessors: [Succession]
    /// What this unit became.
    public let successors: [Succession]
    /// Other versions with the same code (codes are reused).
    public let otherVersions: [Unit]
    /// One sentence per successor: `since 2025-07-01 part of Xã Phúc Hòa (07330)`.
    public let successionText: [String]
    /// `formed on 2025-07-01 from Xã Phúc Hòa (07324), ...`; nil when no predecessor is recorded
    /// (see ``UnitIndex/describeOrigin(_:)``).
    public var originText: String? = nil
}

/// One line of `unit tree`.
public struct UnitTreeEntry: Sendable, Equatable {
    public let unit: Unit
    /// 0 for the root.
    public let depth: Int
}

/// One result of `unit find`.
public struct UnitMatch: Sendable, Equatable {
    public let unit: Unit
    /// District or parent name (see ``UnitIndex/placeName(of:on:)``).
    public let placeName: String?
}

/// Every version of a code.
public struct UnitHistory: Sendable {
    public struct Version: Sendable {
        public let unit: Unit
        public let placeName: String?
        public let predecessors: [Succession]
        public let successors: [Succession]
        /// `since 2025-07-01 part of Xã Phúc Hòa (07330)`, one per successor.
        public let successionText: [String]
        /// `formed on 2025-07-01 from Xã Phúc Hòa (07324), ...`; nil when no predecessor is recorded.
        public var originText: String? = nil
    }

    public let code: String
    /// Oldest first.
    public let versions: [Version]
}

extension DomainStore {
    /// The administrative units.
    public var units: UnitRegistry { UnitRegistry(store: self) }
}
