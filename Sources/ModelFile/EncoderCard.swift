/// What an encoder's model file says about itself (models/README.md, "Encoders"): the style it
/// belongs to, the picture size it reads, the latent it writes, the colour pictures of another
/// shape are padded with, and where its data came from.
@dynamicMemberLookup
public struct EncoderCard: Sendable, Equatable {
    public var style: String
    public var resolution: Int
    public var latentDim: Int
    /// The style's background (the median border colour of its real pictures).
    public var background: (red: UInt8, green: UInt8, blue: UInt8)
    /// The guess is meant to be scaled onto |z| = √d (`ganvas.latent_norm` = "shell"), where the
    /// generator's training latents lie; such an encoder's style is searched on that sphere.
    public var guessesOnShell: Bool
    /// Its quality is JSON: {"rms": …, "best_of_256_random_rms": …, "heldout": …}.
    public var texts: NetworkTexts

    public init(metadata: [String: String]) throws {
        guard metadata["ganvas.format"] == "1" else { throw ModelFileError("not a Ganvas model (no ganvas.format 1 in its metadata)") }
        guard Self.isEncoder(metadata) else { throw ModelFileError("not an encoder (ganvas.kind is not \"encoder\")") }
        guard let style = metadata["ganvas.name"], ModelCard.isValidName(style) else {
            throw ModelFileError("ganvas.name must be a style name")
        }
        guard let resolution = metadata["ganvas.resolution"].flatMap(Int.init), (1...1024).contains(resolution) else {
            throw ModelFileError("ganvas.resolution must be a whole number in 1...1024")
        }
        guard let latentDim = metadata["ganvas.latent_dim"].flatMap(Int.init), (1...4096).contains(latentDim) else {
            throw ModelFileError("ganvas.latent_dim must be a whole number in 1...4096")
        }
        guard let background = metadata["ganvas.background"].flatMap(Self.colour) else {
            throw ModelFileError("ganvas.background must be a colour #rrggbb")
        }
        guard [nil, "shell"].contains(metadata["ganvas.latent_norm"]) else {
            throw ModelFileError("ganvas.latent_norm must be \"shell\" when it is given")
        }
        self.style = style
        self.resolution = resolution
        self.latentDim = latentDim
        self.background = background
        guessesOnShell = metadata["ganvas.latent_norm"] == "shell"
        texts = NetworkTexts(metadata: metadata)
    }

    public subscript<T>(dynamicMember path: KeyPath<NetworkTexts, T>) -> T { texts[keyPath: path] }

    public static func isEncoder(_ metadata: [String: String]) -> Bool { metadata["ganvas.kind"] == "encoder" }

    /// "#rrggbb" as bytes, or nil.
    static func colour(_ text: String) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        let hex = Array(text.utf8)
        guard hex.count == 7, hex[0] == UInt8(ascii: "#") else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let byte = UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return (bytes[0], bytes[1], bytes[2])
    }

    public static func == (a: EncoderCard, b: EncoderCard) -> Bool {
        a.style == b.style && a.resolution == b.resolution && a.latentDim == b.latentDim
            && a.background == b.background && a.guessesOnShell == b.guessesOnShell && a.texts == b.texts
    }
}
