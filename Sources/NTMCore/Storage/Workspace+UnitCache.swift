import GRDB

/// The unit index a workspace keeps for its whole session (and the village table, ``VillageTable``).
///
/// Read from the database on first use and kept: the session's own writes go into it in place
/// (``added(_:folded:)``, ``linked(_:)``), so a command costs the same at any registry size.
/// Another process's commits are noticed with `PRAGMA data_version` (which changes only for other
/// connections' commits) at the first use of each access, and only then is the index read again.
/// A rollback that undoes writes the index holds drops it (see ``writes``): the next use reads
/// the database as it now is.
final class UnitCache: @unchecked Sendable {
    private var kept: UnitIndex?
    private var dataVersion: Int64 = -1
    /// The villages alone (``VillageTable``), kept by the same rules, for imports and reports that need
    /// no more of them: read on its own, without the whole index.
    private var keptVillages: VillageTable?
    private var villagesDataVersion: Int64 = -1
    /// How many unit and succession writes the kept index has taken in: scopes that roll back
    /// compare it with its value when they began.
    private(set) var writes = 0
    /// When true (an interactive session), every read of the index also builds what completion
    /// looks up, so no Tab pays for it — not even the first after another process's change.
    var preparesCompletion = false

    /// The kept index, read again first when another connection has committed since.
    func index(_ db: Database) throws -> UnitIndex {
        let version = try Self.dataVersion(db)
        if let kept, version == dataVersion { return kept }
        let loaded = try UnitIndex.load(db)
        if preparesCompletion { loaded.prepareCompletion() }
        kept = loaded
        dataVersion = version
        return loaded
    }

    /// The kept village table, read again first when another connection has committed since.
    func villageTable(_ db: Database) throws -> VillageTable {
        let version = try Self.dataVersion(db)
        if let keptVillages, version == villagesDataVersion { return keptVillages }
        let loaded = try VillageTable.load(db)
        keptVillages = loaded
        villagesDataVersion = version
        return loaded
    }

    /// `PRAGMA data_version`, which changes only when another connection commits. Read straight from
    /// SQLite: once per command, so GRDB's row decoding would be most of its cost.
    private static func dataVersion(_ db: Database) throws -> Int64 {
        var version: Int64 = 0
        try RawRows.each(db.cachedStatement(sql: "PRAGMA data_version")) { version = $0.int64(0) }
        return version
    }

    /// The kept index, if the session has read it (and read again if another connection has
    /// committed since); nil otherwise, without reading anything.
    func keptIndex(_ db: Database) throws -> UnitIndex? {
        kept == nil ? nil : try index(db)
    }

    /// The kept village table, if the session has read it (and read again if another connection has
    /// committed since); nil otherwise, without reading anything.
    func keptVillageTable(_ db: Database) throws -> VillageTable? {
        keptVillages == nil ? nil : try villageTable(db)
    }

    /// A unit the session has just inserted.
    func added(_ unit: Unit, folded: String) {
        writes += 1
        kept?.storage.append(unit, folded: folded)
        if unit.level == .village { keptVillages = nil }
    }

    /// A succession link the session has just inserted.
    func linked(_ link: Succession) {
        writes += 1
        guard let storage = kept?.storage,
              let predecessor = storage.byID[link.predecessor.id], let successor = storage.byID[link.successor.id] else {
            kept = nil
            return
        }
        storage.appendLink(Succession(predecessor: predecessor, successor: successor, effective: link.effective, basis: link.basis))
    }

    /// Drops the index when writes were made since `mark` (a rolled-back scope's start).
    func rolledBack(since mark: Int) {
        if writes != mark {
            kept = nil
            keptVillages = nil
        }
    }

    /// Drops the index and the village table: the next use reads the database.
    func discard() {
        kept = nil
        keptVillages = nil
    }
}
