import Foundation
import Neural
import TestSupport
import XCTest

/// Bad model files are refused with one clear line, never a crash.
final class LoaderRefusalTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "ganvas-loader-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes `bytes` to a temp file and returns the loader's error message.
    func refusal(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> String {
        let path = directory + "/model-\(UUID().uuidString).safetensors"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        do {
            _ = try Generator(path: path)
            XCTFail("loaded a bad file", file: file, line: line)
            return ""
        } catch {
            let message = "\(error)"
            XCTAssertFalse(message.contains("\n"), "error is more than one line: \(message)", file: file, line: line)
            return message
        }
    }

    var tinyBytes: [UInt8] { [UInt8](FileManager.default.contents(atPath: Fixtures.path("tiny.safetensors"))!) }

    /// The tiny model's header, edited, with its original tensor bytes.
    func withHeader(_ edit: (inout [String: Any]) -> Void) -> [UInt8] {
        try! SafetensorsHeaderEdit.edited(tinyBytes, edit)
    }

    /// The tiny model with card entries set.
    func withCard(_ entries: [String: String]) -> [UInt8] { try! SafetensorsHeaderEdit.withMetadata(tinyBytes, entries) }

    func lengthPrefix(_ n: UInt64) -> [UInt8] { SafetensorsHeaderEdit.lengthPrefix(n) }

    func testTruncatedFile() {
        let bytes = tinyBytes
        let cut = refusal(Array(bytes.prefix(bytes.count - 10)))
        XCTAssertTrue(cut.contains("stray bytes") || cut.contains("outside"))
        XCTAssertTrue(refusal(Array(bytes.prefix(5))).contains("too short"))
        XCTAssertTrue(refusal([]).contains("too short"))
    }

    /// Listing styles reads every header: a file cannot make that cost seconds and gigabytes.
    func testHugeHeadersAndTensorCountsAreRefused() {
        XCTAssertTrue(refusal(lengthPrefix(2 << 20) + [UInt8](repeating: 0x20, count: 2 << 20)).contains("limit"))
        let entries = (0..<5000).map { "\"t\($0)\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}" }.joined(separator: ",")
        let json = [UInt8](("{" + entries + "}").utf8)
        XCTAssertLessThan(json.count, SafetensorsFile.maxHeaderBytes)
        XCTAssertTrue(refusal(lengthPrefix(UInt64(json.count)) + json).contains("the limit is 4096 tensors"))
    }

    func testHeaderLengthBeyondTheFileOrAbsurd() {
        XCTAssertTrue(refusal(lengthPrefix(5000) + Array("{}".utf8)).contains("past the end"))
        XCTAssertTrue(refusal(lengthPrefix(UInt64.max) + Array("{}".utf8)).contains("limit"))
    }

    func testHeaderThatIsNotJSON() {
        let garbage = Array("{\"a\": [1, 2".utf8)
        XCTAssertTrue(refusal(lengthPrefix(UInt64(garbage.count)) + garbage).contains("not valid JSON"))
        let list = Array("[1,2,3]".utf8)
        XCTAssertTrue(refusal(lengthPrefix(UInt64(list.count)) + list).contains("not a JSON object"))
    }

    func testWrongShape() {
        let bytes = withHeader { header in
            var entry = header["conv3.weight"] as! [String: Any]
            let shape = entry["shape"] as! [Int]
            entry["shape"] = [shape[1], shape[0], shape[2], shape[3]]
            header["conv3.weight"] = entry
        }
        XCTAssertTrue(refusal(bytes).contains("conv3.weight"))
    }

    func testShapeThatLiesAboutItsSize() {
        let bytes = withHeader { header in
            var entry = header["conv3.bias"] as! [String: Any]
            entry["shape"] = [1 << 40, 1 << 40]
            header["conv3.bias"] = entry
        }
        XCTAssertTrue(refusal(bytes).contains("conv3.bias"))
    }

    func testOverlappingOffsets() {
        let bytes = withHeader { header in
            // conv3.bias (3 floats) pointed into the middle of bn2.bias's bytes.
            var a = header["conv3.bias"] as! [String: Any]
            let b = header["bn2.bias"] as! [String: Any]
            let start = (b["data_offsets"] as! [Int])[0]
            a["data_offsets"] = [start, start + 12]
            header["conv3.bias"] = a
        }
        XCTAssertTrue(refusal(bytes).contains("overlaps"))
    }

    func testUnsupportedDtypeAndMissingTensor() {
        XCTAssertTrue(refusal(withHeader { header in
            var entry = header["conv3.bias"] as! [String: Any]
            entry["dtype"] = "I64"
            header["conv3.bias"] = entry
        }).contains("I64"))
        let arch = try! SafetensorsFile(bytes: tinyBytes).metadata["ganvas.arch"]!
        XCTAssertTrue(refusal(withCard(["ganvas.arch": arch.replacingOccurrences(of: "conv3.bias", with: "nowhere.bias")]))
            .contains("nowhere.bias"))
    }

    func testCardMustMatchTheArchitecture() {
        XCTAssertTrue(refusal(withCard(["ganvas.resolution": "32"])).contains("promises"))
        XCTAssertTrue(refusal(withCard(["ganvas.arch": #"[{"op": "teleport"}]"#])).contains("teleport"))
        XCTAssertTrue(refusal(withHeader { header in
            header["__metadata__"] = ["name": "x"]
        }).contains("not a Ganvas model"))
    }

    /// A small weight can still ask for a huge tap table (every output pixel lists what each tap
    /// reads): such layers are refused when the architecture is checked, before anything is allocated.
    func testKernelThatWouldReadTooManyTaps() throws {
        let arch = try Architecture(json: #"[{"op": "conv2d", "weight": "w", "stride": 1, "padding": 30}]"#)
        XCTAssertThrowsError(try arch.shapes(input: [1, 4000, 4000], tensorShapes: ["w": [1, 1, 61, 61]])) {
            XCTAssertTrue("\($0)".contains("more than the engine handles"), "\($0)")
        }
        XCTAssertNoThrow(try arch.shapes(input: [1, 64, 64], tensorShapes: ["w": [1, 1, 61, 61]]))
        let transposed = try Architecture(json: #"[{"op": "conv_transpose2d", "weight": "w", "stride": 1, "padding": 0}]"#)
        XCTAssertThrowsError(try transposed.shapes(input: [1, 8, 8], tensorShapes: ["w": [1, 1, 65, 65]]))
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try Generator(path: directory + "/nope.safetensors"))
        XCTAssertThrowsError(try Generator(path: directory)) { XCTAssertTrue("\($0)".contains("directory")) }
    }

    /// An architecture checked against the tiny model's tensors, from its JSON; the error's text.
    func architectureRefusal(_ json: String, input: [Int] = [16], file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let architecture = try Architecture(json: json)
            _ = try architecture.shapes(input: input, tensorShapes: ["w": [4, 4, 3, 3]])
            XCTFail("accepted \(json)", file: file, line: line)
            return ""
        } catch {
            let message = "\(error)"
            XCTAssertFalse(message.contains("\n"), file: file, line: line)
            return message
        }
    }

    func testGraphWiringMistakes() {
        XCTAssertTrue(architectureRefusal(#"[{"op": "relu", "inputs": ["later"]}, {"op": "relu", "name": "later"}]"#)
            .contains("no earlier layer"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "relu", "name": "a"}, {"op": "relu", "name": "a"}]"#).contains("taken"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "relu", "name": "input"}]"#).contains("name"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "relu", "name": "a\u001b[31m"}]"#).contains("name"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "add"}]"#).contains("needs 2"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "relu", "inputs": ["input", "input"]}]"#).contains("needs 1"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "relu", "inputs": [3]}]"#).contains("other than a layer"))
    }

    func testGraphShapeMistakes() {
        let image = [4, 6, 6]
        XCTAssertTrue(architectureRefusal(#"[{"op": "avg_pool", "kernel": 4}]"#, input: image).contains("does not divide"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "pixel_shuffle", "factor": 3}]"#, input: image).contains("divisible"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "glu"}, {"op": "glu"}, {"op": "glu"}]"#, input: image).contains("even"))
        let pooled = #"[{"op": "global_avg_pool", "name": "g"}, {"op": "avg_pool", "kernel": 2, "inputs": ["input"]}, "#
            + #"{"op": "mul", "inputs": ["g", "input"]}]"#
        XCTAssertTrue(architectureRefusal(pooled, input: image).contains("multiply"))
        let joined = #"[{"op": "avg_pool", "kernel": 2, "name": "p"}, {"op": "concat", "inputs": ["p", "input"]}]"#
        XCTAssertTrue(architectureRefusal(joined, input: image).contains("join"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "glu", "name": "h"}, {"op": "add", "inputs": ["h", "input"]}]"#,
            input: image).contains("cannot add"))
        XCTAssertTrue(architectureRefusal(#"[{"op": "glu"}]"#, input: [16]).contains("[C, H, W]"))
    }

    /// Sides whose product wraps past Int.max are refused, not trusted (the engine sizes buffers from them).
    func testShapeProductsThatOverflowAreRefused() {
        let huge = "4611686018427387904"  // 2^62: 2^62 · 4 wraps to 0
        XCTAssertFalse(architectureRefusal("[{\"op\": \"reshape\", \"shape\": [\(huge), 4]}]").isEmpty)
        XCTAssertTrue(architectureRefusal(#"[{"op": "pixel_shuffle", "factor": 16}, {"op": "pixel_shuffle", "factor": 16}]"#,
            input: [65536, 4096, 4096]).contains("too large")
            || architectureRefusal(#"[{"op": "pixel_shuffle", "factor": 16}]"#, input: [65536, 4096, 4096]).contains("shape"))
        let up16 = #"{"op": "upsample", "mode": "nearest", "scale": 16}"#
        XCTAssertFalse(architectureRefusal("[\(up16), \(up16), \(up16)]", input: [1, 4096, 4096]).isEmpty)
    }

    /// A FIFO named like a model (in a models folder, or given to --style) is refused, not waited on.
    func testFIFOIsRefusedWithoutWaiting() throws {
        let path = directory + "/pipe.safetensors"
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var message = ""
        Thread.detachNewThread {
            do { _ = try SafetensorsFile.readHeader(path: path) } catch { message = "\(error)" }
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "opening a FIFO blocked")
        XCTAssertTrue(message.contains("not a regular file"), message)
    }
}
