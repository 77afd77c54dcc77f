import Foundation
import Neural

/// What the search minimises for one target: the pixel error of a latent's picture at full size
/// and at a quarter of it (coarse shapes first, so the search is not led by fine detail alone),
/// plus a penalty for leaving the generator's typical set (|z| near √d): unpenalised, a search
/// drifts to latents the generator never saw in training, whose pictures break up.
struct LatentLoss {
    let generator: Generator
    let target: [Float]
    let coarseTarget: [Float]
    private(set) var evaluations = 0
    private(set) var best: (latent: [Float], loss: Double) = ([], .infinity)
    static let coarseWeight = 0.5
    static let priorWeight = 0.02

    init(generator: Generator, target: [Float]) {
        self.generator = generator
        self.target = target
        coarseTarget = Self.pooled(target, side: generator.resolution)
    }

    /// The losses of a batch of latents, keeping the best seen.
    mutating func evaluate(_ latents: [[Float]]) -> [Double] {
        let d = generator.latentDim
        let output = generator.forward(Tensor(shape: [latents.count, d], data: latents.flatMap { $0 }))
        let size = target.count
        var losses: [Double] = []
        for (i, z) in latents.enumerated() {
            let picture = Array(output.data[(i * size)..<((i + 1) * size)])
            let fine = Self.meanSquare(picture, target)
            let coarse = Self.meanSquare(Self.pooled(picture, side: generator.resolution), coarseTarget)
            let norm = (z.reduce(0) { $0 + Double($1) * Double($1) } / Double(d)).squareRoot()
            let sum = fine + Self.coarseWeight * coarse + Self.priorWeight * (norm - 1) * (norm - 1)
            let loss = sum.isNaN ? .infinity : sum  // a model file may make NaN; it never wins
            losses.append(loss)
            if loss < best.loss || best.latent.isEmpty { best = (z, loss) }
        }
        evaluations += latents.count
        return losses
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
