import NTMCore

/// What the stored evidence says about a commune's sub-indicators 8.1–8.3 in a year: each verdict
/// with its reasons (which village lacks 4G, which condition of the postal point is missing).
///
/// The evidence is the latest recorded on or before 31 December of the year — the commune's
/// facilities, and each village's latest survey — for the villages under the commune on that day.
struct CriterionEightAssessment {
    /// One rule applied.
    struct RuleResult: Equatable {
        enum Outcome: String { case pass, fail, missing }
        var ruleID: String
        var outcome: Outcome
        var reason: String
    }

    /// A sub-indicator's verdict.
    struct Verdict: Equatable {
        enum Outcome: String {
            case met
            case notMet = "not met"
            case noEvidence = "no evidence"
        }
        var criterion: Criterion
        var outcome: Outcome
        var results: [RuleResult]

        /// Why: failing rules when not met, missing evidence when there is none, what passed when met.
        var reasons: [String] {
            let wanted: RuleResult.Outcome = outcome == .met ? .pass : (outcome == .notMet ? .fail : .missing)
            var seen = Set<String>()
            return results.filter { $0.outcome == wanted && seen.insert($0.reason).inserted }.map(\.reason)
        }
    }

    /// The evidence about one commune on a day.
    struct Evidence {
        var commune: Unit
        var day: Day
        var facilities: CommuneFacilityBook.Record?
        /// The villages under the commune on the day, each with its latest survey (if any).
        var villages: [(unit: Unit, survey: VillageSurveyBook.Survey?)]
    }

    let commune: Unit
    let year: Int
    let day: Day
    let verdicts: [Verdict]

    /// Loads the evidence of a commune for a year and applies the rules.
    ///
    /// - Throws: `DomainError.invalid` for a unit that is not a rural commune valid at the end of the year.
    static func assess(_ store: DomainStore, index: UnitIndex, commune: Unit, year: Int,
                       rules: [TelecomRule] = TelecomRules.all) throws -> CriterionEightAssessment {
        guard commune.kind == .commune else {
            throw DomainError.invalid("\(commune.name) (\(commune.code)) is a \(commune.kind.rawValue): only rural communes (xã) "
                + "are assessed against the NTM criteria; wards and townships are not NTM communes")
        }
        let day = Day.endOfYear(year)
        guard commune.isValid(on: day) else {
            throw DomainError.invalid("\(commune.name) (\(commune.code)) is valid \(commune.validityText), not on \(day): "
                + "standings for \(year) belong to the units valid at the end of the year")
        }
        let evidence = try load(store, index: index, commune: commune, day: day)
        return CriterionEightAssessment(commune: commune, year: year, day: day, verdicts: judge(evidence, rules: rules))
    }

    /// The commune's facilities and its villages' surveys as of `day`.
    ///
    /// - Parameters:
    ///   - latest: the villages' latest surveys on `day`, when already loaded (gaps over many communes).
    ///   - facilities: the communes' latest facilities on `day`, likewise.
    static func load(_ store: DomainStore, index: UnitIndex, commune: Unit, day: Day,
                     latest: [Int64: VillageSurveyBook.Survey]? = nil,
                     facilities: [Int64: CommuneFacilityBook.Record]? = nil) throws -> Evidence {
        let villages = index.children(of: commune, on: day).filter { $0.level == .village }
        let surveys = store.villageSurveys
        let record = try facilities.map { $0[commune.id] } ?? store.communeFacilities.latest(unitID: commune.id, onOrBefore: day)
        return Evidence(commune: commune, day: day, facilities: record,
                        villages: try villages.map { village in
                            (village, try latest.map { $0[village.id] } ?? surveys.latest(unitID: village.id, onOrBefore: day))
                        })
    }

    /// Applies the rules to the evidence: one verdict per sub-indicator the rules cover.
    static func judge(_ evidence: Evidence, rules: [TelecomRule]) -> [Verdict] {
        TelecomRules.criterionIDs.compactMap { id -> Verdict? in
            guard let criterion = CriteriaCatalogue.criterion(id) else { return nil }
            let results = rules.filter { $0.criterionID == id }.map { apply($0, to: evidence) }
            guard !results.isEmpty else { return nil }
            let outcome: Verdict.Outcome = results.contains { $0.outcome == .fail } ? .notMet
                : (results.contains { $0.outcome == .missing } ? .noEvidence : .met)
            return Verdict(criterion: criterion, outcome: outcome, results: results)
        }
    }

