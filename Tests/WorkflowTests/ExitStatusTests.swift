import Testing
import NTMCore
@testable import Workflow

/// What a cron job sees when a workflow command fails: the core's words and the exit status they stand for.
@Suite("Exit statuses")
struct ExitStatusTests {
    @Test func aMissingImportFileExitsWithStatusThree() throws {
        let fixture = try WorkflowFixture()
        let run = fixture.run("workflow import nowhere.csv")
        #expect(run.status == 3)
        #expect(run.errors == "test.ntm:1: error: cannot read 'nowhere.csv': No such file or directory\n")
    }

    @Test func anUnknownUnitFailsWithStatusOneAndTheCoresWords() throws {
        let fixture = try WorkflowFixture()
        let run = fixture.run("workflow documents set 99999 2024 --total 10 --online 5")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: unknown unit '99999'"))
    }
}
