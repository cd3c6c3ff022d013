import Testing
import NTMCore
@testable import Telecom

/// Each rule of 8.1–8.3 against evidence that passes, fails, and is missing.
@Suite("Rules of criterion 8.1–8.3")
struct RuleTests {
    /// Xã Phúc Hòa, as the registry has it.
    static let commune: NTMCore.Unit = try! TelecomFixture().unit("07324")

    func evidence(facilities: CommuneFacilities? = .complete, villages: [VillageEvidence?]) throws -> CriterionEightAssessment.Evidence {
        let commune = Self.commune
        let day = Day.endOfYear(2023)
        let units = villages.indices.map { n in
            NTMCore.Unit(id: Int64(1000 + n), code: "07324\(10 + n)", name: "Thôn \(n + 1)", level: .village, kind: .village,
                         parentCode: "07324", validFrom: Day.programmeReference, validTo: nil)
        }
        return .init(commune: commune, day: day,
                     facilities: facilities.map { .init(unitID: commune.id, date: day, facilities: $0, source: .entered) },
                     villages: zip(units, villages).map { unit, evidence in
                         (unit, evidence.map { .init(unitID: unit.id, date: day, evidence: $0, source: .entered) })
                     })
    }

    func result(_ ruleID: String, _ evidence: CriterionEightAssessment.Evidence) -> CriterionEightAssessment.RuleResult {
        CriterionEightAssessment.apply(TelecomRules.all.first { $0.id == ruleID }!, to: evidence)
    }

    @Test func postalPointPassesFailsAndIsMissing() throws {
        #expect(result("8.1.a", try evidence(villages: [])).outcome == .pass)
        var none = CommuneFacilities.complete
        none.postalPoint = false
        let failed = result("8.1.a", try evidence(facilities: none, villages: []))
        #expect(failed.outcome == .fail && failed.reason == "no postal service point")
        let missing = result("8.1.a", try evidence(facilities: CommuneFacilities(), villages: []))
        #expect(missing.outcome == .missing)
        #expect(result("8.1.a", try evidence(facilities: nil, villages: [])).outcome == .missing)
    }

    @Test func eachPostalConditionPassesFailsAndIsMissing() throws {
        let cases: [(String, WritableKeyPath<CommuneFacilities, Bool?>, String)] = [
            ("8.1.b", \.premises, "the postal point has no fixed premises"),
            ("8.1.c", \.sign, "the postal point has no sign"),
            ("8.1.d", \.hoursPosted, "the postal point's opening hours are not posted"),
            ("8.1.f", \.letters, "the postal point does not accept letters up to 2 kg"),
            ("8.1.g", \.parcels, "the postal point does not accept parcels up to 5 kg"),
        ]
        for (rule, field, reason) in cases {
            #expect(result(rule, try evidence(villages: [])).outcome == .pass, "\(rule)")
            var failing = CommuneFacilities.complete
            failing[keyPath: field] = false
            let failed = result(rule, try evidence(facilities: failing, villages: []))
            #expect(failed.outcome == .fail && failed.reason == reason, "\(rule)")
            var missing = CommuneFacilities.complete
            missing[keyPath: field] = nil
            #expect(result(rule, try evidence(facilities: missing, villages: [])).outcome == .missing, "\(rule)")
        }
    }

    @Test func openHoursNeedAtLeastFourAWorkingDay() throws {
        var f = CommuneFacilities.complete
        f.openHours = 4
        #expect(result("8.1.e", try evidence(facilities: f, villages: [])).outcome == .pass)
        f.openHours = 3.5
        let failed = result("8.1.e", try evidence(facilities: f, villages: []))
        #expect(failed.outcome == .fail)
        #expect(failed.reason == "the postal point is open 3.5 h a working day, at least 4 are required")
        f.openHours = nil
        #expect(result("8.1.e", try evidence(facilities: f, villages: [])).outcome == .missing)
    }

