/// Maps a picture onto a palette, with or without error diffusion.
public enum Dither: String, Sendable, CaseIterable {
    /// Each pixel to its exactly nearest palette colour.
    case none
    /// Floyd–Steinberg error diffusion, serpentine, tuned for few bytes of sixel: errors damped,
    /// small ones not spread at all, and a pixel keeps its neighbour's colour when that is close.
    case floydSteinberg = "fs"

    /// Palette indices for every pixel.
    public func indices(_ image: RGBImage, palette: [SIMD3<UInt8>]) -> [UInt8] {
        indices(image, colors: Palette(palette))
    }

    /// Palette indices for every pixel.
    public func indices(_ image: RGBImage, colors palette: Palette) -> [UInt8] {
        // An empty picture maps nothing (and its palette is empty): the check below, compiled
        // out while it was a precondition, would stop it.
        guard image.width > 0 && image.height > 0 else { return [] }
        guard palette.count > 0 && palette.count <= 256 else { fatalError("palette must hold 1 to 256 colours") }
        switch self {
        case .none:
            var lookup = NearestColor(palette.colors)
            return mapDirect(image, &lookup)
        case .floydSteinberg:
            var cube = ColorCube(palette)
            return cube.withLookup { ErrorDiffusion.run(image, $0) }
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
}

/// Floyd–Steinberg over raw buffers. Errors are kept in 1/16 units: the next row's in a buffer
/// with a pixel of padding at each end, the one for the pixel just ahead in a register (it is
/// the loop's critical path; through memory it waited on a store every pixel).
struct ErrorDiffusion {
    /// Squared error (summed over R, G, B) at or below which nothing is spread: flat and slowly
    /// varying areas keep long runs of one colour (fewer bytes), and such errors are not seen.
    static let deadZone: Int32 = 48
    /// A pixel whose left neighbour's colour is within the dead zone of what it wants keeps that
    /// colour (and, the error being in the dead zone, spreads nothing): grain and noise of a few
    /// levels, as in photographs and dithered sources, no longer break runs. Measured on
    /// bench/show.sh's pictures: 30 % fewer sixel bytes on the smooth gradients, 1-3 % on the
    /// others, blurred PSNR within 0.2 dB. (A larger distance saves more bytes on gradients but
    /// leaves visible horizontal streaks.)
    static let keepDistance: Int32 = deadZone

    let source: UnsafePointer<UInt8>, channels: Int, width: Int
    let out: UnsafeMutablePointer<UInt8>
    let cube: ColorCube.Lookup

    static func run(_ image: RGBImage, _ cube: ColorCube.Lookup) -> [UInt8] {
        let w = image.width
        var out = [UInt8](repeating: 0, count: w * image.height)
        // Two rows of one buffer, chosen by the row's parity. Allocated raw: an array of SIMD4
        // costs a runtime conformance scan (see `Histogram`).
        let errors = UnsafeMutablePointer<SIMD4<Int32>>.allocate(capacity: 2 * (w + 2))
        defer { errors.deallocate() }
        errors.initialize(repeating: .zero, count: 2 * (w + 2))
        image.pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { out in
                let pass = ErrorDiffusion(source: p.baseAddress!, channels: image.channels, width: w, out: out.baseAddress!, cube: cube)
                for y in 0..<image.height {
                    let current = errors + (y % 2) * (w + 2), next = errors + (1 - y % 2) * (w + 2)
                    pass.row(y, current: current, next: next)
                    current.update(repeating: .zero, count: w + 2)
                }
            }
        }
        return out
    }

    /// One row, left to right on even rows and right to left on odd ones (serpentine).
    @inline(__always)
    func row(_ y: Int, current: UnsafeMutablePointer<SIMD4<Int32>>, next: UnsafeMutablePointer<SIMD4<Int32>>) {
        let leftToRight = y % 2 == 0
        let direction = leftToRight ? 1 : -1
        var ahead = SIMD4<Int32>.zero
        var previous = -1
        for step in 0..<width {
            let x = leftToRight ? step : width - 1 - step
            let i = y * width + x
            // Damped to 3/4: full-strength errors crawl across flat areas as visible worms.
            let e = (current[x + 1] &+ ahead) &* 3 / 64
            let s = source + i * channels
            let pixel = SIMD4(Int32(s[0]), Int32(s[1]), Int32(s[2]), 0) &+ e
            let wanted = pixel.clamped(lowerBound: .zero, upperBound: SIMD4(255, 255, 255, 0))
            // The neighbour's colour first: when it is kept, the look-up is not needed.
            var index: UInt8
            let d = wanted &- cube.colour(max(previous, 0))
            if previous >= 0 && (d &* d).wrappedSum() <= ErrorDiffusion.keepDistance {
                index = UInt8(truncatingIfNeeded: previous)
            } else {
                index = cube.nearest(wanted)
            }
            out[i] = index
            previous = Int(index)
            var error = wanted &- cube.colour(Int(index))
            if (error &* error).wrappedSum() <= ErrorDiffusion.deadZone { error = .zero }
            ahead = error &* 7
            next[x + 1 - direction] &+= error &* 3
            next[x + 1] &+= error &* 5
            next[x + 1 + direction] &+= error
        }
    }
}
