import Foundation
import FuzzTargets
import XCTest

/// The libFuzzer corpus (Corpus/TARGET, seeds plus what bench/fuzz.sh kept) and every crasher it
/// found (Crashers/TARGET) replayed through the very functions the fuzzer runs: none may crash.
final class FuzzCorpusTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func inputs(_ folder: String, _ target: String) -> [[UInt8]] {
        let dir = Self.here.appendingPathComponent("\(folder)/\(target)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().compactMap {
            FileManager.default.contents(atPath: dir + "/" + $0).map { [UInt8]($0) }
        }
    }

    func testCorpusAndCrashersReplayWithoutCrashing() {
        for target in FuzzTargets.names {
            let corpus = inputs("Corpus", target), crashers = inputs("Crashers", target)
            XCTAssertFalse(corpus.isEmpty, "no corpus for \(target)")
            let accepted = corpus.filter { FuzzTargets.run(target, $0) }.count
            XCTAssertGreaterThan(accepted, 0, "\(target): the seeds themselves must be valid inputs")
            for input in crashers { FuzzTargets.run(target, input) }
            print("fuzz corpus \(target): \(corpus.count) inputs (\(accepted) accepted), \(crashers.count) crashers replayed")
        }
    }
}
