import GlareCore
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
        #expect(ExitStatus.of(StoreError.missing(path: "typo.sqlite")) == .noInput)
        #expect(ExitStatus.of(ImportError.unreadable(path: "/nonexistent/f.csv", reason: "no such file")) == .noInput)
        #expect(ExitStatus.of(ImportError.unreadable(path: "/", reason: "a folder")) == .ioError)
        #expect(ExitStatus.of(MissingInput(path: "r.yaml", what: "roster", hint: "")) == .noInput)
        #expect(ExitStatus.of(RosterError(file: "/nonexistent/r.yaml", line: nil, person: nil, reason: "cannot read")) == .noInput)
        #expect(ExitStatus.of(RosterError(file: "/nonexistent/r.yaml", line: 3, person: nil, reason: "bad")) == .dataError)
        #expect(ExitStatus.of(OutputFileError(path: "/proc/x", reason: "no")) == .cannotCreate)
        #expect(ExitStatus.of(StudyError.exists(folder: ".", files: ["roster.yaml"])) == .cannotCreate)
        #expect(ExitStatus.of(ForgetError.notFound("x")) == .usage)
        #expect(ExitStatus.allStatuses.map(\.rawValue) == [0, 64, 65, 66, 69, 70, 73, 74, 75])
    }
}
