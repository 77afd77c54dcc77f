import Foundation
import XCTest

/// The README's command lines, run as written (issue 23.6: `ganvas --symbols sextants`, as the
/// README gave it, was an unknown command).
extension CLIProcessTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    /// The `ganvas …` lines of the README's sh blocks, comments taken off, split into words.
    static func readmeCommandLines() throws -> [[String]] {
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        var inBlock = false, lines: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inBlock = line == "```sh"; continue }
            guard inBlock, line.hasPrefix("ganvas ") else { continue }
            let command = line.components(separatedBy: "  #")[0]
            lines.append(command.split(separator: " ").map(String.init))
        }
        return lines
    }

    /// Every example line runs and exits 0, with the shipped styles, in order (later lines use
    /// what earlier ones made: a.png, the gallery).
    func testTheReadmesExampleCommandsRun() throws {
        let lines = try Self.readmeCommandLines()
        XCTAssertGreaterThanOrEqual(lines.count, 10, "the README's examples were found")
        // The files the examples take that no earlier line makes.
        let picture = Self.readme.replacingOccurrences(of: "README.md", with: "Tests/ReliabilityTests/Corpus/png/tiny-3.png")
        try FileManager.default.copyItem(atPath: picture, toPath: work + "/b.png")
        try FileManager.default.copyItem(atPath: picture, toPath: work + "/photo.png")
        let shipped = ["HOME": work, "XDG_PICTURES_DIR": work + "/pictures", "PATH": "/usr/bin:/bin"]
        for words in lines {
            let result = try launch(Self.executable, Array(words.dropFirst()), environment: shipped)
            XCTAssertEqual(result.status, 0, "\(words.joined(separator: " ")): \(result.err)")
        }
        for made in ["a.png", "big", "out/contact-sheet.png", "mine.png", "pictures/ganvas"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: work + "/" + made), "\(made) was not made")
        }
    }

    /// The studio's command lines in the README's text (`ganvas`, `ganvas --theme light`, …)
    /// are understood: without a terminal they say the studio needs one, not "unknown command".
    func testTheReadmesStudioCommandsAreUnderstood() throws {
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let spans = text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let studio = Set(spans.filter { $0 == "ganvas" || $0.hasPrefix("ganvas --") })
        XCTAssertGreaterThanOrEqual(studio.count, 3, "found: \(studio)")
        for line in studio.sorted() {
            let result = try run(Array(line.split(separator: " ").dropFirst().map(String.init)))
            XCTAssertEqual(result.status, 1, "\(line): \(result.err)")
            XCTAssertTrue(result.err.contains("the studio needs a terminal"), "\(line): \(result.err)")
        }
    }
}
