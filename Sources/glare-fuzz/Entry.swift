import Foundation
import GlareCore
import GlareParsers

// Built two ways (scripts/fuzz):
// - with `-sanitize=fuzzer,address -D GLARE_FUZZ`: a libFuzzer binary, `glare-fuzz TARGET [libFuzzer
//   options and corpus folders]`, whose `main` hands the reader to libFuzzer's driver;
// - plainly: a replay driver, `glare-fuzz TARGET FILE...`, that runs inputs (a crash's minimised input,
//   a corpus) through a reader once each. `glare-fuzz --list` names the targets; `--name-index-seed`
//   writes a seed for the name-index target.

#if GLARE_FUZZ
    /// libFuzzer's driver (compiler-rt's `LLVMFuzzerRunDriver`): runs `callback` on generated inputs.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The reader under fuzzing, chosen once by `main` before the driver starts.
    nonisolated(unsafe) private var selected: FuzzTarget?

    /// libFuzzer's entry point (its runtime names it even when its own `main` is not used).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
        selected?.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
        return 0
    }
#endif

@main
struct FuzzMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--list" {
            print(FuzzTarget.all.map(\.name).joined(separator: "\n"))
            return
        }
        // `--name-index-seed GKG.tsv OUT`: a GKG file's name index in the current format, a seed for `gkg-name-index`.
        if arguments.first == "--name-index-seed", arguments.count == 3, let data = FileManager.default.contents(atPath: arguments[1]) {
            var entries: [GKGEntry] = []
            _ = GKGReader.read(data) { entries.append($0) }
            FileManager.default.createFile(atPath: arguments[2], contents: GKGNameIndex.encode(entries))
            return
        }
        guard let name = arguments.first, let target = FuzzTarget.named(name) else {
            FileHandle.standardError.write(Data("usage: glare-fuzz TARGET FILE... | --list\n".utf8))
            exit(64)
        }
        #if GLARE_FUZZ
            selected = target
            // libFuzzer sees the program name and everything after the target's name.
            var argv: [UnsafeMutablePointer<CChar>?] = ([CommandLine.arguments[0]] + arguments.dropFirst()).map { strdup($0) } + [nil]
            var argc = CInt(argv.count - 1)
            let status = argv.withUnsafeMutableBufferPointer { buffer -> CInt in
                var base = buffer.baseAddress
                return runDriver(&argc, &base, fuzzOneInput)
            }
            exit(status)
        #else
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("glare-fuzz: cannot read \(path)\n".utf8))
                    exit(66)
                }
                target.run(data)
            }
        #endif
    }
}
