import Foundation
import Gallery
import Imaging
import XCTest

/// `kill -9` at random moments while pictures are written: afterwards every visible file is a
/// whole PNG that decodes and carries its recipe (writes go to hidden temp files and are linked
/// into place only when complete).
final class KillTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ganvas").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : root.appendingPathComponent(".build/debug/ganvas").path
    }()
    static let tiny = root.appendingPathComponent("Tests/NeuralTests/Fixtures/tiny.safetensors").path

    /// Runs `arguments`, waits until its first file is visible (so every run checks something),
    /// kills it at a random moment after that, and checks every visible file. Returns how many
    /// files were checked in all.
    @discardableResult
    func killRandomly(_ arguments: [String], runs: Int, seed: UInt64, check: (String) throws -> Void) throws -> Int {
        var random = SeededRandom(state: seed)
        var checked = 0
        for run in 0..<runs {
            let dir = NSTemporaryDirectory() + "ganvas-kill-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let process = try Self.launch(arguments, dir: dir)
            let deadline = Date().addingTimeInterval(20)
            while Self.visibleFiles(dir).isEmpty && process.isRunning && Date() < deadline { usleep(2_000) }
            XCTAssertFalse(Self.visibleFiles(dir).isEmpty, "run \(run): no file appeared before the kill")
            usleep(UInt32(random.next() % 150_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let visible = Self.visibleFiles(dir)
            for file in visible {
                XCTAssertNoThrow(try check(dir + "/" + file), "run \(run): \(file) is damaged")
            }
            checked += visible.count
        }
        XCTAssertGreaterThanOrEqual(checked, runs, "each run checks at least one file")
        return checked
    }

    /// Starts ganvas with `arguments` ("DIR" standing for `dir`), its output discarded.
    static func launch(_ arguments: [String], dir: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments.map { $0 == "DIR" ? dir : $0 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func visibleFiles(_ dir: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: dir)) ?? []).filter {
            !($0 as NSString).lastPathComponent.hasPrefix(".") && ($0.hasSuffix(".png") || $0.hasSuffix(".gif"))
        }
    }

    func checkPNG(_ path: String) throws {
        if path.hasSuffix(".gif") {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            XCTAssertEqual(Array(bytes.prefix(6)), Array("GIF89a".utf8))
            XCTAssertEqual(bytes.last, 0x3B)
            return
        }
        let (image, text) = try PNGCodec.read(path: path)
        XCTAssertGreaterThan(image.width, 0)
        _ = try Provenance.recipe(in: text)
    }

    /// Two writers racing for the same names: every picture lands under its own name.
    func testConcurrentWritersNeverCollide() throws {
        let dir = NSTemporaryDirectory() + "ganvas-race-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writers = (0..<3).map { _ -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.executable)
            process.arguments = ["generate", "--style", Self.tiny, "--seed", "1", "--count", "15", "--out", dir]
            process.standardOutput = FileHandle.nullDevice
            return process
        }
        for writer in writers { try writer.run() }
        for writer in writers { writer.waitUntilExit(); XCTAssertEqual(writer.terminationStatus, 0) }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(files.count, 45)
        XCTAssertTrue(files.contains("tiny-1.png") && files.contains("tiny-1-2.png") && files.contains("tiny-1-3.png"))
        for file in files { try checkPNG(dir + "/" + file) }
    }

    func testKillDuringGenerate() throws {
        try killRandomly(["generate", "--style", Self.tiny, "--count", "60", "--size", "384", "--out", "DIR"], runs: 12, seed: 1,
            check: checkPNG)
    }

    func testKillDuringWalkExport() throws {
        try killRandomly(["interpolate", "--style", Self.tiny, "--from", "1", "--to", "2", "--frames", "60", "--out", "DIR"], runs: 8,
            seed: 2, check: checkPNG)
    }
}

struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// SIGTERM (and SIGINT, SIGHUP) while a command writes: no hidden partial temp file stays in the
/// folder the user named, and a walk removes its partial frames and says so (issue 25.13).
final class SignalCleanupTests: XCTestCase {
    func run(_ arguments: [String], signal: Int32, after: (String) -> Bool) throws -> (dir: String, status: Int32) {
        let dir = NSTemporaryDirectory() + "ganvas-signal-\(UUID().uuidString)"
        let process = try KillTests.launch(arguments, dir: dir)
        let deadline = Date().addingTimeInterval(20)
        while !after(dir) && process.isRunning && Date() < deadline { usleep(1_000) }
        XCTAssertTrue(process.isRunning, "the command was still at work when signalled")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (dir, process.terminationStatus)
    }

    func entries(_ dir: String) -> [String] { (try? FileManager.default.subpathsOfDirectory(atPath: dir)) ?? [] }

    func testATermSignalLeavesNoTempFileInTheOutputFolder() throws {
        var caught = 0
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            for _ in 0..<2 {
                // Large pictures, so a signal often lands while one is being written.
                let (dir, _) = try run(["generate", "--style", KillTests.tiny, "--count", "40", "--size", "2048", "--out", "DIR"],
                    signal: signal) { dir in
                    self.entries(dir).contains { ($0 as NSString).lastPathComponent.hasPrefix(".ganvas-tmp-") }
                }
                defer { try? FileManager.default.removeItem(atPath: dir) }
                caught += 1
                XCTAssertEqual(entries(dir).filter { $0.contains(".ganvas-tmp-") }, [], "signal \(signal)")
            }
        }
        XCTAssertEqual(caught, 6)
    }

    func testAnInterruptedWalkRemovesItsPartialFrames() throws {
        let walk = ["interpolate", "--style", KillTests.tiny, "--from", "1", "--to", "2", "--frames", "200", "--size", "512",
                    "--out", "DIR"]
        let (dir, status) = try run(walk, signal: SIGTERM) { dir in self.entries(dir).contains { $0.hasSuffix("frame-003.png") } }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertEqual(status, 130)
        XCTAssertEqual(entries(dir), [], "no frames folder, no temp file")
    }
}
