import GRDB

extension Workspace {
    /// The table that records applied migrations, one row per namespaced identifier.
    static let migrationTable = "ntm_migration"

    /// Applies pending migrations of every module, then seeds newly installed modules.
    ///
    /// All of it is one atomic step (a transaction, or a savepoint inside the run transaction),
    /// so a failure leaves the database as it was. A database that has applied migrations of a
    /// registered module that this build does not know was written by a newer ntm: refused
    /// before anything is written.
    func migrate(actor: () -> String) throws {
        try queue.unsafeReentrantWrite { db in
            let applied = try Self.appliedMigrations(db, path: location.description)
            let plan = try migrationPlan(applied: applied)
            foreignModules = plan.foreignModules
            guard !plan.pending.isEmpty else { return }
            if isReadOnly {
                throw DomainError.needsMigration(path: location.description,
                                                 pendingMigrations: plan.pending.map(\.id))
            }
            let time = UTCClock.now()
            let actor = actor()
            try db.inSavepoint {
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS \(Self.migrationTable) (
                        identifier TEXT PRIMARY KEY NOT NULL,
                        module TEXT NOT NULL,
                        applied_at TEXT NOT NULL)
                    """)
                for step in plan.pending {
                    try step.migration.apply(db)
                    try db.execute(sql: "INSERT INTO \(Self.migrationTable) (identifier, module, applied_at) VALUES (?, ?, ?)",
                                   arguments: [step.id, step.module.name, UTCClock.iso8601(time)])
                }
                // One audit entry per module installed or upgraded, with what it wrote: the log
                // is for people's changes, and a dry run never counts these.
                for module in modules {
                    let steps = plan.pending.filter { $0.module.name == module.name }
                    guard !steps.isEmpty else { continue }
                    let base = MutationContext.installation(module: module.name, actor: actor)
                    let context = MutationContext(actor: base.actor, commandLine: base.commandLine, operation: base.operation, time: time)
                    let isNew = plan.newModules.contains { $0.name == module.name }
                    let tally = InstallationTally()
                    if isNew {
                        let store = DomainStore(db: db, workspace: self, context: context, installation: tally)
                        try module.seed(store)
                        try store.targets.seedDefaults(of: module)
                    }
                    let earlier = applied.filter { $0.module == module.name }.map { JSONValue.string($0.identifier) }
                    let all = earlier + steps.map { JSONValue.string($0.id) }
                    try DomainStore(db: db, workspace: self, context: context).audit.record(
                        module: module.name, entity: "module", key: module.name,
                        before: isNew ? nil : .object(["migrations": .array(earlier)]),
                        after: isNew ? .object(["migrations": .array(all), "seeded": tally.json]) : .object(["migrations": .array(all)]))
                }
                return .commit
            }
            appliedMigrations = plan.pending.map(\.id)
        }
    }

    struct MigrationStep {
        let module: any DomainModule
        let migration: Migration
        var id: String { "\(module.name).\(migration.identifier)" }
    }

    struct MigrationPlan {
        var pending: [MigrationStep] = []
        var newModules: [any DomainModule] = []
        var foreignModules: [String] = []
    }

    /// Compares applied identifiers with the registered modules' migrations.
    func migrationPlan(applied: [(identifier: String, module: String)]) throws -> MigrationPlan {
        var plan = MigrationPlan()
        let appliedIDs = Set(applied.map(\.identifier))
        let registered = Dictionary(uniqueKeysWithValues: modules.map { ($0.name, $0) })
        var unknown: [String] = []
        for row in applied {
            guard let module = registered[row.module] else {
                if !plan.foreignModules.contains(row.module) { plan.foreignModules.append(row.module) }
                continue
            }
            if !module.migrations.contains(where: { "\(module.name).\($0.identifier)" == row.identifier }) {
                unknown.append(row.identifier)
            }
        }
        if !unknown.isEmpty {
            throw DomainError.newerDatabase(path: location.description, unknownMigrations: unknown)
        }
        for module in modules {
            var installedBefore = false
            for migration in module.migrations {
                let step = MigrationStep(module: module, migration: migration)
                if appliedIDs.contains(step.id) { installedBefore = true } else { plan.pending.append(step) }
            }
            if !installedBefore && !module.migrations.isEmpty { plan.newModules.append(module) }
        }
        return plan
    }

    /// The applied migrations, in order; empty for a new database. A database that has tables
    /// but no migration table is some other application's: refused, never touched.
    static func appliedMigrations(_ db: Database, path: String) throws -> [(identifier: String, module: String)] {
        if try db.hasTable(migrationTable) {
            // Read at every open (twice): a cached statement, columns by position.
            var applied: [(identifier: String, module: String)] = []
            try RawRows.each(db.cachedStatement(sql: "SELECT identifier, module FROM \(migrationTable) ORDER BY rowid")) { row in
                applied.append((row.text(0), row.text(1)))
            }
            return applied
        }
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 3
            """)
        if !tables.isEmpty {
            throw DomainError.notAnNTMDatabase(path: path, reason: "it has tables (\(tables.joined(separator: ", "))) "
                + "but no \(migrationTable) table")
        }
        return []
    }

    /// Identifiers of every migration applied to the database, in order.
    public func migrationIdentifiers() throws -> [String] {
        try withDatabase { db in try Self.appliedMigrations(db, path: location.description).map(\.identifier) }
    }
}
