/// Palette colours as flat R, G, B bytes.
///
/// Not `[SIMD3<UInt8>]`: the first array of a SIMD type over a new scalar type makes the Swift
/// runtime scan every protocol conformance in the binary (about 0.2 ms, a twentieth of
/// `ganvas show` on a small picture). The array form stays available for callers that want it.
public struct Palette: Sendable, Equatable {
    /// Three bytes per colour.
    public private(set) var rgb: [UInt8]

    public init() { rgb = [] }

    public init(_ colors: [SIMD3<UInt8>]) {
        rgb = []
        rgb.reserveCapacity(colors.count * 3)
        for c in colors { append(c) }
    }

    public var count: Int { rgb.count / 3 }

    public subscript(_ i: Int) -> SIMD3<UInt8> { SIMD3(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) }

    public mutating func append(_ c: SIMD3<UInt8>) { rgb.append(c.x); rgb.append(c.y); rgb.append(c.z) }

    /// Each colour changed by `transform`.
    public func map(_ transform: (SIMD3<UInt8>) -> SIMD3<UInt8>) -> Palette {
        var out = Palette()
        for i in 0..<count { out.append(transform(self[i])) }
        return out
    }

    public var colors: [SIMD3<UInt8>] { (0..<count).map { self[$0] } }
}
