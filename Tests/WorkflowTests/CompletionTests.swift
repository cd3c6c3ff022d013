import Testing
import NTMCore
@testable import Workflow

/// Tab completion of units in workflow commands.
@Suite("Completion")
struct CompletionTests {
    @Test func aVillageBesideCommunesKeepsTheNamesInOneColumn() throws {
        let fixture = try WorkflowFixture()
        try fixture.access.mutate { store in
            _ = try store.units.add(code: "0732401", name: "Thôn Phúc Lâm", parent: try store.units.resolve("07324"))
        }
        let displays = fixture.shell.complete("workflow documents show phuc").items.map(\.display)
        #expect(displays.contains("0732401  Thôn Phúc Lâm"))
        #expect(displays.contains("07324    Xã Phúc Hòa"))   // padded to the village's 7-digit code
    }
}
