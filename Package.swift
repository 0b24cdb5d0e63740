// swift-tools-version:6.0
import PackageDescription

// A release build of `glare` on Linux carries the Swift runtime and Foundation in the binary (what
// `swift build --static-swift-stdlib` does, here for this target whatever command builds it: the install's
// manual plugin, scripts/fetch, scripts/bench): none of the 14 Swift libraries to load and bind before
// `main` (start-up 8 ms instead of 15) and no dynamic linker's stubs on the runtime's calls. `glare fetch`
// of 200 feeds took 0.87x the dynamic build's time (medians of six interleaved pairs; README,
// performance). The binary is 121 MB instead of 49 MB and needs only the C libraries of its
// distribution. Debug builds (the tests') link as before. The flag is the executable's alone: the
// GlareKit library product holds none, so other packages may still depend on it.
let staticSwiftRuntime = SwiftSetting.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
let staticSwiftRuntimeLink = LinkerSetting.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))

let package = Package(
    name: "Glare",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "glare", targets: ["glare"]),
        .library(name: "GlareKit", targets: ["GlareKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries, each behind one shim module. On macOS, Homebrew's keg-only libxml2 is found through
        // pkg-config (PKG_CONFIG_PATH, see the README); libcurl, zlib and SQLite come with the SDK.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "CGlareZlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl's headers only: Linux loads the library on the first request (Sources/CCurl/shim.h).
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),

        // The MinHash kernel of story sketches, in C for the processor's vector instructions (chosen at run time).
        .target(name: "CGlareSketch"),

        // Domain types, roster, normalisation, stitching: no I/O beyond reading a roster file.
        .target(
            name: "GlareCore",
            dependencies: ["CGlareSketch", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]),
        // Pure parsers: bytes -> trend exports, documents.
        .target(name: "GlareParsers", dependencies: ["GlareCore", "CLibXML2", "CGlareZlib", "CLibDeflate"]),
        // SQLite through GRDB and the content-addressed snapshot archive.
        .target(
            name: "GlareStore",
            dependencies: [
                "GlareCore", "CGlareZlib", "CLibDeflate",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // HTTP through libcurl: retries, backoff, Retry-After, limits; the fetch lock.
        .target(
            name: "GlareFetch", dependencies: ["GlareCore", "CCurl", .product(name: "Logging", package: "swift-log")],
            linkerSettings: [.linkedLibrary("curl", .when(platforms: [.macOS]))]),
        // Event windows: the statistics of a rise and of persistence. Pure computation.
        .target(name: "EventWindow", dependencies: ["GlareCore"]),
        // Writers: CSV and JSON exports, the report, and the figures (drawn through cairo).
        .target(name: "GlareReport", dependencies: ["GlareCore", "EventWindow", "CCairo", "CGlareZlib"]),
        // The pipeline that wires the stages (import, rebuild, export); what the CLI calls.
        .target(
            name: "GlareKit",
            dependencies: [
                "GlareCore", "GlareParsers", "GlareStore", "GlareReport", "EventWindow", "GlareFetch", "CGlareZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // The thin command line.
        .executableTarget(
            name: "glare",
            dependencies: [
                "GlareKit", "GlareCore", "GlareFetch", "GlareParsers", "GlareReport", "GlareStore", "EventWindow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [staticSwiftRuntime], linkerSettings: [staticSwiftRuntimeLink]),

        // Helpers shared by the test targets: fixture paths, temporary folders, synthetic exports.
        .target(
            name: "GlareTestSupport",
            dependencies: ["GlareCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Logging", package: "swift-log")],
            path: "Tests/GlareTestSupport"),
        // libFuzzer targets for every reader of outside bytes (scripts/fuzz); built plainly, a replay driver.
        .executableTarget(name: "glare-fuzz", dependencies: ["GlareCore", "GlareParsers"]),
        // The event-window benchmark (scripts/bench), run by hand.
        .executableTarget(
            name: "glare-bench",
            dependencies: ["EventWindow", "GlareCore", "GlareKit", "GlareParsers", "GlareStore", .product(name: "Logging", package: "swift-log")]),

        .testTarget(
            name: "GlareCoreTests", dependencies: ["GlareCore", "CGlareSketch", "GlareTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/GlareCoreTests"),
        .testTarget(name: "GlareParsersTests", dependencies: ["GlareTestSupport", "GlareParsers", "GlareCore"], path: "Tests/GlareParsersTests"),
        .testTarget(
            name: "GlareStoreTests", dependencies: ["GlareTestSupport", "GlareStore", "GlareCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/GlareStoreTests"),
        .testTarget(
            name: "GlareKitTests",
            dependencies: [
                "GlareTestSupport", "GlareKit", "GlareCore", "GlareStore", "GlareParsers", "GlareReport", "GlareFetch", "EventWindow", "CCairo",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ], path: "Tests/GlareKitTests"),
        .testTarget(name: "EventWindowTests", dependencies: ["GlareTestSupport", "EventWindow", "GlareCore"], path: "Tests/EventWindowTests"),
        .testTarget(
            name: "GlareFetchTests", dependencies: ["GlareTestSupport", "GlareFetch", .product(name: "Logging", package: "swift-log")],
            path: "Tests/GlareFetchTests"),
        .testTarget(name: "GlareCLITests", dependencies: ["GlareTestSupport", "glare", "GlareKit", "GlareCore"], path: "Tests/GlareCLITests"),
    ],
    swiftLanguageModes: [.v6]
)

// Upcoming language features, on for every Swift target (as swift-log does):
// imports are internal unless marked `public import`, and a file sees only the
// members of modules it imports itself.
let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + upcoming
}
