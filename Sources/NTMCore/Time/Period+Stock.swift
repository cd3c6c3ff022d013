/// Reading stored periods for an asked period.
///
/// A stored period counts for an asked one when it falls in it. How the values then combine
/// depends on the measure (see ``IndicatorAggregation``): flows (documents processed, people
/// trained) add up over every stored period; stocks (population, residents with a health record)
/// take the latest stored period within the asked one, per unit — summing the months of a year
/// would count the same people twelve times.
extension Period {
    /// Whether data stored for `stored` counts when the question is about this period.
    ///
    /// Same as `contains(stored)`: a stored period that only partly overlaps (a year stored,
    /// a quarter asked) does not count, since its value cannot be split.
    public func includes(stored: Period) -> Bool { contains(stored) }

    /// The latest of `periods` that falls in this period, or nil: the one a stock measure reads.
    public func latestWithin(_ periods: some Sequence<Period>) -> Period? {
        var best: Period?
        for period in periods where contains(period) {
            // Latest end wins; at the same end the finer period (a month over its quarter) wins,
            // since it is the more recent observation.
            if let current = best {
                if period.end > current.end || (period.end == current.end && period.granularity > current.granularity) {
                    best = period
                }
            } else {
                best = period
            }
        }
        return best
    }
}

/// Picks, per key (usually a unit id), the row of the latest period within an asked period.
///
/// The helper for stock measures: feed it every stored row that falls in the period, get back one
/// row per key. `Row` is whatever the caller fetched.
public struct LatestPerKey<Key: Hashable, Row> {
    private var best: [Key: (period: Period, row: Row)] = [:]
    public let within: Period

    public init(within: Period) { self.within = within }

    /// Offers a row; ignored when its period does not fall in `within` or is older than the best so far.
    public mutating func offer(key: Key, period: Period, row: Row) {
        guard within.contains(period) else { return }
        if let current = best[key] {
            let newer = period.end > current.period.end
                || (period.end == current.period.end && period.granularity > current.period.granularity)
            guard newer else { return }
        }
        best[key] = (period, row)
    }

    /// The chosen row per key, with its period.
    public var rows: [Key: (period: Period, row: Row)] { best }
}
