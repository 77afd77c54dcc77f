import Foundation
import Glibc
import Neural
import XCTest

/// Loading a model and running it, again and again, gives its memory back each time (the fast
/// plan's packed layers leaked once: the model fuzzer ran out of memory after 50,000 loads).
final class LoadLeakTests: XCTestCase {
    func testRepeatedLoadsDoNotGrowTheHeap() throws {
        // AddressSanitizer keeps freed memory in quarantine (256 MB), so resident size grows there
        // whatever the code does: bench/asan-tests.sh (which sets ASAN_OPTIONS) checks other things.
        if ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil {
            throw XCTSkip("resident size means nothing under AddressSanitizer")
        }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny.safetensors").path
        func loadAndRun() throws {
            let generator = try Generator(path: path)
            _ = generator.forward(Tensor(zeros: [1, generator.latentDim]))
        }
        for _ in 0..<5 { try loadAndRun() }  // warm caches and the allocator
        let before = try residentBytes()
        for _ in 0..<400 { try loadAndRun() }
        let grown = try residentBytes() - before
        // The tiny model's packed layers are about 70 KB a load: 400 leaked loads would be ~28 MB.
        XCTAssertLessThan(grown, 6 << 20, "resident memory grew by \(grown) bytes over 400 loads")
    }

    /// Resident set size, from /proc/self/statm (pages).
    func residentBytes() throws -> Int {
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
