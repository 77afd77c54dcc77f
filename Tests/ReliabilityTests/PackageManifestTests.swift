import Foundation
import XCTest

/// Package.swift declares exactly the modules each target imports (system modules aside, and the
/// executables tests depend on so that they are built): no hidden transitive imports, no stale
/// dependencies.
final class PackageManifestTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let system: Set<String> = ["Foundation", "FoundationXML", "Glibc", "XCTest", "Dispatch", "Darwin", "Synchronization", "Testing"]

    func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { i in Range(match.range(at: i), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    func testEveryTargetDeclaresWhatItImports() throws {
        let package = try String(contentsOfFile: Self.root + "/Package.swift", encoding: .utf8)
        let executables = Set(matches(#"\.executableTarget\(\s*name: "([\w-]+)""#, in: package).map { $0[1] })
        var checked = 0
        for target in matches(#"\.(?:target|executableTarget|testTarget)\(\s*name: "([\w-]+)"(?:, dependencies: \[([^\]]*)\])?"#,
            in: package) {
            let declared = Set(matches(#""([\w-]+)""#, in: target[2]).map { $0[1] }).subtracting(executables)
            let folder = [Self.root + "/Sources/" + target[1],
                Self.root + "/Tests/" + target[1]].first { FileManager.default.fileExists(atPath: $0) }!
            var imported: Set<String> = []
            for case let file as String in FileManager.default.enumerator(atPath: folder)! where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                imported.formUnion(matches(#"^\s*(?:@\w+\s+)*import\s+(\w+)"#, in: text).map { $0[1] })
            }
            XCTAssertEqual(imported.subtracting(Self.system), declared, "\(target[1]): what it imports vs what Package.swift declares")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }

    /// The module map's "never" rules (README "How it is built"): the studio's logic knows no
    /// terminal and no engine, the engine and the renderers know no app, and the file parsers
    /// know nothing above them. A target that imports what its rule forbids fails here.
    static let never: [String: Set<String>] = [
        "Studio": ["TUI", "CNCursesW", "Neural", "Gallery", "Styles", "TermGraphics", "Encoding", "GanvasCLI"],
        "Neural": ["Imaging", "ImageFiles", "TermGraphics", "Studio", "TUI", "Gallery", "Styles", "Encoding"],
        "ModelFile": ["Neural", "Imaging", "ImageFiles", "Styles", "Gallery", "Studio", "TUI"],
        "ImageFiles": ["Imaging", "Neural", "TermGraphics", "Studio", "TUI", "Gallery"],
        "Imaging": ["Neural", "TermGraphics", "Studio", "TUI", "Gallery", "Styles"],
        "TermGraphics": ["Neural", "Studio", "TUI", "Gallery", "Styles", "CNCursesW"],
        "Latent": ["Neural", "Imaging", "Studio", "TUI", "Gallery"],
        "Encoding": ["TUI", "Studio", "Gallery", "CNCursesW"],
        "Recipes": ["Neural", "Gallery", "PictureMaking", "Studio", "TUI", "Styles", "App", "GanvasCLI"],
        "Gallery": ["Neural", "Encoding", "PictureMaking", "TUI", "Studio", "CNCursesW", "GanvasCLI"],
        "PictureMaking": ["TUI", "Studio", "CNCursesW", "GanvasCLI"],
        "TUI": ["Neural", "PictureMaking", "Gallery", "Encoding", "Latent", "App", "GanvasCLI"],
        "App": ["GanvasCLI"],
    ]

    func testTheModuleMapsNeverRulesHold() throws {
        var checked = 0
        for (target, forbidden) in Self.never {
            let folder = Self.root + "/Sources/" + target
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder), "\(target) is no module any more: update the rules")
            var imported: Set<String> = []
            for case let file as String in FileManager.default.enumerator(atPath: folder)! where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                imported.formUnion(matches(#"^\s*(?:@\w+\s+)*import\s+(\w+)"#, in: text).map { $0[1] })
            }
            XCTAssertEqual(imported.intersection(forbidden), [], "\(target) imports what it must never import")
            checked += 1
        }
        XCTAssertEqual(checked, Self.never.count)
    }

    /// The README's module map ("How it is built") names every module Package.swift builds, and
    /// no module that is gone: a newcomer finds each one from there.
    func testTheReadmesModuleMapMatchesThePackage() throws {
        let package = try String(contentsOfFile: Self.root + "/Package.swift", encoding: .utf8)
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let built = Set(matches(#"\.(?:target|executableTarget|systemLibrary)\(\s*name: "([\w-]+)""#, in: package).map { $0[1] })
        // Test-only modules (a target whose folder is under Tests/) are mapped by that folder.
        let mapped = Set(matches(#"`Sources/([\w-]+)`"#, in: readme).map { $0[1] })
            .union(Set(matches(#"`Tests/([\w-]+)`"#, in: readme).map { $0[1] }).intersection(built))
        XCTAssertGreaterThan(built.count, 15, "the targets were found")
        XCTAssertEqual(built.subtracting(mapped), [], "modules the README's map leaves out")
        XCTAssertEqual(mapped.subtracting(built), [], "modules the README's map names that Package.swift does not build")
    }

    /// Lines stay readable side by side in a review: none in Sources or Tests runs past 140 columns.
    func testNoSwiftLineIsLongerThan140Characters() throws {
        var files = 0
        var long: [String] = []
        for folder in ["Sources", "Tests"] {
            let path = Self.root + "/" + folder
            for case let file as String in FileManager.default.enumerator(atPath: path)! where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.count > 140 {
                    long.append("\(folder)/\(file):\(n + 1)")
                }
                files += 1
            }
        }
        XCTAssertGreaterThan(files, 100, "the sources were found")
        XCTAssertEqual(long, [], "lines over 140 characters")
    }

    /// Parsers of files users hand in (model files, PNGs, recipes, themes, presets) are never
    /// built -Ounchecked: only the kernels are (`fastCode` in Package.swift).
    func testNoParserOfUserFilesIsBuiltUnchecked() throws {
        let package = try String(contentsOfFile: Self.root + "/Package.swift", encoding: .utf8)
        let unchecked = Set(matches(#"\.target\(name: "(\w+)"[^\n]*swiftSettings: fastCode"#, in: package).map { $0[1] })
        XCTAssertFalse(unchecked.isEmpty, "the kernels' targets were found")
        for parser in ["ModelFile", "ImageFiles", "Recipes", "Gallery", "Studio", "TUI", "App", "Encoding", "SafeFiles", "GanvasCLI"] {
            XCTAssertFalse(unchecked.contains(parser), "\(parser) parses user files and is built -Ounchecked")
        }
        XCTAssertTrue(package.contains(#""-Ounchecked""#) && package.contains("let fastCode"), "fastCode is what -Ounchecked is")
    }
}
