import NTMCore

/// The work files (hồ sơ công việc) of one office — a province department, a district's or a
/// commune's people's committee — for a period: how many there were, how many were created,
/// handled and closed on the document-management system with digital signatures, and how many
/// were classified (secret files stay on paper, so they leave the denominator).
///
/// These are *flow* figures: a year is the sum of its months.
public struct DocumentFigures: Equatable, Sendable {
    /// Work files in total, classified ones included.
    public var total: Int
    /// Work files processed fully online.
    public var online: Int
    /// Classified work files (not counted in the share), when reported.
    public var classified: Int?

    public init(total: Int, online: Int, classified: Int? = nil) {
        self.total = total
        self.online = online
        self.classified = classified
    }

    /// The files that count: all but the classified ones.
    public var countable: Int { total - (classified ?? 0) }

    /// The share processed online in percent, or nil with nothing countable.
    public var share: Double? { countable > 0 ? 100 * Double(online) / Double(countable) : nil }

    /// The first rule the figures break, as a sentence with the numbers and the option at fault;
    /// nil when consistent. Classified files are never processed online, so online files are at
    /// most the files that are not classified.
    public var violation: (option: String, reason: String)? {
        if total < 0 { return ("total", "the total cannot be negative (\(total))") }
        if online < 0 { return ("online", "online files cannot be negative (\(online))") }
        if let classified, classified < 0 { return ("classified", "classified files cannot be negative (\(classified))") }
        if let classified, classified > total {
            return ("classified", "classified files (\(classified)) cannot exceed the total (\(total))")
        }
        if online > countable {
            return ("online", classified == nil || classified == 0
                ? "online files (\(online)) cannot exceed the total (\(total))"
                : "online files (\(online)) cannot exceed the files that are not classified (\(countable) of \(total))")
        }
        return nil
    }

    /// The figures in an audit row (aggregates only).
    var auditValue: JSONValue {
        .object(["total": .number(total), "online": .number(online), "classified": classified.map { .number($0) }])
    }
}
