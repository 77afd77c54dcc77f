import Foundation
import Neural

/// What the search minimises for one target: the pixel error of a latent's picture at full size
/// and at a quarter of it (coarse shapes first, so the search is not led by fine detail alone),
/// plus a penalty for leaving the generator's typical set (|z| near √d): unpenalised, a search
/// drifts to latents the generator never saw in training, whose pictures break up.
///
/// Generalised for painting, colourising and filling: each pixel may count in proportion to a
/// weight (0: unknown, the style fills it in), only luminance may be compared (with a floor on
/// colourfulness), and an anchor latent may pull the result towards where an edit started.
/// Without these it is the plain loss, computed exactly as before.
struct LatentLoss {
    let generator: Generator
    let target: [Float]
    let coarseTarget: [Float]
    let mask: PixelMask?
    let anchor: (latent: [Float], weight: Double)?
    /// Every latent is scaled onto the typical shell before it is drawn (`onTypicalShell`).
    let onShell: Bool
    /// Colourising: a picture less colourful than this pays for the shortfall (`Colourfulness`).
    let colourFloor: Double?
    private(set) var evaluations = 0
    private(set) var best: (latent: [Float], loss: Double) = ([], .infinity)
    static let coarseWeight = 0.5
    static let priorWeight = 0.02
    /// Per squared unit of chroma short of the floor. At 4 (against 1: 0.77x) colourised emoji
    /// keep 0.91x of the real pictures' colour and icons 0.96x, for 2-4% more luminance error.
    static let colourWeight = 4.0

    init(generator: Generator, target: [Float], weights: [Float]? = nil, match: MatchMode = .colour,
         anchor: (latent: [Float], weight: Double)? = nil, onShell: Bool = false, colourFloor: Double? = nil) {
        self.generator = generator
        self.onShell = onShell
        self.colourFloor = colourFloor
        self.target = target
        let side = generator.resolution
        if weights != nil || match == .luma {
            let mask = PixelMask(weights: weights ?? [Float](repeating: 1, count: side * side), side: side, match: match)
            self.mask = mask
            coarseTarget = mask.coarse(of: target)
        } else {
            mask = nil
            coarseTarget = Self.pooled(target, side: side)
        }
        self.anchor = anchor
    }

    /// The losses of a batch of latents, keeping the best seen.
    mutating func evaluate(_ proposed: [[Float]]) -> [Double] {
        let d = generator.latentDim
        let latents = onShell ? proposed.map(Self.onTypicalShell) : proposed
        let output = generator.forward(Tensor(shape: [latents.count, d], data: latents.flatMap { $0 }))
        let size = target.count
        var losses: [Double] = []
        for (i, z) in latents.enumerated() {
            let picture = Array(output.data[(i * size)..<((i + 1) * size)])
            let pixels = pixelLoss(picture)
            let norm = (z.reduce(0) { $0 + Double($1) * Double($1) } / Double(d)).squareRoot()
            var sum = pixels + Self.priorWeight * (norm - 1) * (norm - 1)
            if let anchor { sum += anchor.weight * Self.meanSquare(z, anchor.latent) }
            if let colourFloor {
                let short = max(0, colourFloor - Colourfulness.of(picture))
                sum += Self.colourWeight * short * short
            }
            let loss = sum.isNaN ? .infinity : sum  // a model file may make NaN; it never wins
            losses.append(loss)
            if loss < best.loss || best.latent.isEmpty { best = (z, loss) }
        }
        evaluations += latents.count
        return losses
    }

    /// The fine and coarse pixel terms of one picture ([3, side, side] planes).
    func pixelLoss(_ picture: [Float]) -> Double {
        guard let mask else {
            let coarse = Self.meanSquare(Self.pooled(picture, side: generator.resolution), coarseTarget)
            return Self.meanSquare(picture, target) + Self.coarseWeight * coarse
        }
        return mask.fine(picture, target) + Self.coarseWeight * mask.coarseError(mask.coarse(of: picture), coarseTarget)
    }

