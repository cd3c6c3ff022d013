import GRDB

/// The unit index a workspace keeps for its whole session.
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
    /// How many unit and succession writes the kept index has taken in: scopes that roll back
    /// compare it with its value when they began.
    private(set) var writes = 0
    /// When true (an interactive session), every read of the index also builds what completion
    /// looks up, so no Tab pays for it — not even the first after another process's change.
    var preparesCompletion = false

    /// The kept index, read again first when another connection has committed since.
    func index(_ db: Database) throws -> UnitIndex {
        // Read straight from SQLite: once per command, so GRDB's row decoding would be most of its cost.
        var version: Int64 = 0
        try RawRows.each(db.cachedStatement(sql: "PRAGMA data_version")) { version = $0.int64(0) }
        if let kept, version == dataVersion { return kept }
        let loaded = try UnitIndex.load(db)
        if preparesCompletion { loaded.prepareCompletion() }
        kept = loaded
        dataVersion = version
        return loaded
    }

    /// The kept index, if the session has read it (and read again if another connection has
    /// committed since); nil otherwise, without reading anything.
    func keptIndex(_ db: Database) throws -> UnitIndex? {
        kept == nil ? nil : try index(db)
    }

    /// A unit the session has just inserted.
    func added(_ unit: Unit, folded: String) {
        writes += 1
        kept?.storage.append(unit, folded: folded)
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
        if writes != mark { kept = nil }
    }

    /// Drops the index: the next use reads the database.
    func discard() { kept = nil }
}
