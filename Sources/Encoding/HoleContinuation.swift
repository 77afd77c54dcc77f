import Neural

/// What an encoder is shown where a picture is unknown: the known pixels' colours continued
/// smoothly across the hole (push-pull, Gortler et al. 1996), not the background. An encoder
/// never saw holes in training, so a hole painted as background reads to it as a background-
/// coloured part of the picture, and a generator able to draw that part keeps it: filled by the
/// ngf 48 emoji, a quarter-area square hole came back as a white hole in 8 of 16 held-out pictures.
enum HoleContinuation {
    /// `planes` ([channels, side, side]) with every pixel of weight 0 replaced by the mean of its
    /// known surroundings, coarser the further they are; known pixels are kept.
    static func continued(_ planes: [Float], weights: [Float], side: Int) -> [Float] {
        let area = side * side
        guard side > 0, weights.count == area, planes.count % area == 0,
              weights.contains(where: { $0 > 0 }), weights.contains(where: { !($0 > 0) }) else { return planes }
        let known = weights.map { $0 > 0 }
        return (0..<(planes.count / area)).flatMap { c in
            pushPull(Array(planes[(c * area)..<((c + 1) * area)]), known: known, width: side, height: side)
        }
    }

    /// One plane: pull (2x2 means of the known pixels, down to one pixel), then push (each level's
    /// unknown pixels taken from the coarser level, bilinearly upsampled).
    static func pushPull(_ values: [Float], known: [Bool], width: Int, height: Int) -> [Float] {
        guard width > 1 || height > 1 else { return values }
        let coarseWidth = (width + 1) / 2, coarseHeight = (height + 1) / 2
        var sums = [Float](repeating: 0, count: coarseWidth * coarseHeight)
        var counts = [Int](repeating: 0, count: sums.count)
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x, j = (y / 2) * coarseWidth + x / 2
                guard known[i] else { continue }  // what lies under a hole (NaN included) never counts
                sums[j] += values[i]
                counts[j] += 1
            }
        }
        let means = zip(sums, counts).map { $1 > 0 ? $0 / Float($1) : 0 }
        let coarse = pushPull(means, known: counts.map { $0 > 0 }, width: coarseWidth, height: coarseHeight)
        let upsampled = doubled(coarse, width: coarseWidth, height: coarseHeight)
        return (0..<(width * height)).map { i in known[i] ? values[i] : upsampled[(i / width) * 2 * coarseWidth + i % width] }
    }

    /// A plane at twice the size, bilinear (the engine's kernel); an odd-sized level uses its top-left part.
    static func doubled(_ plane: [Float], width: Int, height: Int) -> [Float] {
        var out = [Float](repeating: 0, count: 4 * width * height)
        plane.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                Upsample.bilinear(input.baseAddress!, channels: 1, height: height, width: width, scale: 2, output: output.baseAddress!)
            }
        }
        return out
    }
}
