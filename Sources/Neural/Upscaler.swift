import Synchronization

/// A style's upscaler: picture [3, H, W] in [-1, 1] → [3, H·s, W·s]. Its network is built for each
/// input size it meets (the style's own size at load), so `ganvas enhance` takes any picture.
public final class Upscaler: Sendable {
    public let card: UpscalerCard
    public let architecture: Architecture
    /// Inputs over this many pixels are refused: a network's buffers grow with them (s² times).
    public static let maxInputPixels = 1 << 20
    private let shapes: [String: [Int]]
    private let weights: [String: [Float]]
    private let networks = Mutex<[[Int]: Network]>([:])
    /// The most input pixels this upscaler takes: its activations and work grow with the picture,
    /// and must stay within the engine's limits (`Architecture.maxActivation`, `maxWorkPerSample`).
    /// For the shipped upscalers (32 channels at the input's size) that is 524,288 (724x724).
    public let maxPixels: Int

    public convenience init(path: String) throws {
        try self.init(file: SafetensorsFile(path: path))
    }

    public init(file: SafetensorsFile) throws {
        card = try UpscalerCard(metadata: file.metadata)
        architecture = try Architecture(metadata: file.metadata)
        shapes = file.tensors.mapValues(\.shape)
        weights = Dictionary(uniqueKeysWithValues: file.tensors.keys.map { ($0, file.floats($0)) })
        // Built at the style's size, which validates the graph and says what a pixel costs.
        let own = card.resolution * card.resolution
        let tensors = weights
        let network = try Network(architecture: architecture, inputShape: [3, card.resolution, card.resolution],
            tensorShapes: shapes) { tensors[$0]! }
        let perPixel = (values: Double(network.largestActivation) / Double(own), work: network.workPerSample / Double(own))
        maxPixels = min(Self.maxInputPixels, Int(Double(Architecture.maxActivation) / perPixel.values),
                        Int(Architecture.maxWorkPerSample / max(perPixel.work, 1)))
        _ = try self.network(height: card.resolution, width: card.resolution)
    }

    /// The largest square this upscaler takes, for messages.
    public var maxSide: Int { Int(Double(maxPixels).squareRoot()) }

    public var scale: Int { card.scale }

    /// The network for one input size, built once and kept.
    func network(height: Int, width: Int) throws -> Network {
        let input = [3, height, width]
        if let known = networks.withLock({ $0[input] }) { return known }
        guard height >= 1, width >= 1, height.multipliedReportingOverflow(by: width).partialValue <= maxPixels,
              !height.multipliedReportingOverflow(by: width).overflow else {
            throw ModelFileError("a \(width)x\(height) picture is over what this upscaler takes: \(maxPixels) pixels " +
                "(\(maxSide)x\(maxSide))")
        }
        let network = try Network(architecture: architecture, inputShape: input, tensorShapes: shapes) { self.weights[$0]! }
        guard network.outputShape == [3, height * scale, width * scale] else {
            throw ModelFileError("upscaler produces \(network.outputShape) from \(input), not x\(scale)")
        }
        networks.withLock { $0[input] = network }
        return network
    }

    /// Upscales a batch [N, 3, H, W].
    public func forward(_ pictures: Tensor, threads: Int = 1) throws -> Tensor {
        guard pictures.shape.count == 4, pictures.shape[1] == 3 else {
            throw ModelFileError("an upscaler takes [N, 3, H, W], got \(pictures.shape)")
        }
        return try network(height: pictures.shape[2], width: pictures.shape[3]).forward(pictures, threads: threads)
    }
}
