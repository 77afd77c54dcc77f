import Foundation

/// The SplitMix64 generator (Steele, Lea & Flood 2014): tiny, fast, and the same in every language;
/// also a `RandomNumberGenerator`, so tests draw reproducible values from a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in the open interval (0, 1).
    public mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0
    }

    /// A standard normal by Box–Muller from the next two units (the cosine half only).
    public mutating func nextNormal() -> Double {
        let u1 = nextUnit(), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// z for a seed, identical to tools/ganvas_tools/latent.py (models/README.md, "Seeded latents").
public func seededLatent(seed: UInt64, dimension: Int) -> [Float] {
    var random = SplitMix64(seed: seed)
    var values: [Float] = []
    values.reserveCapacity(dimension)
    while values.count < dimension {
        let u1 = random.nextUnit(), u2 = random.nextUnit()
        let r = (-2 * log(u1)).squareRoot()
        values.append(Float(r * cos(2 * Double.pi * u2)))
        if values.count < dimension { values.append(Float(r * sin(2 * Double.pi * u2))) }
    }
    return values
}
