import NTMCore
import ShellKit

/// Where telecom evidence falls short within an area, worst first: what `telecom gaps` prints.
///
/// Four kinds of gap, in this order: rural communes failing 8.1–8.3 (most sub-indicators failed
/// first), villages without signal, villages without 4G, and villages with households lacking fixed
/// broadband (most households first within each kind).
struct TelecomGaps {
    enum Kind: Int, Comparable {
        case commune = 0, noSignal, no4G, broadband

        var words: String {
            switch self {
            case .commune: return "criterion 8"
            case .noSignal: return "no signal"
            case .no4G: return "no 4G"
            case .broadband: return "broadband"
            }
        }

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Gap {
        var kind: Kind
        var unit: Unit
        var place: String?
        /// Households affected (in the village; without broadband for a broadband gap), when known.
        var households: Int?
        /// How bad, within the kind: sub-indicators failed, or households.
        var weight: Int
        var detail: String
    }

    let day: Day
    let area: Unit
    let gaps: [Gap]
    /// Rural communes in the area whose evidence is incomplete for 8.1–8.3 (and that fail none).
    let communesWithoutEvidence: Int
    let ruralCommunes: Int
    /// Villages under the area on the day without any survey.
    let unsurveyedVillages: Int

    static func build(_ store: DomainStore, index: UnitIndex, area: Unit, day: Day) throws -> TelecomGaps {
        let latest = try store.villageSurveys.latestPerVillage(onOrBefore: day)
        let facilities = try store.communeFacilities.latestPerCommune(onOrBefore: day)
        var gaps: [Gap] = []
        var unsurveyed = 0

        let villages = index.units(on: day, level: .village).filter { index.isWithin($0, area, on: day) }
        for village in villages {
            guard let evidence = latest[village.id]?.evidence else { unsurveyed += 1; continue }
            let place = index.parent(of: village, on: day)?.name
            if let reason = evidence.noSignal {
                gaps.append(Gap(kind: .noSignal, unit: village, place: place, households: evidence.households,
                                weight: evidence.households ?? 0, detail: "no mobile signal: \(reason.words)"))
            } else if evidence.hasService(atLeast: .g4) == false {
                let has = Generation.allCases.reversed().first { !(evidence.mobile[$0] ?? []).isEmpty }
                let detail = has.map { "best service \($0.rawValue) (" + evidence.mobile[$0]!.joined(separator: ", ") + ")" }
                    ?? "no mobile service recorded"
                gaps.append(Gap(kind: .no4G, unit: village, place: place, households: evidence.households,
                                weight: evidence.households ?? 0, detail: detail))
            }
            if let households = evidence.households, let broadband = evidence.broadband, broadband < households {
                let without = households - broadband
                gaps.append(Gap(kind: .broadband, unit: village, place: place, households: without, weight: without,
                                detail: "\(NumberText.grouped(without)) of \(NumberText.grouped(households)) households without fixed broadband"
                                    + (evidence.fibre == false ? "; no fibre" : "")))
            }
        }

        var withoutEvidence = 0
        let communes = index.units(on: day, level: .commune).filter { $0.kind == .commune && index.isWithin($0, area, on: day) }
        for commune in communes {
            let evidence = try CriterionEightAssessment.load(store, index: index, commune: commune, day: day,
                                                              latest: latest, facilities: facilities)
            let verdicts = CriterionEightAssessment.judge(evidence, rules: TelecomRules.all)
            let failed = verdicts.filter { $0.outcome == .notMet }
            if failed.isEmpty {
                if verdicts.contains(where: { $0.outcome == .noEvidence }) { withoutEvidence += 1 }
                continue
            }
            let detail = failed.map { "\($0.criterion.id): " + $0.reasons.joined(separator: "; ") }.joined(separator: " | ")
            gaps.append(Gap(kind: .commune, unit: commune, place: index.placeName(of: commune, on: day), households: nil,
                            weight: failed.count, detail: detail))
        }

        gaps.sort { a, b in
            if a.kind != b.kind { return a.kind < b.kind }
            if a.weight != b.weight { return a.weight > b.weight }
            return a.unit.code < b.unit.code
        }
        return TelecomGaps(day: day, area: area, gaps: gaps, communesWithoutEvidence: withoutEvidence,
                           ruralCommunes: communes.count, unsurveyedVillages: unsurveyed)
    }
}
