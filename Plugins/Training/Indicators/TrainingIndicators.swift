import NTMCore

/// The module's indicators, as `progress` and `target` see them, and the targets it brings.
///
/// Each counts the officials serving on the period's last day within the units asked about (a move counts
/// in the new unit from its date) and sums numerators and denominators over them: a district is the sum
/// of its own officials and its communes', never an average of percentages. The denominator is, per unit,
/// the headcount recorded for the year (or the registry, if it holds more), else the officials registered,
/// so the target has a known denominator before every official is in the registry.
enum TrainingIndicators {
    static var all: [Indicator] { [managersTrained, communeOfficialsDigital, ethnicMountainDigital] }

    /// `training.managers_trained`: NTM management officials trained in digital transformation.
    static let managersTrained = Indicator(
        id: "training.managers_trained", name: "NTM managers trained in digital transformation", unit: .percent,
        aggregation: .status,
        definition: "NTM management officials at every level who completed a course on digital transformation by "
            + "the period's last day, over the managers of the units (the headcount recorded for the year, else "
            + "those in the registry), counted where they served on that day.",
        compute: { query in try value(query, .managers) })

    /// `training.commune_officials_digital`: commune officials trained in digital skills and information security.
    static let communeOfficialsDigital = Indicator(
        id: "training.commune_officials_digital", name: "Commune officials trained in digital skills", unit: .percent,
        aggregation: .status,
        definition: "Officials serving communes, wards, townships and their villages who completed courses on "
            + "digital skills and on information security by the period's last day, over the commune officials "
            + "(the headcount recorded for the year, else those in the registry).",
        compute: { query in try value(query, .communeOfficials) })

    /// The same, in the communes flagged as ethnic-minority or mountain areas (`training commune set`).
    static let ethnicMountainDigital = Indicator(
        id: "training.commune_officials_digital_em", name: "Commune officials trained in digital skills, ethnic-minority and mountain communes",
        unit: .percent, aggregation: .status,
        definition: "training.commune_officials_digital counted only in the communes flagged as ethnic-minority "
            + "or mountain areas ('training commune set UNIT --ethnic-mountain on').",
        compute: { query in try value(query, .communeOfficials, ethnicMountainOnly: true) })

    static func value(_ query: IndicatorQuery, _ measure: TrainingCensus.Measure, ethnicMountainOnly: Bool = false) throws -> IndicatorValue? {
        // One census per period serves the three indicators and every reading of the batch (`progress`, a breakdown).
        let census = try query.shared("training.census/\(query.period.year)/\(query.period.end)") { _ in
            try TrainingCensus.take(query.store, index: try query.store.units.index(), year: query.period.year, day: query.period.end)
        }
        let sums = census.sums(measure, over: query.sources, ethnicMountainOnly: ethnicMountainOnly, listUntrained: false)
        guard sums.denominator > 0 else { return nil }
        return IndicatorValue(numerator: Double(sums.trained), denominator: Double(sums.denominator))
    }

    /// Targets stored when the module is first installed. The plan's 2025 target for managers (100%) is in
    /// the core's `ProvincialPlan`; the national programme for commune officials adds 100% of commune
    /// officials, and 80% in ethnic-minority and mountain communes.
    static var defaultTargets: [TargetDefinition] {
        [
            TargetDefinition(indicatorID: communeOfficialsDigital.id, scope: .level(.commune), year: 2025, threshold: 100,
                             note: "commune officials trained in digital skills and information security"),
            TargetDefinition(indicatorID: ethnicMountainDigital.id, scope: .level(.commune), year: 2025, threshold: 80,
                             note: "commune officials trained in digital skills, in ethnic-minority and mountain communes"),
        ]
    }
}
