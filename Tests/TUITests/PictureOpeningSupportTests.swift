import Foundation
import Gallery
import SafeFiles
import Studio
import XCTest
@testable import App
@testable import TUI

/// The terminal side of `o`: path completion against a real folder, and encoded pictures
/// through recipes and back.
final class PictureOpeningSupportTests: XCTestCase {
    func testTabCompletesFoldersAndPNGsAsFarAsTheyAgree() throws {
        let root = NSTemporaryDirectory() + "ganvas-complete-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/pics/inner", withIntermediateDirectories: true)
        for name in ["cat.png", "car.PNG", "notes.txt", ".hidden.png"] {
            _ = FileManager.default.createFile(atPath: root + "/pics/" + name, contents: Data())
        }
        var (text, choices) = PathCompletion.complete(root + "/pi", home: "")
        XCTAssertEqual(text, root + "/pics/")
        XCTAssertEqual(choices, ["pics/"])
        (text, choices) = PathCompletion.complete(root + "/pics/", home: "")
        XCTAssertEqual(choices, ["car.PNG", "cat.png", "inner/"], "PNGs and folders, no hidden files, no other files")
        XCTAssertEqual(text, root + "/pics/")
        (text, choices) = PathCompletion.complete(root + "/pics/ca", home: "")
        XCTAssertEqual(text, root + "/pics/ca")
        XCTAssertEqual(choices, ["car.PNG", "cat.png"])
        (text, _) = PathCompletion.complete(root + "/pics/cat", home: "")
        XCTAssertEqual(text, root + "/pics/cat.png")
        (text, choices) = PathCompletion.complete("~/pics/n", home: root)
        XCTAssertEqual(text, "~/pics/n", "nothing matches: unchanged")
        XCTAssertEqual(choices, [])
        (text, _) = PathCompletion.complete("~/pics/i", home: root)
        XCTAssertEqual(text, "~/pics/inner/", "the home folder is expanded to look, kept as typed")
        // A name that is not UTF-8 completes to a path that opens the very file.
        let raw = FileNames.systemBytes(root + "/pics/inner/") + [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x70, 0x6E, 0x67]  // "caf\xE9.png"
        let fd = raw.withUnsafeBufferPointer { bytes in
            (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        (text, _) = PathCompletion.complete(root + "/pics/inner/c", home: "")
        XCTAssertEqual(FileNames.systemBytes(text), raw)
        XCTAssertGreaterThanOrEqual(PathCalls.access(text, F_OK), 0)
    }
}
