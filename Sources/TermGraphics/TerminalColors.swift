/// How many colours the terminal can show, and how a colour is named to it.
public enum ColorDepth: String, Sendable, CaseIterable {
    case full, c256 = "256", c16 = "16", none

    /// The colour the terminal will show for `rgb`, and its SGR code (without 38/48 prefix).
    @inline(__always)
    public func nearest(_ rgb: SIMD3<Int32>) -> (shown: SIMD3<Int32>, code: Int) {
        switch self {
        case .full, .none: return (rgb, 0)
        case .c256: return Self.nearest256(rgb)
        case .c16: return Self.nearest16(rgb)
        }
    }

    /// SGR parameters selecting `code`/`rgb` as foreground (or background).
    func sgr(_ colour: SIMD3<Int32>, code: Int, background: Bool) -> String {
        switch self {
        case .full: return "\(background ? 48 : 38);2;\(colour.x);\(colour.y);\(colour.z)"
        case .c256: return "\(background ? 48 : 38);5;\(code)"
        case .c16: return "\((code < 8 ? 30 : 82) + code + (background ? 10 : 0))"
        case .none: return ""
        }
    }

    static let cubeLevels: [Int32] = [0, 95, 135, 175, 215, 255]

    /// xterm's 6x6x6 cube (16...231) and grey ramp (232...255); 0...15 are left to the user's theme.
    static func nearest256(_ c: SIMD3<Int32>) -> (SIMD3<Int32>, Int) {
        func level(_ v: Int32) -> Int { v < 48 ? 0 : v < 115 ? 1 : Int((v - 35) / 40) }
        let (r, g, b) = (level(c.x), level(c.y), level(c.z))
        let cube = SIMD3(cubeLevels[r], cubeLevels[g], cubeLevels[b])
        let average = (c.x + c.y + c.z) / 3
        let greyIndex = Int(min(max((average - 3) / 10, 0), 23))
        let grey = SIMD3<Int32>(repeating: Int32(8 + 10 * greyIndex))
        let dc = c &- cube, dg = c &- grey
        if (dg &* dg).wrappedSum() < (dc &* dc).wrappedSum() { return (grey, 232 + greyIndex) }
        return (cube, 16 + 36 * r + 6 * g + b)
    }

    /// The colour xterm shows for a 256-colour code: the 16 below, the cube, the grey ramp.
    public static func rgb(ofCode code: Int) -> SIMD3<Int32> {
        switch code {
        case ..<16: return sixteen[max(code, 0)]
        case 16..<232:
            let i = code - 16
            return SIMD3(cubeLevels[i / 36], cubeLevels[i / 6 % 6], cubeLevels[i % 6])
        default: return SIMD3(repeating: Int32(8 + 10 * (min(code, 255) - 232)))
        }
    }

    /// xterm's default 16 colours.
    public static let sixteen: [SIMD3<Int32>] = [
        [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
        [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
    ]

    static func nearest16(_ c: SIMD3<Int32>) -> (SIMD3<Int32>, Int) {
        var best = 0
        var bestDistance = Int32.max
        for (i, p) in sixteen.enumerated() {
            let d = c &- p
            let distance = (d &* d).wrappedSum()
            if distance < bestDistance { bestDistance = distance; best = i }
        }
        return (sixteen[best], best)
    }
}
