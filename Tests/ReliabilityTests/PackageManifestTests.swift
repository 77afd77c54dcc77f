import Foundation
import XCTest

/// Package.swift declares exactly the modules each target imports (system modules aside, and the
/// executables tests depend on so that they are built): no hidden transitive imports, no stale
/// dependencies.
final class PackageManifestTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
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
        for target in matches(#"\.(?:target|executableTarget|testTarget)\(\s*name: "([\w-]+)"(?:, dependencies: \[([^\]]*)\])?"#, in: package) {
            let declared = Set(matches(#""([\w-]+)""#, in: target[2]).map { $0[1] }).subtracting(executables)
            let folder = [Self.root + "/Sources/" + target[1], Self.root + "/Tests/" + target[1]].first { FileManager.default.fileExists(atPath: $0) }!
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
}
