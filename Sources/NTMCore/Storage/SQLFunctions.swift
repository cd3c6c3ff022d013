import GRDB

/// SQL functions ntm registers on its connection, for modules' queries over periods and names.
///
/// - `ntm_period_start(p)`, `ntm_period_end(p)`: first and last day (`YYYY-MM-DD`) of a period
///   text (`2023`, `2023Q2`, `2023-05`); NULL when malformed.
/// - `ntm_period_within(p, q)`: 1 when period `p` falls in period `q` (see ``Period/contains(_:)``).
/// - `ntm_fold(text)`: the diacritic- and case-insensitive form of a name (``NameFolding/fold(_:)``).
///
/// They are convenient but opaque to indexes: for large tables, filter on stored period bounds.
enum SQLFunctions {
    static func register(in db: Database) {
        db.add(function: periodStart)
        db.add(function: periodEnd)
        db.add(function: periodWithin)
        db.add(function: fold)
    }

    private static func period(_ value: DatabaseValue) -> Period? {
        guard let text = String.fromDatabaseValue(value) else { return nil }
        return try? Period(parsing: text)
    }

    static let periodStart = DatabaseFunction("ntm_period_start", argumentCount: 1, pure: true) { values in
        period(values[0])?.start.description
    }

    static let periodEnd = DatabaseFunction("ntm_period_end", argumentCount: 1, pure: true) { values in
        period(values[0])?.end.description
    }

    static let periodWithin = DatabaseFunction("ntm_period_within", argumentCount: 2, pure: true) { values in
        guard let inner = period(values[0]), let outer = period(values[1]) else { return nil }
        return outer.contains(inner)
    }

    static let fold = DatabaseFunction("ntm_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(NameFolding.fold)
    }
}
