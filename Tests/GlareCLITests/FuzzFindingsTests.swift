import Foundation
import GlareTestSupport
import Testing

/// Every input the fuzzers (scripts/fuzz) found a crash, hang or blow-up with stays here, in
/// `Tests/Fixtures/fuzz/TARGET/`, and is replayed through its reader by the plainly built `glare-fuzz`:
/// each must now read to a result or an error, never a signal.
@Suite struct FuzzFindingsTests {
    static var replay: URL { CommandLineTests.binary.deletingLastPathComponent().appendingPathComponent("glare-fuzz") }

    @Test func everyFindingReadsWithoutACrash() throws {
        let root = Fixtures.root.appendingPathComponent("Tests/Fixtures/fuzz")
        let targets = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
        #expect(!targets.isEmpty)
        for target in targets {
            let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(target).path).sorted()
            let process = Process()
            process.executableURL = Self.replay
            process.arguments = [target] + files.map { root.appendingPathComponent(target).appendingPathComponent($0).path }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(target): \(files)")
        }
    }
}
