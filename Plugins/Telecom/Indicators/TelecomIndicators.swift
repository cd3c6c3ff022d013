import GRDB
import NTMCore

/// The module's indicators, as `progress` and `target` see them, and the targets it brings.
///
/// Survey evidence stands until the next survey, so a question about a period reads, per village,
/// the latest survey on or before the period's last day. Villages and households are summed over the
/// units asked about (across the 2025 mergers a new commune sums its predecessors' villages) and
/// divided once — never an average of percentages.
enum TelecomIndicators {
    static var all: [Indicator] { [communesWithService, villages4G, broadbandHouseholds, criterion8] }

    /// `telecom.communes_with_service`: rural communes with telecom services.
    static let communesWithService = Indicator(
        id: "telecom.communes_with_service", name: "Communes with telecom services", unit: .percent, aggregation: .status,
        definition: "Rural communes (xã) valid at the end of the period with telecom services — a village surveyed with "
            + "mobile service of any generation, or a base station recorded in the commune — over all rural communes "
            + "valid then; the latest evidence on or before the period's last day. No data when none has any evidence.",
        compute: { query in
            let day = query.period.end
            let communes = query.sources.valid(on: day).filter(\.isRuralCommune)
            guard !communes.isEmpty else { return nil }
            let index = try query.store.units.index()
            // Read once for every reading of the batch (a breakdown by commune reads them once, not per row).
            let latest = try query.shared("telecom.surveys/\(day)") { _ in try query.store.villageSurveys.latestPerVillage(onOrBefore: day) }
            let facilities = try query.shared("telecom.facilities/\(day)") { _ in
                try query.store.communeFacilities.latestPerCommune(onOrBefore: day)
            }
            var withEvidence = 0, served = 0
            for commune in communes {
                let villages = index.sources(for: commune, during: query.period, level: .village).units
                let surveys = villages.compactMap { latest[$0.id]?.evidence }
                let stations = facilities[commune.id]?.facilities.totalBaseStations
                if surveys.isEmpty && stations == nil { continue }
                withEvidence += 1
                if (stations ?? 0) > 0 || surveys.contains(where: { $0.hasAnyService == true }) { served += 1 }
            }
            guard withEvidence > 0 else { return nil }
            return IndicatorValue(numerator: Double(served), denominator: Double(communes.count))
        })

    /// `telecom.villages_4g`: surveyed villages with 4G or 5G over surveyed villages.
    static let villages4G = Indicator(
        id: "telecom.villages_4g", name: "Villages with 4G mobile service", unit: .percent, aggregation: .stock,
        definition: "Villages with 4G or 5G service from at least one operator over villages whose mobile service was "
            + "surveyed, by each village's latest survey on or before the period's last day.",
        compute: { query in
            try villageSums(query) { evidence in
                evidence.hasService(atLeast: .g4).map { [$0 ? 1 : 0, 1] }
            }
        })

    /// `telecom.broadband_households`: households with fixed broadband over households.
    static let broadbandHouseholds = Indicator(
        id: "telecom.broadband_households", name: "Households with fixed broadband", unit: .percent, aggregation: .stock,
        definition: "Households with a fixed broadband subscription over households, summed over the villages whose "
            + "latest survey on or before the period's last day reports both.",
        compute: { query in
            try villageSums(query) { evidence in
                guard let broadband = evidence.broadband, let households = evidence.households else { return nil }
                return [Double(broadband), Double(households)]
            }
        })

    /// `ntm.criterion_8`: rural communes meeting all of criterion 8, from the criteria as recorded.
    static let criterion8 = Indicator(
        id: "ntm.criterion_8", name: "Communes meeting criterion 8 (information and communications)", unit: .percent,
        aggregation: .status,
        definition: "Rural communes (xã) meeting criterion 8 for the year — as the criteria record it: met on all of "
            + "8.1–8.4 once any is assessed, else criterion 8 as set — over all rural communes valid at the end of the "
            + "period (unassessed communes count as not meeting it). No data when none is assessed on criterion 8.",
        compute: { query in
            let communes = query.sources.valid(on: query.period.end).filter(\.isRuralCommune)
            guard !communes.isEmpty else { return nil }
            // Every rural commune of the batch in one query; each reading picks its own.
            let end = query.period.end
            let all = try query.shared("ntm.criterion_8/\(query.period.year)/\(end)") { batch -> [Int64: [String: Bool]] in
                let ids = batch.unitIDs(where: { $0.isRuralCommune && $0.isValid(on: end) })
                var stored: [Int64: [String: Bool]] = [:]
                for row in try Row.fetchAll(query.db, sql: """
                    SELECT unit_id, criterion_id, met FROM assessment
                    WHERE year = ? AND (criterion_id = '8' OR criterion_id LIKE '8.%') AND unit_id IN (SELECT value FROM json_each(?))
                    """, arguments: [query.period.year, "[" + ids.sorted().map(String.init).joined(separator: ",") + "]"]) {
                    stored[row["unit_id"], default: [:]][row["criterion_id"]] = (row["met"] as Int) == 1
                }
                return stored
            }
            let stored = communes.compactMap { all[$0.id] }
            guard !stored.isEmpty else { return nil }
            let met = stored.filter { CriteriaBook.effective($0)[8] == true }.count
            return IndicatorValue(numerator: Double(met), denominator: Double(communes.count))
        })

    /// Numerator and denominator summed over the query's villages' latest surveys; nil when none counts.
    static func villageSums(_ query: IndicatorQuery, _ values: (VillageEvidence) -> [Double]?) throws -> IndicatorValue? {
        let day = query.period.end
        let villages = query.sources.units.filter { $0.level == .village && $0.validFrom <= day }
        guard !villages.isEmpty else { return nil }
        // The villages of every reading of the batch in one read.
        let latest = try query.shared("telecom.village-surveys/\(day)") { batch in
            try query.store.villageSurveys.latestPerVillage(
                onOrBefore: day, unitIDs: batch.unitIDs(where: { $0.level == .village && $0.validFrom <= day }))
        }
        var entries: [Int64: (period: Period, values: [Double])] = [:]
        for village in villages {
            if let survey = latest[village.id], let numbers = values(survey.evidence) { entries[village.id] = (query.period, numbers) }
        }
        guard let sums = query.sources.sumStock(entries) else { return nil }
        return IndicatorValue(numerator: sums[0], denominator: sums[1])
    }

    /// Targets stored when the module is first installed: the province's 2025 plan.
    static var defaultTargets: [TargetDefinition] {
        [
            TargetDefinition(indicatorID: "telecom.communes_with_service", scope: .unit(provinceCode), year: 2025,
                             threshold: 100, note: "rural communes with telecom and Internet services"),
            TargetDefinition(indicatorID: "ntm.criterion_8", scope: .level(.commune), year: 2025, threshold: 97,
                             note: "rural communes meeting the information-and-communications criterion (8)"),
        ]
    }

    /// Bắc Giang's GSO code (reused by the merged Bắc Ninh from 2025-07-01).
    static let provinceCode = "24"
}
