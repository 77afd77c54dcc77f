import Foundation
import Imaging
import ModelFile

/// Everything needed to make a picture again, bit for bit. Stored as JSON in every PNG Ganvas
/// writes (iTXt `ganvas:recipe`), so provenance travels with the file.
public struct Recipe: Codable, Equatable, Sendable {
    public static let currentFormat = 1

    /// A second latent blended in by slerp at weight `t` (0 = none of it, 1 = all of it).
    public struct Mix: Codable, Equatable, Sendable {
        public var seed: UInt64?
        public var latent: String?
        public var t: Float
        public init(seed: UInt64? = nil, latent: String? = nil, t: Float) {
            self.seed = seed
            self.latent = latent
            self.t = t
        }
    }

    /// Another latent whose colours the picture takes: it computes the generator's channel gates
    /// from gate `level` on (0: every gate, palette and finish; higher: only finer ones), the
    /// picture's own latent everything else (`Generator.mixedPixels`). Truncated by the same psi;
    /// `t` below 1 slerps from the picture's own latent towards it first (absent: 1, all of it).
    public struct Colours: Codable, Equatable, Sendable {
        public var seed: UInt64?
        public var latent: String?
        public var level: Int
        public var t: Float?
        public init(seed: UInt64? = nil, latent: [Float]? = nil, level: Int = 0, t: Float? = nil) {
            self.seed = seed
            self.latent = latent.map(Recipe.encodeLatent)
            self.level = level
            self.t = t
        }
    }

    /// A step along one of the model's SeFa directions, in standard deviations.
    public struct Edit: Codable, Equatable, Sendable {
        public var direction: Int
        public var amount: Float
        public init(direction: Int, amount: Float) {
            self.direction = direction
            self.amount = amount
        }
    }

    /// A resampling applied after the first one: exports of a picture record theirs, so the
    /// exported file regenerates exactly whatever size it was made at.
    public struct Rescale: Codable, Equatable, Sendable {
        public var size: Int
        public var filter: Resize.Filter
        public init(size: Int, filter: Resize.Filter) {
            self.size = size
            self.filter = filter
        }
    }

    /// The style's upscaler, run once on the generator's picture before it is resampled to
    /// `size`: which file (its SHA-256) and its factor.
    public struct Upscale: Codable, Equatable, Sendable {
        public var sha256: String
        public var scale: Int
        public init(sha256: String, scale: Int) {
            self.sha256 = sha256
            self.scale = scale
        }
    }

    public var format: Int
    public var style: String
    public var modelSHA256: String
    /// The base latent: a seed, or (when edited beyond seeds) base64 of little-endian float32 z.
    public var seed: UInt64?
    public var latent: String?
    public var psi: Float
    public var mixes: [Mix]
    public var edits: [Edit]
    /// Output side in pixels; the model's own resolution means no resampling.
    public var size: Int
    /// How the picture is resampled to `size` (absent: smooth).
    public var filter: Resize.Filter?
    /// Further resamplings, in order, after `size` (absent: none).
    public var rescales: [Rescale]?
    /// The learned upscaler applied first (absent: plain resampling from the model's pixels).
    public var upscaler: Upscale?
    /// The colours taken from another latent (absent: the picture's own).
    public var colours: Colours?

    enum CodingKeys: String, CodingKey {
        case format, style, modelSHA256 = "model_sha256", seed, latent, psi, mixes, edits, size, filter, rescales, upscaler, colours
    }

