/// What a companion network's card (an upscaler's, an encoder's) says in words: what it is, what
/// it learned from and under which licence, how much compute it got, and how it measured.
public struct NetworkTexts: Sendable, Equatable {
    public var description: String
    public var dataset: String
    public var license: String
    public var training: String
    /// JSON text of the measured figures.
    public var quality: String

    init(metadata: [String: String]) {
        description = metadata["ganvas.description"] ?? ""
        dataset = metadata["ganvas.dataset"] ?? "unknown"
        license = metadata["ganvas.license"] ?? "unknown"
        training = metadata["ganvas.training"] ?? "unknown"
        quality = metadata["ganvas.quality"] ?? "{}"
    }
}
