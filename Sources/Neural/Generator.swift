// The model file's reader and validation live in ModelFile, compiled with checked arithmetic;
// every module that runs a model sees them through this one.
@_exported import ModelFile

/// A style's generator: z [latentDim] → picture [3, R, R] in [-1, 1], and on to RGB bytes.
public struct Generator: Sendable {
    public let card: ModelCard
    public let architecture: Architecture
    public let network: Network
    /// The weights, kept to build the mixing networks when first asked for (`StyleMixing.swift`).
    let file: SafetensorsFile
    /// The layers that gate a map channel by channel, coarse to fine (`Architecture.channelGates`).
    let gates: [Int]
    let mixers = MixerCache()

    /// Loads and validates a model file; errors are one line without the path.
    public init(path: String) throws {
        try self.init(file: SafetensorsFile(path: path))
    }

    public init(file: SafetensorsFile) throws {
        card = try ModelCard(metadata: file.metadata)
        architecture = try Architecture(metadata: file.metadata)
        network = try Network(architecture: architecture, inputShape: [card.latentDim],
                              tensorShapes: file.tensors.mapValues(\.shape), tensor: file.floats)
        let expected = [3, card.resolution, card.resolution]
        guard network.outputShape == expected else {
            throw ModelFileError("architecture produces \(network.outputShape), but the card promises \(expected)")
        }
        self.file = file
        gates = try architecture.channelGates(latentDim: card.latentDim, tensorShapes: file.tensors.mapValues(\.shape))
    }

    public var latentDim: Int { card.latentDim }
    public var resolution: Int { card.resolution }

    /// Runs a batch of latents [N, latentDim] → [N, 3, R, R].
    public func forward(_ latents: Tensor, kernels: KernelChoice = .fast, threads: Int = 1) -> Tensor {
        network.forward(latents, kernels: kernels, threads: threads)
    }

    /// RGB bytes (row-major, interleaved) for each latent.
    public func pixels(for latents: [[Float]], threads: Int = 1) -> [[UInt8]] {
        guard !latents.isEmpty else { return [] }
        let output = forward(Tensor(shape: [latents.count, latentDim], data: latents.flatMap { $0 }), threads: threads)
        return (0..<latents.count).map { Self.pixels(output.sample($0)) }
    }

    /// One output [3, H, W] → interleaved RGB bytes, by the formula in models/README.md.
    public static func pixels(_ image: Tensor) -> [UInt8] {
        guard image.shape.count == 3 && image.shape[0] == 3 else { fatalError("expected [3, H, W], got \(image.shape)") }
        let plane = image.shape[1] * image.shape[2]
        var bytes = [UInt8](repeating: 0, count: plane * 3)
        image.data.withUnsafeBufferPointer { x in
            for c in 0..<3 {
                for i in 0..<plane { bytes[i * 3 + c] = byte(x[c * plane + i]) }
            }
        }
        return bytes
    }

    /// Interleaved bytes (`channels` a pixel, the first three RGB) → planar [3, pixels] in
    /// [-1, 1]: the inverse of `pixels`, for the networks that read pictures.
    public static func planes(_ bytes: [UInt8], channels: Int) -> [Float] {
        let plane = bytes.count / channels
        var out = [Float](repeating: 0, count: plane * 3)
        for i in 0..<plane {
            for c in 0..<3 { out[c * plane + i] = Float(bytes[i * channels + c]) / 127.5 - 1 }
        }
        return out
    }

    @inline(__always)
    static func byte(_ x: Float) -> UInt8 {
        let v = ((x + 1) * 127.5 + 0.5).rounded(.down)
        guard v == v else { return 0 }
        return UInt8(min(max(v, 0), 255))
    }
}

extension Generator {
    /// The first layer as a linear map from z: [features × latentDim], row-major. For a
    /// `reshape [Z,1,1]` + transposed convolution start (DCGAN), feature (c, y, x) reads
    /// weight[z, c, y, x]. Folded batch norm scales rows, which SeFa should see too.
    public func firstLayerMatrix() -> (rows: Int, weight: [Float])? {
        network.firstLayerMatrix(latentDim: latentDim)
    }
}

extension Network {
    /// The first layer that maps the latent to features. A cluster-conditioned generator's graph
    /// starts with its mixture prior (tools/ganvas_tools/sector_prior.py: 1x1 convolutions and
    /// ReLUs on the [d, 1, 1] latent, adding the mean of z's cluster); it is looked past: the shift
    /// is constant within a cluster, so the trunk's directions are directions in z.
    func firstLayerMatrix(latentDim: Int) -> (rows: Int, weight: [Float])? {
        for step in steps {
            switch step {
            case .reshape, .activation(.relu):
                continue
            case .conv(_, let h, let w, _, _) where h == 1 && w == 1:
                continue
            case .dense(let inputs, let outputs, let weight, _) where inputs == latentDim:
                return (outputs, weight)
            case .convTranspose(let g, let h, let w, let weight, _) where h == 1 && w == 1 && g.inChannels == latentDim:
                // weight [Z, C·k·k] → transpose to [C·k·k, Z].
                let features = g.outChannels * g.kernel * g.kernel
                var matrix = [Float](repeating: 0, count: features * latentDim)
                for z in 0..<latentDim { for f in 0..<features { matrix[f * latentDim + z] = weight[z * features + f] } }
                return (features, matrix)
            default:
                return nil
            }
        }
        return nil
    }
}
