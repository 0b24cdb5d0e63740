import GlareKit
import GlareParsers
import GlareStore
import Testing

/// Exit statuses come from one place; these are the ones cron acts on.
@Suite struct ExitStatusTests {
    @Test func statusesFollowSysexits() {
        #expect(ExitStatus.of(StoreError.busy(path: "g.sqlite")) == .temporaryFailure)  // locked: cron retries
        #expect(ExitStatus.of(StoreError.io(path: "g.sqlite", reason: "disk full")) == .ioError)
        #expect(ExitStatus.of(StoreError.duplicateSeries("a · b · search")) == .dataError)
        #expect(ExitStatus.of(ParseError(source: "f.csv", line: 3, reason: "bad")) == .dataError)
        #expect(ExitStatus.of(ImportError.noSuchRegion(file: "r.csv", geo: "France", regions: ["Montenegro"])) == .usage)
    }
}
