import Foundation
import Neural

/// Where the PyTorch reference files live (made by tools/make_fixtures.py).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func path(_ name: String) -> String { directory + "/" + name }

    static func file(_ name: String) throws -> SafetensorsFile { try SafetensorsFile(path: path(name)) }

    static func tensor(_ file: SafetensorsFile, _ name: String) -> Tensor {
        Tensor(shape: file.tensors[name]!.shape, data: file.floats(name))
    }
}

/// Deterministic pseudo-random floats for kernel parity tests.
struct TestRandom {
    var state: UInt64
    mutating func next() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int64(bitPattern: state >> 11) % 2000 - 1000) / 1000
    }
    mutating func array(_ count: Int) -> [Float] { (0..<count).map { _ in next() } }
}
