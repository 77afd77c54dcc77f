import Imaging

/// What of a picture a search matches: every pixel's colour (a plain encode), or only its light
/// and dark, so the style chooses the colours (colourising a grey picture).
public enum MatchMode: String, Sendable, CaseIterable {
    case colour, luma
}

/// How a picture is brought into a style (Deep Generative Prior's idea: search the GAN's latent
/// under a loss that sees only what is known).
public struct EncodeOptions: Sendable, Equatable {
    public var match: MatchMode
    /// Transparent pixels are holes for the style to fill: they count for nothing in the loss
    /// (partly transparent ones in proportion to their alpha).
    public var fill: Bool
    /// Explicit per-pixel weights at the style's size, 0…1 (the canvas: painted pixels count
    /// more than those kept from the picture it opened on); when set, they replace `fill`'s alpha.
    public var weights: [Float]?
    /// A latent the result is pulled towards, so that editing a picture changes it only where
    /// the edit asks (the canvas anchors on the picture it started from).
    public var anchor: [Float]?
    /// The pull's weight per unit of mean squared latent distance.
    public var anchorWeight: Double
    public var budgetMilliseconds: Int
    public var seed: UInt64

    public init(match: MatchMode = .colour, fill: Bool = false, weights: [Float]? = nil, anchor: [Float]? = nil,
        anchorWeight: Double = 0.05,
                budgetMilliseconds: Int = LatentSearch.defaultBudgetMilliseconds, seed: UInt64 = 1) {
        self.match = match
        self.fill = fill
        self.weights = weights
        self.anchor = anchor
        self.anchorWeight = anchorWeight
        self.budgetMilliseconds = budgetMilliseconds
        self.seed = seed
    }

    /// Plain colour matching of every pixel, with no anchor: today's `encode`, bit for bit.
    var isPlain: Bool { isPlainMatch && anchor == nil }
}

/// Luminance of planar RGB values (Rec. 601 weights), in the same units as the planes.
enum Luma {
    static let weights: (Float, Float, Float) = (0.299, 0.587, 0.114)

    /// [3, n] planes → [n] luminance.
    static func of(_ planes: [Float]) -> [Float] {
        let n = planes.count / 3
        var out = [Float](repeating: 0, count: n)
        planes.withUnsafeBufferPointer { p in
            for i in 0..<n { out[i] = weights.0 * p[i] + weights.1 * p[n + i] + weights.2 * p[2 * n + i] }
        }
        return out
    }
}

extension EncodeOptions {
    /// Every pixel's colour counts, as in a plain encode (an anchor may still pull).
    public var isPlainMatch: Bool { match == .colour && !fill && weights == nil }
}
