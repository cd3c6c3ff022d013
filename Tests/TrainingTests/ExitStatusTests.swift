import Testing
import NTMCore
@testable import Training

/// What a cron job sees when a training command fails: the core's words and the exit status they stand for.
@Suite("Exit statuses")
struct ExitStatusTests {
    @Test func aMissingImportFileExitsWithStatusThree() throws {
        let fixture = try TrainingFixture()
        let run = fixture.run("training import nowhere.csv")
        #expect(run.status == 3)
        #expect(run.errors == "test.ntm:1: error: nowhere.csv: cannot open: No such file or directory\n")
    }

    @Test func aBadRowFailsWithStatusOneAndItsPlace() throws {
        let fixture = try TrainingFixture()
        try fixture.write("roster.csv", "full_name,unit_code,role,since\nNguyễn Văn An,99999,steering-board,2022-01-01\n")
        let run = fixture.run("training import roster.csv")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: roster.csv:2:"))
    }
}
