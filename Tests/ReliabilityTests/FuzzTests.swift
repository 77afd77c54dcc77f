import Foundation
import Gallery
import Imaging
import Neural
import Recipes
import Studio
import TUI
import XCTest

/// Seeded mutation fuzzing of every parser that reads files a person or the world can hand us:
/// model headers, PNG chunks and pixels, recipes, themes, presets. Each mutant must be accepted
/// or refused with an error — never a crash or a hang. Inputs that once crashed live in
/// Tests/ReliabilityTests/Crashers and are replayed first.
final class FuzzTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.deletingLastPathComponent().appendingPathComponent("NeuralTests/Fixtures")
    static let runs = 1500

    /// Bit flips, byte changes, truncation, duplication, insertion, and numbers rewritten.
    struct Mutator {
        var random: SeededRandom
        /// Mutate only the first `focus` bytes (a model's header, not its weights), when set.
        var focus: Int?
        mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }
        mutating func position(_ count: Int) -> Int { pick(min(count, focus ?? count)) }

        mutating func mutate(_ input: [UInt8]) -> [UInt8] {
            var bytes = input
            for _ in 0...pick(4) {
                guard !bytes.isEmpty else { return [UInt8(pick(256))] }
                switch pick(7) {
                case 0: bytes[position(bytes.count)] ^= UInt8(1 << pick(8))
                case 1: bytes[position(bytes.count)] = [0, 0xFF, 0x7F, 0x80, UInt8(ascii: "9"), UInt8(ascii: "-")][pick(6)]
                case 2: bytes.removeLast(pick(bytes.count))
                case 3:
                    let start = position(bytes.count), length = min(pick(64), bytes.count - start)
                    bytes.insert(contentsOf: bytes[start..<(start + length)], at: position(bytes.count))
                case 4: bytes.insert(UInt8(pick(256)), at: position(bytes.count))
                case 5:
                    let start = position(bytes.count)
                    bytes.removeSubrange(start..<min(start + pick(32), bytes.count))
                default:
                    // A digit becomes a huge number: the classic lie about sizes and offsets.
                    let digits = bytes.indices.prefix(focus ?? bytes.count).filter { (48...57).contains(bytes[$0]) }
                    if let digit = digits.randomElementSeeded(&self) {
                        bytes.replaceSubrange(digit...digit, with: Array("99999999999999999999".utf8))
                    }
                }
            }
            return bytes
        }
    }

    /// Feeds `runs` mutants of the corpus to `parse` (after the saved crashers); `repair` may fix
    /// up each mutant first (PNG CRCs, so mutants get past the checksum into the decoder).
    /// Prints and returns how many were accepted and refused.
    @discardableResult
    func fuzz(_ name: String, seed: UInt64, corpus: [[UInt8]], focus: Int? = nil, repair: ([UInt8]) -> [UInt8] = { $0 },
              _ parse: ([UInt8]) throws -> Void) -> (accepted: Int, refused: Int) {
        for crasher in crashers(name) { _ = try? parse(crasher) }
        var mutator = Mutator(random: SeededRandom(state: seed), focus: focus)
        var accepted = 0
        for _ in 0..<Self.runs {
            let input = repair(mutator.mutate(corpus[mutator.pick(corpus.count)]))
            if (try? parse(input)) != nil { accepted += 1 }
        }
        print("fuzz \(name): \(Self.runs) mutants, \(accepted) accepted, \(Self.runs - accepted) refused")
        // A target that accepts nothing or everything is not being fuzzed where it matters.
        XCTAssertGreaterThan(accepted, 0, "\(name): every mutant was refused")
        XCTAssertLessThan(accepted, Self.runs, "\(name): no mutant was refused")
        return (accepted, Self.runs - accepted)
    }

    /// Recomputes every chunk's CRC where the chunk layout still holds.
    static func fixingCRCs(_ input: [UInt8]) -> [UInt8] {
        var bytes = input, position = 8
        while position + 12 <= bytes.count {
            let length = Int(PNGChunks.readUInt32(bytes, position))
            guard length <= bytes.count - position - 12 else { break }
            let crc = CRC32.checksum(bytes[(position + 4)..<(position + 8 + length)])
            bytes.replaceSubrange((position + 8 + length)..<(position + 12 + length),
                                  with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
            position += 12 + length
        }
        return bytes
    }

    func crashers(_ name: String) -> [[UInt8]] {
        let dir = Self.here.appendingPathComponent("Crashers/\(name)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().compactMap {
            FileManager.default.contents(atPath: dir + "/" + $0).map { [UInt8]($0) }
        }
    }

    func testModelFiles() throws {
        let tiny = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("tiny.safetensors")))
        let f16 = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("tiny_f16.safetensors")))
        let header = 8 + Int(tiny[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        fuzz("model", seed: 11, corpus: [tiny, f16], focus: header) { bytes in
            let generator = try Generator(file: SafetensorsFile(bytes: bytes))
            // Whatever loads must also run (small ones only: cost is not what is fuzzed here).
            if generator.resolution <= 64 && generator.latentDim <= 256 {
                _ = generator.forward(Tensor(zeros: [1, generator.latentDim]))
            }
        }
    }

    func testPNGAndRecipes() throws {
        let recipe = Recipe(style: "tiny", modelSHA256: String(repeating: "a", count: 64), seed: 5, psi: 0.7,
                            mixes: [.init(seed: 2, t: 0.5)], edits: [.init(direction: 1, amount: 2)], size: 16)
        let png = try Provenance.png(RGBImage(width: 7, height: 5, fill: 90), recipe: recipe)
        let alpha = try PNGCodec.encode(RGBImage(width: 3, height: 3, channels: 4, fill: 9))
        let pngs = fuzz("png", seed: 12, corpus: [png, alpha], repair: Self.fixingCRCs) { bytes in
            let text = try PNGChunks.textEntries(of: bytes)
            _ = try? Provenance.recipe(in: text)
            _ = try PNGCodec.decode(bytes, pixelLimit: 1 << 20)
        }
        XCTAssertGreaterThan(pngs.accepted, Self.runs / 20, "with CRCs fixed, mutants reach the decoder")
        fuzz("recipe", seed: 13, corpus: [Array(recipe.json().utf8)]) { bytes in
            _ = try Recipe.decode(String(decoding: bytes, as: UTF8.self))
        }
    }

    func testThemesAndPresets() throws {
        let root = Self.here.deletingLastPathComponent().deletingLastPathComponent()
        let themes = try ["default", "light",
            "mono"].map { [UInt8](try Data(contentsOf: root.appendingPathComponent("themes/\($0).theme"))) }
        let presets = try ["calm", "wild",
            "emoji-sunny"].map { [UInt8](try Data(contentsOf: root.appendingPathComponent("presets/\($0).preset"))) }
        fuzz("theme", seed: 14, corpus: themes) { _ = try Theme(parsing: String(decoding: $0, as: UTF8.self)) }
        fuzz("preset", seed: 15, corpus: presets) { _ = try Preset(name: "fuzz", text: String(decoding: $0, as: UTF8.self)) }
    }
}

extension Array {
    func randomElementSeeded(_ mutator: inout FuzzTests.Mutator) -> Element? {
        isEmpty ? nil : self[mutator.pick(count)]
    }
}
