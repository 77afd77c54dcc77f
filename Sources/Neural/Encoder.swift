/// A style's encoder: picture [3, R, R] in [-1, 1] → the latent [latentDim] the style's generator
/// would draw it from (a first guess, refined by `Encoding`).
public struct Encoder: Sendable {
    public let card: EncoderCard
    public let network: Network

    public init(path: String) throws {
        try self.init(file: SafetensorsFile(path: path))
    }

    public init(file: SafetensorsFile) throws {
        card = try EncoderCard(metadata: file.metadata)
        let architecture = try Architecture(metadata: file.metadata)
        network = try Network(architecture: architecture, inputShape: [3, card.resolution, card.resolution],
                              tensorShapes: file.tensors.mapValues(\.shape), tensor: file.floats)
        guard network.outputShape == [card.latentDim] else {
            throw ModelFileError("encoder produces \(network.outputShape), but the card promises [\(card.latentDim)]")
        }
    }

    /// Encodes a batch [N, 3, R, R] → [N, latentDim].
    public func forward(_ pictures: Tensor, kernels: KernelChoice = .fast, threads: Int = 1) -> Tensor {
        network.forward(pictures, kernels: kernels, threads: threads)
    }
}
