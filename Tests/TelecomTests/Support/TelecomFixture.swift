import DomainShell
import Foundation
import NTMCore
import ShellKit
@testable import Telecom

/// A fresh workspace with the telecom module installed, a shell with the `telecom` commands over it,
/// and a scratch folder for files: what each test starts from.
final class TelecomFixture {
    let workspace: Workspace
    let session: WorkspaceSession
    let console = CapturingConsole()
    let shell: Shell
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("telecom-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = try Workspace.open(.memory, modules: [TelecomPlugin.module], actor: "tester")
        self.workspace = workspace
        session = WorkspaceSession(actor: "tester") { workspace }
        shell = Shell(appName: "ntm", version: "test", console: console, host: DomainHost(), interactive: false)
        shell.register(TelecomPlugin(session: session))
    }

    deinit {
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var access: WorkspaceAccess { WorkspaceAccess(workspace: workspace) }

    /// Writes a file in the scratch folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs command text as a command file in the scratch folder.
    func run(_ text: String) -> (status: Int32, output: String, errors: String) {
        let outputBefore = console.output.count, errorsBefore = console.errors.count
        let status = shell.run(text: text, name: "test.ntm", directory: folder.path)
        return (status, String(console.output.dropFirst(outputBefore)), String(console.errors.dropFirst(errorsBefore)))
    }

    func read<T>(_ body: (DomainStore) throws -> T) throws -> T { try workspace.read(body) }

    /// A unit valid on the programme's reference day.
    func unit(_ reference: String, level: UnitLevel? = nil) throws -> NTMCore.Unit {
        try read { try $0.units.resolve(reference, level: level) }
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
        try access.mutate { store in try store.villageSurveys.write(evidence, unit: village, on: day, source: .entered) }
    }

    /// Stores a commune's facilities directly.
    func facilities(_ commune: String, _ date: String, _ facilities: CommuneFacilities) throws {
        let unit = try unit(commune, level: .commune)
        try access.mutate { store in try store.communeFacilities.write(facilities, unit: unit, on: try Day(parsing: date), source: .entered) }
    }

    /// The verdicts of 8.1–8.3 for a commune and year, by criterion id.
    func assess(_ commune: String, _ year: Int) throws -> [String: CriterionEightAssessment.Verdict] {
        let unit = try unit(commune, level: .commune)
        let assessment = try read { store in
            try CriterionEightAssessment.assess(store, index: try store.units.index(), commune: unit, year: year)
        }
        return Dictionary(uniqueKeysWithValues: assessment.verdicts.map { ($0.criterion.id, $0) })
    }

    /// An indicator's value for a unit and period.
    func indicator(_ id: String, _ reference: String, _ period: String) throws -> IndicatorValue? {
        let period = try Period(parsing: period)
        return try read { store in
            let unit = try store.units.index().resolve(reference, asOf: period.end)
            return try store.indicators.reading(id, for: unit, period: period).value
        }
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