    public init(style: String, modelSHA256: String, seed: UInt64? = nil, latent: [Float]? = nil, psi: Float = 1,
                mixes: [Mix] = [], edits: [Edit] = [], size: Int) {
        format = Self.currentFormat
        self.style = style
        self.modelSHA256 = modelSHA256
        self.seed = seed
        self.latent = latent.map(Self.encodeLatent)
        self.psi = psi
        self.mixes = mixes
        self.edits = edits
        self.size = size
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Int.self, forKey: .format)
        style = try c.decode(String.self, forKey: .style)
        modelSHA256 = try c.decode(String.self, forKey: .modelSHA256)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        latent = try c.decodeIfPresent(String.self, forKey: .latent)
        psi = try c.decodeIfPresent(Float.self, forKey: .psi) ?? 1
        mixes = try c.decodeIfPresent([Mix].self, forKey: .mixes) ?? []
        edits = try c.decodeIfPresent([Edit].self, forKey: .edits) ?? []
        size = try c.decode(Int.self, forKey: .size)
        filter = try c.decodeIfPresent(Resize.Filter.self, forKey: .filter)
        rescales = try c.decodeIfPresent([Rescale].self, forKey: .rescales)
        upscaler = try c.decodeIfPresent(Upscale.self, forKey: .upscaler)
        colours = try c.decodeIfPresent(Colours.self, forKey: .colours)
    }

    public static let sizeRange = 1...4096
    public static let rescaleRange = 1...8192
    public static let psiRange: ClosedRange<Float> = 0...2
    /// A recipe's JSON is at most 64 KiB, with at most 256 edits and 64 mixes (a studio picture
    /// has 16 edits and a few mixes, each latent 1–6 KB of base64): a gallery PNG whose recipe
    /// held 500,000 edits took seconds and gigabytes to list.
    public static let maxBytes = 64 << 10
    public static let maxEdits = 256, maxMixes = 64
    /// Gate levels a recipe may name (a style has as many as its generator has gates).
    public static let colourLevels = 0...15

    /// Parses and checks a recipe; errors are one line.
    public static func decode(_ json: String) throws -> Recipe {
        guard json.utf8.count <= maxBytes else { throw RecipeError("recipe is \(json.utf8.count) bytes, over the limit of \(maxBytes)") }
        let recipe: Recipe
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) is [String: Any] else {
            throw RecipeError("recipe is not valid: not a JSON object")
        }
        do { recipe = try JSONDecoder().decode(Recipe.self, from: Data(json.utf8)) } catch {
            throw RecipeError("recipe is not valid: \(describe(error))")
        }
        try recipe.validate()
        return recipe
    }

    func validate() throws {
        guard format == Self.currentFormat else {
            throw RecipeError("recipe format \(format) is not supported (this Ganvas reads \(Self.currentFormat))")
        }
        // A recipe names a style, never a path: the name reaches file names and style look-ups.
        guard ModelCard.isValidName(style) else { throw RecipeError("recipe style is not a style name (1-40 of a-z 0-9 _ -)") }
        guard (seed == nil) != (latent == nil) else { throw RecipeError("recipe must give exactly one of seed and latent") }
        guard Self.psiRange.contains(psi) else { throw RecipeError("recipe psi \(psi) is outside \(Self.psiRange)") }
        guard Self.sizeRange.contains(size) else { throw RecipeError("recipe size \(size) is outside \(Self.sizeRange)") }
        // 8192² is the pixel limit Ganvas reads PNGs up to: a recipe cannot ask for more.
        guard (rescales?.count ?? 0) <= 8, (rescales ?? []).allSatisfy({ Self.rescaleRange.contains($0.size) }) else {
            throw RecipeError("recipe rescales must be at most 8 sizes in \(Self.rescaleRange)")
        }
        guard modelSHA256.count == 64, modelSHA256.allSatisfy(\.isHexDigit) else {
            throw RecipeError("recipe model_sha256 is not a SHA-256 digest")
        }
        if let upscaler {
            guard upscaler.sha256.count == 64, upscaler.sha256.allSatisfy(\.isHexDigit), (2...8).contains(upscaler.scale) else {
                throw RecipeError("recipe upscaler must give a SHA-256 digest and a scale from 2 to 8")
            }
        }
        guard edits.count <= Self.maxEdits, mixes.count <= Self.maxMixes else {
            throw RecipeError("recipe has \(edits.count) edits and \(mixes.count) mixes; at most \(Self.maxEdits) and \(Self.maxMixes)")
        }
        for mix in mixes {
            guard (mix.seed == nil) != (mix.latent == nil) else { throw RecipeError("each mix must give exactly one of seed and latent") }
            guard (0...1).contains(mix.t) else { throw RecipeError("mix weight \(mix.t) is outside 0...1") }
        }
        if let colours {
            guard (colours.seed == nil) != (colours.latent == nil) else {
                throw RecipeError("recipe colours must give exactly one of seed and latent")
            }
            guard Self.colourLevels.contains(colours.level) else {
                throw RecipeError("recipe colour level \(colours.level) is outside \(Self.colourLevels)")
            }
            guard (0...1).contains(colours.t ?? 1) else { throw RecipeError("colour weight \(colours.t ?? 1) is outside 0...1") }
        }
        for edit in edits where !(0..<1024).contains(edit.direction) || !edit.amount.isFinite {
            throw RecipeError("edit along direction \(edit.direction) by \(edit.amount) is not valid")
        }
    }

    /// Compact JSON with sorted keys, so the same recipe is always the same bytes.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    public static func encodeLatent(_ z: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(z.count * 4)
        for value in z { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return Data(bytes).base64EncodedString()
    }

    /// A latent of whatever length the text holds (nil when it is no whole number of finite
    /// float32 values); the style checks the length when it renders.
    public static func decodeLatent(_ text: String) -> [Float]? {
        guard let bytes = Data(base64Encoded: text), bytes.count % 4 == 0, !bytes.isEmpty else { return nil }
        return try? decodeLatent(text, dimension: bytes.count / 4)
    }

    public static func decodeLatent(_ text: String, dimension: Int) throws -> [Float] {
        guard let data = Data(base64Encoded: text), data.count == dimension * 4 else {
            throw RecipeError("recipe latent is not \(dimension) base64 float32 values")
        }
        let bytes = [UInt8](data)
        let z = (0..<dimension).map { i -> Float in
            var bits = UInt32(0)
            for b in (0..<4).reversed() { bits = bits << 8 | UInt32(bytes[i * 4 + b]) }
            return Float(bitPattern: bits)
        }
        guard z.allSatisfy({ $0.isFinite }) else { throw RecipeError("recipe latent holds a value that is not finite") }
        return z
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
        case DecodingError.dataCorrupted(let context):
            // The text is JSON (checked first): this is a value the recipe cannot hold, e.g. a negative seed.
            let place = context.codingPath.map(\.stringValue).joined(separator: ".")
            return place.isEmpty ? "a value is out of range (\(context.debugDescription.prefix(80)))" : "bad value at \"\(place)\""
        default: return "\(error)"
        }
    }
}

/// Why a recipe could not be read or replayed: one line.
public struct RecipeError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