    /// A latent scaled onto the sphere |z| = √d, where nearly all of N(0, I)'s mass lies and so
    /// every latent the generator was trained on. Near the origin, where an encoder trained
    /// without this hedges its guesses (|z|/√d 0.1-0.8), a generator may draw what no seed shows
    /// (the fast-mode icons generator: a lattice of dots that matches a photo's average colours).
    static func onTypicalShell(_ z: [Float]) -> [Float] {
        let norm = (z.reduce(0) { $0 + Double($1) * Double($1) }).squareRoot()
        guard norm > 0, norm.isFinite else { return z }
        let scale = Float(Double(z.count).squareRoot() / norm)
        return z.map { $0 * scale }
    }

    static func meanSquare(_ a: [Float], _ b: [Float]) -> Double {
        var sum: Float = 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<a.count { let d = a[i] - b[i]; sum += d * d }
            }
        }
        return Double(sum) / Double(a.count)
    }

    /// Means of 4x4 blocks of a [3, side, side] picture (the picture itself below 4 px).
    static func pooled(_ planes: [Float], side: Int) -> [Float] {
        side < 4 ? planes : Pooling.average(planes, channels: 3, height: side, width: side, kernel: 4)
    }
}

/// Per-pixel weights and what is compared (colour or luminance), with the weighted errors at
/// full size and over 4x4 blocks. A block's value is the weighted mean of its known pixels; it
/// counts by how much of it is known.
struct PixelMask {
    let weights: [Float]
    let side: Int
    let match: MatchMode
    let blockWeights: [Float]
    let totalWeight: Float
    let totalBlockWeight: Float
    var block: Int { side < 4 ? 1 : 4 }

    init(weights: [Float], side: Int, match: MatchMode) {
        self.weights = weights.map { min(max($0.isFinite ? $0 : 0, 0), 1) }
        self.side = side
        self.match = match
        let block = side < 4 ? 1 : 4, blocks = side / block
        var sums = [Float](repeating: 0, count: blocks * blocks)
        for y in 0..<(blocks * block) {
            for x in 0..<(blocks * block) { sums[(y / block) * blocks + x / block] += self.weights[y * side + x] }
        }
        blockWeights = sums.map { $0 / Float(block * block) }
        totalWeight = self.weights.reduce(0, +)
        totalBlockWeight = blockWeights.reduce(0, +)
    }

    /// The compared planes: the three colours, or luminance alone.
    func compared(_ planes: [Float]) -> [Float] { match == .luma ? Luma.of(planes) : planes }

    /// Weighted mean square error at full size (0 when nothing is known).
    func fine(_ picture: [Float], _ target: [Float]) -> Double {
        guard totalWeight > 0 else { return 0 }
        let a = compared(picture), b = compared(target), n = side * side
        var sum: Float = 0
        for c in 0..<(a.count / n) {
            for i in 0..<n { let d = a[c * n + i] - b[c * n + i]; sum += weights[i] * d * d }
        }
        return Double(sum) / Double(totalWeight * Float(a.count / n))
    }

    /// Weighted block means of the compared planes.
    func coarse(of planes: [Float]) -> [Float] {
        let values = compared(planes), n = side * side, block = self.block, blocks = side / block
        var out = [Float](repeating: 0, count: values.count / n * blocks * blocks)
        for c in 0..<(values.count / n) {
            for y in 0..<(blocks * block) {
                for x in 0..<(blocks * block) {
                    let i = y * side + x
                    out[c * blocks * blocks + (y / block) * blocks + x / block] += weights[i] * values[c * n + i]
                }
            }
        }
        let area = Float(block * block)
        for i in out.indices {
            let w = blockWeights[i % blockWeights.count] * area
            out[i] = w > 0 ? out[i] / w : 0
        }
        return out
    }

    func coarseError(_ a: [Float], _ b: [Float]) -> Double {
        guard totalBlockWeight > 0 else { return 0 }
        let count = blockWeights.count
        var sum: Float = 0
        for i in a.indices { let d = a[i] - b[i]; sum += blockWeights[i % count] * d * d }
        return Double(sum) / Double(totalBlockWeight * Float(a.count / count))
    }

    /// RMS error on 0–255 over what is matched, of two byte pictures of the mask's size.
    func rms(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let toPlanes = { (bytes: [UInt8]) in Generator.planes(bytes, channels: 3).map { ($0 + 1) * 127.5 } }
        return fine(toPlanes(a), toPlanes(b)).squareRoot()
    }
}
