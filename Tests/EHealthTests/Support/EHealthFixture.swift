import NTMCore
import WorkspaceTestSupport
@testable import EHealth

/// A fresh workspace with the e-health module installed, a shell with the `ehr` commands over it,
/// and a scratch folder for files: what each test starts from.
final class EHealthFixture: WorkspaceFixture {
    /// An in-memory workspace (or a file in the scratch folder when `onDisk`).
    init(onDisk: Bool = false) throws {
        try super.init("ehealth", module: EHealthPlugin.module, onDisk: onDisk) { EHealthPlugin(session: $0) }
    }

    /// Stores figures directly.
    func set(_ reference: String, _ period: String, residents: Int, withRecord: Int, insured: Int? = nil,
             underFive: Int? = nil, stunted: Int? = nil) throws {
        let period = try Period(parsing: period)
        let unit = try read { try $0.units.index().resolve(reference, asOf: period.end) }
        try access.mutate { store in
            try store.healthRecords.write(HealthRecordFigures(residents: residents, withRecord: withRecord, insured: insured,
                                                              underFive: underFive, stuntedUnderFive: stunted),
                                          unit: unit, period: period, source: .entered)
        }
    }
}
