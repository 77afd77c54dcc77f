/// Maps a picture onto a palette, with or without error diffusion.
public enum Dither: String, Sendable, CaseIterable {
    case none
    /// Floyd–Steinberg error diffusion, serpentine, errors damped to 3/4 so flat areas stay calm.
    case floydSteinberg = "fs"

    /// Palette indices for every pixel.
    public func indices(_ image: RGBImage, palette: [SIMD3<UInt8>]) -> [UInt8] {
        precondition(!palette.isEmpty && palette.count <= 256, "palette must hold 1 to 256 colours")
        var lookup = NearestColor(palette)
        switch self {
        case .none: return mapDirect(image, &lookup)
        case .floydSteinberg: return diffuse(image, &lookup)
        }
    }

    func mapDirect(_ image: RGBImage, _ lookup: inout NearestColor) -> [UInt8] {
        let c = image.channels
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { p in
            for i in out.indices { out[i] = lookup.nearest(Int32(p[i * c]), Int32(p[i * c + 1]), Int32(p[i * c + 2])) }
        }
        return out
    }

    func diffuse(_ image: RGBImage, _ lookup: inout NearestColor) -> [UInt8] {
        let w = image.width, h = image.height, c = image.channels
        var out = [UInt8](repeating: 0, count: w * h)
        // Errors in 1/16 units for this row and the next, with a pixel of padding at each end.
        var current = [SIMD4<Int32>](repeating: .zero, count: w + 2)
        var next = current
        image.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let leftToRight = y % 2 == 0
                for step in 0..<w {
                    let x = leftToRight ? step : w - 1 - step
                    let i = y * w + x
                    let e = current[x + 1] &* 3 / 64   // 16ths, damped to 3/4
                    let r = Int32(p[i * c]) + e.x, g = Int32(p[i * c + 1]) + e.y, b = Int32(p[i * c + 2]) + e.z
                    let index = lookup.nearest(r, g, b)
                    out[i] = index
                    let chosen = lookup.colors[Int(index)]
                    let error = SIMD4(min(max(r, 0), 255) - chosen.x, min(max(g, 0), 255) - chosen.y, min(max(b, 0), 255) - chosen.z, 0)
                    let ahead = leftToRight ? x + 2 : x, behind = leftToRight ? x : x + 2
                    current[ahead] &+= error &* 7
                    next[behind] &+= error &* 3
                    next[x + 1] &+= error &* 5
                    next[ahead] &+= error
                }
                swap(&current, &next)
                for k in next.indices { next[k] = .zero }
            }
        }
        return out
    }
}

/// Nearest palette colour with a lazily filled 5-bit-per-channel cache, refined exactly: the
/// cache holds the few candidates near each cell, and the exact colour picks among them.
struct NearestColor {
    let colors: [SIMD4<Int32>]
    var candidates: [[UInt8]?]

    init(_ palette: [SIMD3<UInt8>]) {
        colors = palette.map { SIMD4(Int32($0.x), Int32($0.y), Int32($0.z), 0) }
        candidates = [[UInt8]?](repeating: nil, count: 32768)
    }

    @inline(__always)
    mutating func nearest(_ r: Int32, _ g: Int32, _ b: Int32) -> UInt8 {
        let r = min(max(r, 0), 255), g = min(max(g, 0), 255), b = min(max(b, 0), 255)
        let cell = Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3)
        if candidates[cell] == nil { candidates[cell] = candidatesFor(cell) }
        let list = candidates[cell]!
        if list.count == 1 { return list[0] }
        let colour = SIMD4(r, g, b, 0)
        var best = list[0]
        var bestDistance = Int32.max
        for index in list {
            let d = colour &- colors[Int(index)]
            let distance = (d &* d).wrappedSum()
            if distance < bestDistance { bestDistance = distance; best = index }
        }
        return best
    }

    /// Palette entries that can be nearest to some colour inside the 8x8x8 cell: those whose
    /// distance to the cell's centre is within the best distance plus the cell's diagonal.
    func candidatesFor(_ cell: Int) -> [UInt8] {
        let centre = SIMD4<Float>(Float((cell >> 10) << 3) + 3.5, Float((cell >> 5 & 31) << 3) + 3.5, Float((cell & 31) << 3) + 3.5, 0)
        let distances = colors.map { c -> Float in
            let d = SIMD4<Float>(Float(c.x), Float(c.y), Float(c.z), 0) - centre
            return (d * d).sum().squareRoot()
        }
        let best = distances.min()!
        let radius = best + 2 * 3.5 * Float(3).squareRoot()
        return distances.indices.filter { distances[$0] <= radius }.map { UInt8($0) }
    }
}
