/// What an encoder is shown where a picture is unknown: the known pixels' colours continued
/// smoothly across the hole (push-pull, Gortler et al. 1996), not the background. An encoder
/// never saw holes in training, so a hole painted as background reads to it as a background-
/// coloured part of the picture, and a generator able to draw that part keeps it: filled by the
/// ngf 48 emoji, a quarter-area square hole came back as a white hole in 8 of 16 held-out pictures.
enum HoleContinuation {
    /// `planes` ([channels, side, side]) with every pixel of weight 0 replaced by the weighted
    /// mean of its known surroundings, coarser the further they are; known pixels are kept.
    static func continued(_ planes: [Float], weights: [Float], side: Int) -> [Float] {
        let area = side * side
        guard side > 0, weights.count == area, planes.count % area == 0,
              weights.contains(where: { $0 > 0 }), weights.contains(where: { !($0 > 0) }) else { return planes }
        let channels = planes.count / area
        let known = weights.map { $0 > 0 ? Float(1) : 0 }
        let filled = (0..<channels).map { c in
            pushPull(Array(planes[(c * area)..<((c + 1) * area)]), known: known, width: side, height: side)
        }
        return filled.flatMap { $0 }
    }

    /// One plane: pull (2x2 means of the known pixels, down to one pixel), then push (each level's
    /// unknown pixels taken from the coarser level, bilinearly upsampled). `known` is 0 or 1.
    static func pushPull(_ values: [Float], known: [Float], width: Int, height: Int) -> [Float] {
        guard width > 1 || height > 1 else { return values }
        let coarseWidth = (width + 1) / 2, coarseHeight = (height + 1) / 2
        var sums = [Float](repeating: 0, count: coarseWidth * coarseHeight)
        var coarseKnown = sums
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x, j = (y / 2) * coarseWidth + x / 2
                guard known[i] > 0 else { continue }  // what lies under a hole (NaN included) never counts
                sums[j] += values[i]
                coarseKnown[j] += 1
            }
        }
        let means = zip(sums, coarseKnown).map { $1 > 0 ? $0 / $1 : 0 }
        let coarse = pushPull(means, known: coarseKnown.map { min($0, 1) }, width: coarseWidth, height: coarseHeight)
        let upsampled = bilinearDouble(coarse, width: coarseWidth, height: coarseHeight, toWidth: width, toHeight: height)
        return (0..<(width * height)).map { known[$0] > 0 ? values[$0] : upsampled[$0] }
    }

    /// A plane at twice the size (cropped to `toWidth` x `toHeight`), pixel centres aligned.
    static func bilinearDouble(_ plane: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Float] {
        func source(_ x: Int, limit: Int) -> (Int, Int, Float) {
            let position = min(max((Float(x) + 0.5) / 2 - 0.5, 0), Float(limit - 1))
            let low = Int(position)
            return (low, min(low + 1, limit - 1), position - Float(low))
        }
        var out = [Float](repeating: 0, count: toWidth * toHeight)
        for y in 0..<toHeight {
            let (y0, y1, fy) = source(y, limit: height)
            for x in 0..<toWidth {
                let (x0, x1, fx) = source(x, limit: width)
                let top = plane[y0 * width + x0] * (1 - fx) + plane[y0 * width + x1] * fx
                let bottom = plane[y1 * width + x0] * (1 - fx) + plane[y1 * width + x1] * fx
                out[y * toWidth + x] = top * (1 - fy) + bottom * fy
            }
        }
        return out
    }
}