    /// One rule against the evidence.
    static func apply(_ rule: TelecomRule, to evidence: Evidence) -> RuleResult {
        func result(_ outcome: RuleResult.Outcome, _ reason: String) -> RuleResult {
            RuleResult(ruleID: rule.id, outcome: outcome, reason: reason)
        }
        let facilities = evidence.facilities?.facilities
        let name = evidence.commune.name
        switch rule.check {
        case .postalPoint:
            guard let point = facilities?.postalPoint else { return result(.missing, Self.postalPointMissing(name)) }
            return point ? result(.pass, "a postal service point") : result(.fail, "no postal service point")

        case .postalCondition(let condition):
            guard facilities?.postalPoint != false else { return result(.fail, "no postal service point") }
            guard facilities?.postalPoint != nil else {
                // Conditions of a point nobody has recorded are one missing fact, not seven.
                return result(.missing, Self.postalPointMissing(name))
            }
            let recorded: Bool?
            let words: (pass: String, fail: String, missing: String)
            switch condition {
            case .premises:
                recorded = facilities?.premises
                words = ("premises", "the postal point has no fixed premises", "premises")
            case .sign:
                recorded = facilities?.sign
                words = ("a sign", "the postal point has no sign", "sign")
            case .hoursPosted:
                recorded = facilities?.hoursPosted
                words = ("hours posted", "the postal point's opening hours are not posted", "posted hours")
            case .letters:
                recorded = facilities?.letters
                words = ("letters to 2 kg", "the postal point does not accept letters up to 2 kg", "letters up to 2 kg")
            case .parcels:
                recorded = facilities?.parcels
                words = ("parcels to 5 kg", "the postal point does not accept parcels up to 5 kg", "parcels up to 5 kg")
            case .openHours:
                let minimum = rule.threshold ?? 0
                guard let hours = facilities?.openHours else {
                    return result(.missing, "the postal point's opening hours per working day are not recorded (--open-hours)")
                }
                return hours >= minimum
                    ? result(.pass, "open \(CommuneFacilities.hoursText(hours)) h a day")
                    : result(.fail, "the postal point is open \(CommuneFacilities.hoursText(hours)) h a working day, "
                        + "at least \(CommuneFacilities.hoursText(minimum)) are required")
            }
            guard let recorded else {
                return result(.missing, "the postal point's \(words.missing): not recorded (--\(condition.rawValue))")
            }
            return recorded ? result(.pass, words.pass) : result(.fail, words.fail)

        case .radioStation:
            guard let radio = facilities?.radio else {
                return result(.missing, "no radio station recorded for \(name) (telecom commune set … --radio)")
            }
            return radio == .none ? result(.fail, "no commune radio station") : result(.pass, radio.words)

        case .villageShare(let measure):
            let villages = evidence.villages
            guard !villages.isEmpty else {
                return result(.missing, "no villages are recorded under \(name) on \(evidence.day) "
                    + "(unit add CODE NAME --in \(evidence.commune.code))")
            }
            var lacking: [String] = [], unknown: [String] = []
            for (village, survey) in villages {
                let value: Bool?
                switch measure {
                case .mobileBroadband: value = survey?.evidence.hasService(atLeast: .g4)
                case .fibre: value = survey?.evidence.fibre
                case .loudspeaker: value = survey?.evidence.loudspeaker
                }
                switch value {
                case true?: break
                case false?:
                    let reason = measure == .mobileBroadband ? survey?.evidence.noSignal.map { " (no signal: \($0.words))" } ?? "" : ""
                    lacking.append(village.name + reason)
                case nil:
                    unknown.append(village.name)
                }
            }
            let total = villages.count
            let passing = total - lacking.count - unknown.count
            let share = 100 * Double(passing) / Double(total)
            let threshold = rule.threshold ?? 100
            if share >= threshold {
                return result(.pass, "\(passing) of \(total) villages \(measure.words)")
            }
            // Unknown villages could still bring the share up: only a share that cannot reach the
            // threshold even if every unknown village passed is a failure.
            let best = 100 * Double(passing + unknown.count) / Double(total)
            if best < threshold || unknown.isEmpty {
                return result(.fail, "\(lacking.count) of \(total) villages \(measure.lackWords): " + Self.list(lacking))
            }
            return result(.missing, "no \(measure.evidenceWords) evidence for \(unknown.count) of \(total) villages: "
                + Self.list(unknown))
        }
    }

    static func postalPointMissing(_ commune: String) -> String {
        "no postal point recorded for \(commune) (telecom commune set … --postal-point yes|no)"
    }

    /// `Thôn A, Thôn B and 3 more`.
    static func list(_ names: [String], limit: Int = 5) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }

    /// The note recorded with a verdict: the day of the evidence and the reasons.
    func note(for verdict: Verdict) -> String {
        "telecom evidence to \(day): " + verdict.reasons.joined(separator: "; ")
    }
}
