/// What an import did.
public struct ImportReport: Sendable, Equatable, CustomStringConvertible {
    /// The file as named by the caller.
    public var file: String
    /// What was imported (`units`, `assessments`, `recognitions`).
    public var entity: String
    public var added = 0
    public var changed = 0
    /// Records identical to what was stored already.
    public var unchanged = 0

    public init(file: String, entity: String) {
        self.file = file
        self.entity = entity
    }

    /// Records read.
    public var total: Int { added + changed + unchanged }

    /// `villages.csv: 12 units: 10 added, 0 changed, 2 unchanged`.
    public var description: String {
        "\(file): \(total) \(entity): \(added) added, \(changed) changed, \(unchanged) unchanged"
    }
}
