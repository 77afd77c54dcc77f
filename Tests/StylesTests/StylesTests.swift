import Foundation
import Styles
import XCTest

final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8), hardware: false), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The SHA-extension path agrees with the portable one at every length around block edges.
    func testHardwareAndPortableAgree() throws {
        guard SHA256.hardwareAvailable else { throw XCTSkip("this CPU has no SHA extensions") }
        var state: UInt32 = 7
        let bytes = (0..<5_000).map { _ -> UInt8 in state = state &* 1_664_525 &+ 1_013_904_223; return UInt8(state >> 24) }
        for count in Array(0...200) + [1_000, 4_095, 4_096, 4_097, 5_000] {
            let part = Array(bytes.prefix(count))
            XCTAssertEqual(SHA256.hex(part, hardware: true), SHA256.hex(part, hardware: false), "\(count) bytes")
        }
    }
}

final class StyleCatalogTests: XCTestCase {
    let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NeuralTests/Fixtures/tiny.safetensors").path

    func testEarlierFoldersWinAndBadFilesAreReported() throws {
        let root = NSTemporaryDirectory() + "ganvas-styles-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["a", "b"] { try FileManager.default.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: tiny, toPath: "\(root)/a/first.safetensors")
        try FileManager.default.copyItem(atPath: tiny, toPath: "\(root)/b/second.safetensors")
        _ = FileManager.default.createFile(atPath: "\(root)/b/broken.safetensors", contents: Data("garbage".utf8))
        let catalog = StyleCatalog(directories: ["\(root)/a", "\(root)/b"])
        let (styles, refused) = catalog.list()
        XCTAssertEqual(styles.map(\.name), ["tiny"])
        XCTAssertEqual(styles.first?.path, "\(root)/a/first.safetensors")
        XCTAssertEqual(refused.map(\.path), ["\(root)/b/broken.safetensors"])
        XCTAssertEqual(try catalog.style("tiny").card.resolution, 16)
        XCTAssertEqual(try catalog.style(tiny).name, "tiny")
        XCTAssertThrowsError(try catalog.style("nope")) { XCTAssertTrue("\($0)".contains("installed: tiny")) }
    }

    func testSearchPathOrder() {
        let catalog = StyleCatalog(environment: ["GANVAS_MODELS": "/x:/y", "HOME": "/h"])
        XCTAssertEqual(Array(catalog.directories.prefix(3)), ["/x", "/y", "/h/.local/share/ganvas/models"])
        XCTAssertTrue(catalog.directories.last!.hasSuffix("/models"))
    }
}
