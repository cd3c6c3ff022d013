import NTMCore
import WorkspaceTestSupport
@testable import Telecom

/// A fresh workspace with the telecom module installed, a shell with the `telecom` commands over it,
/// and a scratch folder for files: what each test starts from.
final class TelecomFixture: WorkspaceFixture {
    init() throws {
        try super.init("telecom", module: TelecomPlugin.module) { TelecomPlugin(session: $0) }
    }

    /// Adds villages `COMMUNE01`… under a commune; returns their codes.
    @discardableResult
    func addVillages(_ commune: String, count: Int) throws -> [String] {
        let parent = try unit(commune, level: .commune)
        return try access.mutate { store in
            try (1...count).map { n in
                let code = parent.code + (n < 10 ? "0\(n)" : "\(n)")
                try store.units.add(code: code, name: "Thôn \(n)", parent: parent)
                return code
            }
        }
    }

    /// Stores a village's evidence directly.
    func survey(_ code: String, _ date: String, _ evidence: VillageEvidence) throws {
        let day = try Day(parsing: date)
        let village = try read { try $0.units.index().unit(code: code, on: day)! }
        _ = try access.mutate { store in try store.villageSurveys.write(evidence, unit: village, on: day, source: .entered) }
    }

    /// Stores a commune's facilities directly.
    func facilities(_ commune: String, _ date: String, _ facilities: CommuneFacilities) throws {
        let unit = try unit(commune, level: .commune)
        _ = try access.mutate { store in try store.communeFacilities.write(facilities, unit: unit, on: try Day(parsing: date), source: .entered) }
    }

    /// The verdicts of 8.1–8.3 for a commune and year, by criterion id.
    func assess(_ commune: String, _ year: Int) throws -> [String: CriterionEightAssessment.Verdict] {
        let unit = try unit(commune, level: .commune)
        let assessment = try read { store in
            try CriterionEightAssessment.assess(store, index: try store.units.index(), commune: unit, year: year)
        }
        return Dictionary(uniqueKeysWithValues: assessment.verdicts.map { ($0.criterion.id, $0) })
    }
}

extension VillageEvidence {
    /// Full evidence for a served village.
    static func served(households: Int = 100, broadband: Int = 60, fibre: Bool = true, loudspeaker: Bool = true) -> VillageEvidence {
        VillageEvidence(mobile: [.g4: ["Viettel"]], fibre: fibre, households: households, broadband: broadband,
                        loudspeaker: loudspeaker)
    }
}

extension CommuneFacilities {
    /// A postal point meeting every condition and a radio station.
    static var complete: CommuneFacilities {
        var f = CommuneFacilities()
        f.postalPoint = true
        f.premises = true
        f.sign = true
        f.hoursPosted = true
        f.openHours = 8
        f.letters = true
        f.parcels = true
        f.radio = .wired
        f.baseStations = ["Viettel": 1]
        return f
    }
}
