// swift-tools-version:6.0
import PackageDescription

// Which CPU the build is for. Hot loops need the vector units named (a SIMD16 FMA loop ran 160x
// faster here than without), so the default is this machine's own (`native`). A binary for other
// machines: GANVAS_CPU=x86-64-v3 (AVX2 and FMA: laptops since 2015) or GANVAS_CPU=x86-64 (any
// x86-64), e.g. `GANVAS_CPU=x86-64-v3 swift build -c release`; a native build from an AVX-512
// machine dies with SIGILL on an AVX2 one. Elsewhere (arm64) the compiler's default target is kept.
#if arch(x86_64)
let cpu = Context.environment["GANVAS_CPU"].flatMap { $0.isEmpty ? nil : $0 } ?? "native"
// Swift takes CPU names, not x86-64's levels: Haswell has x86-64-v3's features (AVX2, FMA, BMI2).
let swiftCPU = ["x86-64-v3": "haswell", "x86-64-v2": "nehalem"][cpu] ?? cpu
let cpuFlags = ["-Xcc", "-march=\(cpu)", "-target-cpu", swiftCPU]
#else
let cpuFlags: [String] = []
#endif

// Kernels whose indices were validated at load, optimised in debug builds too, so `swift test`
// runs the engine at a useful speed.
let fastCode: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"] + cpuFlags)]

// Optimised in debug builds too, with Swift's checks kept: for code that reads what users hand in.
let optimisedChecked: [SwiftSetting] = [.unsafeFlags(["-O"] + cpuFlags)]

// A fully static executable starts in 1.8 ms; with only the stdlib and Foundation static it took
// 5.4 ms (dynamic loading and 72,000 relocations of a PIE), more than img2sixel needs for a whole
// 256x256 picture (DESIGN.md). Static Foundation needs its CoreFoundation and ICU archives named,
// and ICU, libpng and ncurses their C++, zlib and maths libraries, inside the group. Linux only:
// macOS has no static executables.
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
        // Pictures and the PNG parsers: user files, so checks kept (never -Ounchecked).
        .target(name: "ImageFiles", dependencies: ["CPNG", "SafeFiles"], swiftSettings: optimisedChecked),
        // Resampling, palettes, dithering: kernels over pictures whose sizes ImageFiles checked.
        .target(name: "Imaging", dependencies: ["ImageFiles"], swiftSettings: fastCode),
        .target(name: "TermGraphics", dependencies: ["Imaging"], swiftSettings: fastCode),
        .target(name: "Styles", dependencies: ["Neural", "CHardware", "SafeFiles"], swiftSettings: fastCode),
        // A picture into a style: fitting, the encoder's guess, the search.
        .target(name: "Encoding", dependencies: ["Neural", "Imaging", "Latent"], swiftSettings: optimisedChecked),
        // The folder of pictures: recipes and provenance in PNGs, listing, tags, trash, thumbnails.
        // A recipe: the value that remakes a picture, its JSON and its checks (the studio and the gallery share it).
        .target(name: "Recipes", dependencies: ["Imaging", "ModelFile"]),
        .target(name: "Gallery", dependencies: ["Recipes", "Imaging", "Styles", "SafeFiles"]),
        // Recipes into pictures: loaded styles, the renderer and its edit directions, upscaled
        // exports, walks, pictures encoded into a style.
        .target(name: "PictureMaking", dependencies: ["Gallery", "Imaging", "Latent", "Styles", "Neural", "ModelFile", "SafeFiles", "Encoding", "Recipes"]),
        .target(name: "Studio", dependencies: ["Imaging", "Latent", "TerminalText", "Recipes"]),
        .target(name: "CTerminalGuard"),
        // The terminal: ncurses screen, keys and mouse, themes, escape sequences, preview formats.
        .target(name: "TUI", dependencies: ["CNCursesW", "Studio", "TermGraphics", "Styles", "SafeFiles"]),
        // The studio wired together: the main loop, the engine thread and its jobs, previews,
        // presets and names, the studio's benches.
        .target(name: "App", dependencies: ["TUI", "CTerminalGuard", "Studio", "TermGraphics", "Gallery", "PictureMaking", "Styles", "Neural", "SafeFiles", "Imaging", "Latent", "Encoding", "Recipes"]),
        .target(name: "GanvasCLI", dependencies: ["App", "TUI", "Encoding", "SafeFiles", "CTempFiles", "TerminalText", "Neural", "Latent",
            "Imaging", "ImageFiles", "Styles", "Gallery", "PictureMaking", "TermGraphics", "Recipes"]),
        // The file parsers as fuzz targets (bench/fuzz.sh builds ganvas-fuzz with libFuzzer).
        .target(name: "FuzzTargets", dependencies: ["Neural", "Imaging", "Gallery", "Studio", "TUI", "Latent", "Recipes"]),
        .executableTarget(name: "ganvas-fuzz", dependencies: ["FuzzTargets"]),
        .executableTarget(
            name: "ganvas", dependencies: ["GanvasCLI"],
            linkerSettings: [.unsafeFlags(staticExecutable, .when(platforms: [.linux], configuration: .release))]),

        // Helpers several test suites share (edited copies of model files); never in the product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NeuralTests", dependencies: ["Neural", "Latent", "Styles", "TestSupport"], exclude: ["Fixtures", "Goldens"]),
        .testTarget(name: "LatentTests", dependencies: ["Latent"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding", "Neural", "Imaging", "Latent", "TestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "ImageFiles", "Latent"]),
        .testTarget(name: "GalleryTests", dependencies: ["Gallery", "PictureMaking", "Neural", "SafeFiles", "Imaging", "Latent", "Recipes",
            "Styles"]),
        .testTarget(name: "StylesTests", dependencies: ["Styles"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "TerminalText", "Imaging", "Latent", "Recipes"]),
        .testTarget(name: "StudioE2ETests", dependencies: ["ganvas", "Studio", "TestSupport"]),
        .testTarget(name: "TUITests", dependencies: ["App", "TUI", "Studio", "Imaging", "TermGraphics", "Gallery", "PictureMaking", "SafeFiles", "Encoding", "Styles", "Recipes"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["ganvas", "Gallery", "Imaging", "Neural", "Studio", "TUI", "FuzzTargets", "Recipes"],
                    exclude: ["Crashers", "Corpus"]),
        .testTarget(name: "TermGraphicsTests", dependencies: ["TermGraphics", "Imaging", "Latent"]),
        .testTarget(name: "CLITests", dependencies: ["ganvas", "TerminalText", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
