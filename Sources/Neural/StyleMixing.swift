import Foundation

/// Pictures with one latent's shapes and another's colours, through the generator's channel
/// gates (`Architecture.mixing`): the studio's and the CLI's "colours from".
extension Generator {
    /// How many gate levels another latent can supply; 0 when the style cannot mix (no gates).
    public var mixingLevels: Int { gates.count }

    /// RGB bytes for each pair: `shapes[i]` drawn with the gates of `colours[i]`, from gate
    /// `level` on (0: every gate, palette and finish; the last level: only the finest gates).
    public func mixedPixels(shapes: [[Float]], colours: [[Float]], level: Int, threads: Int = 1) throws -> [[UInt8]] {
        guard !shapes.isEmpty else { return [] }
        guard shapes.count == colours.count, (shapes + colours).allSatisfy({ $0.count == latentDim }) else {
            throw ModelFileError("mixing needs pairs of latents of \(latentDim) values for the style '\(card.name)'")
        }
        let network = try mixer(level: level)
        let pairs = zip(shapes, colours).flatMap { $0 + $1 }
        let output = network.forward(Tensor(shape: [shapes.count, 2 * latentDim], data: pairs), threads: threads)
        return (0..<shapes.count).map { Self.pixels(output.sample($0)) }
    }

    /// The network of two latents for `level`, built on first use (its weights are unpacked again:
    /// a few milliseconds and megabytes) and kept.
    func mixer(level: Int) throws -> Network {
        guard gates.indices.contains(level) else {
            throw ModelFileError(gates.isEmpty ? "the style '\(card.name)' cannot mix colours (its generator has no channel gates)"
                : "colour level \(level) is outside 0...\(gates.count - 1) for the style '\(card.name)'")
        }
        return try mixers.network(level: level) {
            let mixing = architecture.mixing(latentDim: latentDim, gates: Array(gates[level...]))
            return try Network(architecture: mixing, inputShape: [2 * latentDim], tensorShapes: file.tensors.mapValues(\.shape),
                               tensor: file.floats)
        }
    }
}

/// The mixing networks a generator has built, by level; shared by copies of the generator.
final class MixerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [Int: Network] = [:]

    func network(level: Int, build: () throws -> Network) throws -> Network {
        lock.lock()
        defer { lock.unlock() }
        if let network = built[level] { return network }
        let network = try build()
        built[level] = network
        return network
    }
}