    @Test func fourGInEveryVillage() throws {
        #expect(result("8.2.a", try evidence(villages: [.served(), .served()])).outcome == .pass)
        var fiveG = VillageEvidence.served()
        fiveG.mobile = [.g4: [], .g5: ["Viettel"]]
        #expect(result("8.2.a", try evidence(villages: [.served(), fiveG])).outcome == .pass)
        let threeG = VillageEvidence(mobile: [.g3: ["MobiFone"], .g4: []])
        let noSignal = VillageEvidence(noSignal: .terrain)
        let failed = result("8.2.a", try evidence(villages: [.served(), threeG, noSignal]))
        #expect(failed.outcome == .fail)
        #expect(failed.reason == "2 of 3 villages lack 4G: Thôn 2, Thôn 3 (no signal: terrain)")
        let missing = result("8.2.a", try evidence(villages: [.served(), nil, VillageEvidence(households: 40)]))
        #expect(missing.outcome == .missing)
        #expect(missing.reason == "no 4G evidence for 2 of 3 villages: Thôn 2, Thôn 3")
        // A known failure outweighs villages not yet surveyed.
        #expect(result("8.2.a", try evidence(villages: [threeG, nil])).outcome == .fail)
        #expect(result("8.2.a", try evidence(villages: [])).outcome == .missing)
    }

    @Test func fibreToEveryVillage() throws {
        #expect(result("8.2.b", try evidence(villages: [.served()])).outcome == .pass)
        let failed = result("8.2.b", try evidence(villages: [.served(), .served(fibre: false)]))
        #expect(failed.outcome == .fail && failed.reason == "1 of 2 villages lack fibre: Thôn 2")
        #expect(result("8.2.b", try evidence(villages: [.served(), VillageEvidence(mobile: [.g4: ["Viettel"]])])).outcome == .missing)
    }

    @Test func radioStationAndLoudspeakers() throws {
        #expect(result("8.3.a", try evidence(villages: [])).outcome == .pass)
        var none = CommuneFacilities.complete
        none.radio = RadioStation.none
        #expect(result("8.3.a", try evidence(facilities: none, villages: [])).outcome == .fail)
        var unknown = CommuneFacilities.complete
        unknown.radio = nil
        #expect(result("8.3.a", try evidence(facilities: unknown, villages: [])).outcome == .missing)

        #expect(result("8.3.b", try evidence(villages: [.served(), .served()])).outcome == .pass)
        let failed = result("8.3.b", try evidence(villages: [.served(), .served(loudspeaker: false)]))
        #expect(failed.outcome == .fail && failed.reason == "1 of 2 villages are not reached by the loudspeakers: Thôn 2")
        #expect(result("8.3.b", try evidence(villages: [.served(), VillageEvidence(households: 5)])).outcome == .missing)
    }

    @Test func verdictsCombineTheirRules() throws {
        var f = CommuneFacilities.complete
        f.sign = false
        f.radio = nil
        let verdicts = CriterionEightAssessment.judge(try evidence(facilities: f, villages: [.served()]), rules: TelecomRules.all)
        #expect(verdicts.map(\.criterion.id) == ["8.1", "8.2", "8.3"])
        #expect(verdicts.map(\.outcome) == [.notMet, .met, .noEvidence])
        #expect(verdicts[0].reasons == ["the postal point has no sign"])
        #expect(verdicts[2].reasons == ["no radio station recorded for Xã Phúc Hòa (telecom commune set … --radio)"])
    }

    @Test func thresholdsAreData() throws {
        // A looser version of the guidance (90% of villages) passes what the strict one fails.
        let loose = TelecomRules.all.map { rule in
            rule.id == "8.2.a" ? TelecomRule(id: rule.id, criterionID: rule.criterionID, requirement: rule.requirement,
                                             check: rule.check, threshold: 50, source: "a test") : rule
        }
        let e = try evidence(villages: [.served(), VillageEvidence(mobile: [.g4: []], fibre: true)])
        #expect(CriterionEightAssessment.judge(e, rules: TelecomRules.all)[1].outcome == .notMet)
        #expect(CriterionEightAssessment.judge(e, rules: loose)[1].outcome == .met)
    }
}
