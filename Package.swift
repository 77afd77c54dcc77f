// swift-tools-version:6.0
import PackageDescription

// Hot loops need the CPU's vector units named (a SIMD16 FMA loop ran 160x faster here) and stay
// optimised in debug builds too, so `swift test` runs the engine at a useful speed.
let fastCode: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-Xcc", "-march=native", "-target-cpu", "native"]),
]

// Optimised in debug builds too, with Swift's checks kept: for code that reads what users hand in.
let optimisedChecked: [SwiftSetting] = [
    .unsafeFlags(["-O", "-Xcc", "-march=native", "-target-cpu", "native"]),
]

// A fully static executable starts in 1.8 ms; with only the stdlib and Foundation static it took
// 5.4 ms (dynamic loading and 72,000 relocations of a PIE), more than img2sixel needs for a whole
// 256x256 picture (DESIGN.md). Static Foundation needs its CoreFoundation and ICU archives named,
// and ICU, libpng and ncurses their C++, zlib and maths libraries, inside the group.
let staticExecutable = [
    "-static-executable", "-Xlinker", "--start-group", "-lFoundation", "-lFoundationInternationalization",
    "-lFoundationEssentials", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
    "-l_FoundationCollections", "-lswiftSynchronization", "-lswiftDispatch", "-lstdc++", "-lz", "-lm",
    "-Xlinker", "--end-group",
]

let package = Package(
    name: "Ganvas",
    products: [
        .executable(name: "ganvas", targets: ["ganvas"]),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),

        .target(name: "CTempFiles"),
        .target(name: "SafeFiles", dependencies: ["CTempFiles"]),
        .target(name: "TerminalText"),
        .target(name: "CHardware"),
        // Reads and validates untrusted model files: checked arithmetic, never -Ounchecked.
        .target(name: "ModelFile", dependencies: ["SafeFiles"]),
        .target(name: "Neural", dependencies: ["ModelFile", "CHardware"], swiftSettings: fastCode),
        .target(name: "Latent"),
        .target(name: "Imaging", dependencies: ["CPNG", "SafeFiles"], swiftSettings: fastCode),
        .target(name: "TermGraphics", dependencies: ["Imaging"], swiftSettings: fastCode),
        .target(name: "Styles", dependencies: ["Neural", "CHardware", "SafeFiles"], swiftSettings: fastCode),
        // A picture into a style: fitting, the encoder's guess, the search.
        .target(name: "Encoding", dependencies: ["Neural", "Imaging", "Latent"], swiftSettings: optimisedChecked),
        .target(name: "Gallery", dependencies: ["Imaging", "Latent", "Styles", "Neural", "ModelFile", "SafeFiles", "Encoding"]),
        .target(name: "Studio", dependencies: ["Imaging", "Latent", "TerminalText"]),
        .target(name: "CTerminalGuard"),
        .target(name: "TUI", dependencies: ["CNCursesW", "CTerminalGuard", "Studio", "TermGraphics", "Gallery", "Styles", "Neural", "SafeFiles", "Imaging", "Latent", "Encoding"]),
        .target(name: "GanvasCLI", dependencies: ["TUI", "Encoding", "SafeFiles", "CTempFiles", "TerminalText", "Neural", "Latent", "Imaging", "Styles", "Gallery", "TermGraphics"]),
        // The file parsers as fuzz targets (bench/fuzz.sh builds ganvas-fuzz with libFuzzer).
        .target(name: "FuzzTargets", dependencies: ["Neural", "Imaging", "Gallery", "Studio", "TUI", "Latent"]),
        .executableTarget(name: "ganvas-fuzz", dependencies: ["FuzzTargets"]),
        .executableTarget(
            name: "ganvas", dependencies: ["GanvasCLI"],
            linkerSettings: [.unsafeFlags(staticExecutable, .when(configuration: .release))]),

        .testTarget(name: "NeuralTests", dependencies: ["Neural", "Latent"], exclude: ["Fixtures", "Goldens"]),
        .testTarget(name: "LatentTests", dependencies: ["Latent"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding", "Neural", "Imaging", "Latent"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(name: "GalleryTests", dependencies: ["Gallery", "Neural", "SafeFiles", "Imaging"]),
        .testTarget(name: "StylesTests", dependencies: ["Styles"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "TerminalText", "Imaging"]),
        .testTarget(name: "StudioE2ETests", dependencies: ["ganvas", "Studio"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Studio", "Imaging", "TermGraphics", "Gallery", "SafeFiles", "Encoding", "Styles"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["ganvas", "Gallery", "Imaging", "Neural", "Studio", "TUI", "FuzzTargets"],
                    exclude: ["Crashers", "Corpus"]),
        .testTarget(name: "TermGraphicsTests", dependencies: ["TermGraphics", "Imaging"]),
        .testTarget(name: "CLITests", dependencies: ["ganvas", "TerminalText"], exclude: ["Fixtures"]),
    ]
)
