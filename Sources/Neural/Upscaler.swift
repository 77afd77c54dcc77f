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

    public convenience init(path: String) throws {
        try self.init(file: SafetensorsFile(path: path))
    }

    public init(file: SafetensorsFile) throws {
        card = try UpscalerCard(metadata: file.metadata)
        architecture = try Architecture(metadata: file.metadata)
        shapes = file.tensors.mapValues(\.shape)
        weights = Dictionary(uniqueKeysWithValues: file.tensors.keys.map { ($0, file.floats($0)) })
        _ = try network(height: card.resolution, width: card.resolution)  // validates the graph
    }

    public var scale: Int { card.scale }

    /// The network for one input size, built once and kept.
    func network(height: Int, width: Int) throws -> Network {
        let input = [3, height, width]
        if let known = networks.withLock({ $0[input] }) { return known }
        guard height >= 1, width >= 1, height.multipliedReportingOverflow(by: width).partialValue <= Self.maxInputPixels,
              !height.multipliedReportingOverflow(by: width).overflow else {
            throw ModelFileError("a \(width)x\(height) picture is over the upscaler's \(Self.maxInputPixels)-pixel limit")
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
        guard pictures.shape.count == 4, pictures.shape[1] == 3 else { throw ModelFileError("an upscaler takes [N, 3, H, W], got \(pictures.shape)") }
        return try network(height: pictures.shape[2], width: pictures.shape[3]).forward(pictures, threads: threads)
    }
}
