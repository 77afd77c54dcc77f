/// What an upscaler's model file says about itself (models/README.md, "Upscalers"): the style it
/// belongs to, its factor, the size it was trained on, and where its data came from.
@dynamicMemberLookup
public struct UpscalerCard: Sendable, Equatable {
    public var style: String
    public var scale: Int
    /// The style's resolution, the input it was trained on.
    public var resolution: Int
    /// Its quality is JSON: {"psnr_db": …, "bicubic_psnr_db": …, "heldout": …}.
    public var texts: NetworkTexts

    public init(metadata: [String: String]) throws {
        guard metadata["ganvas.format"] == "1" else { throw ModelFileError("not a Ganvas model (no ganvas.format 1 in its metadata)") }
        guard metadata["ganvas.kind"] == "upscaler" else { throw ModelFileError("not an upscaler (ganvas.kind is not \"upscaler\")") }
        guard let style = metadata["ganvas.name"], ModelCard.isValidName(style) else {
            throw ModelFileError("ganvas.name must be a style name")
        }
        guard let scale = metadata["ganvas.scale"].flatMap(Int.init), (2...8).contains(scale) else {
            throw ModelFileError("ganvas.scale must be 2 to 8")
        }
        guard let resolution = metadata["ganvas.resolution"].flatMap(Int.init), (1...1024).contains(resolution) else {
            throw ModelFileError("ganvas.resolution must be a whole number in 1...1024")
        }
        self.style = style
        self.scale = scale
        self.resolution = resolution
        texts = NetworkTexts(metadata: metadata)
    }

    public subscript<T>(dynamicMember path: KeyPath<NetworkTexts, T>) -> T { texts[keyPath: path] }

    /// Whether a model file's metadata describes an upscaler (styles skip such files).
    public static func isUpscaler(_ metadata: [String: String]) -> Bool { metadata["ganvas.kind"] == "upscaler" }
}
