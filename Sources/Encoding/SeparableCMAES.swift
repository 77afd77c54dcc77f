import Foundation
import Latent

/// Separable CMA-ES (Ros & Hansen 2008): the covariance is kept diagonal, so it learns in
/// O(n) per sample and adapts quickly in high dimension, where full CMA-ES would need far more
/// evaluations than a picture's time budget allows. Samples are mirrored in pairs (m ± σy), which
/// cancels sampling noise in the mean's step. Deterministic for a seed.
public struct SeparableCMAES: Sendable {
    public let dimension: Int
    public let populationSize: Int
    public private(set) var mean: [Double]
    public private(set) var sigma: Double
    private var variance: [Double]
    private var pathSigma: [Double]
    private var pathC: [Double]
    private var random: SplitMix64
    private var pending: [[Double]] = []  // the y of the last ask, in order
    private var generation = 0
    private let weights: [Double]
    private let muEff, cSigma, dSigma, cC, c1, cMu, chiN: Double

    public init(mean: [Float], sigma: Double, populationSize requested: Int? = nil, seed: UInt64) {
        let n = mean.count
        dimension = n
        let lambda = max(4, (requested ?? (4 + Int(3 * log(Double(max(n, 2)))))) / 2 * 2)
        populationSize = lambda
        self.mean = mean.map(Double.init)
        self.sigma = sigma
        variance = [Double](repeating: 1, count: n)
        pathSigma = [Double](repeating: 0, count: n)
        pathC = [Double](repeating: 0, count: n)
        random = SplitMix64(seed: seed)
        let mu = lambda / 2
        let raw = (1...mu).map { log(Double(mu) + 0.5) - log(Double($0)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        let muEff = 1 / weights.map { $0 * $0 }.reduce(0, +)
        self.muEff = muEff
        let dn = Double(n)
        cSigma = (muEff + 2) / (dn + muEff + 5)
        dSigma = 1 + 2 * max(0, ((muEff - 1) / (dn + 1)).squareRoot() - 1) + cSigma
        cC = (4 + muEff / dn) / (dn + 4 + 2 * muEff / dn)
        let separable = (dn + 2) / 3  // sep-CMA's faster learning rates for a diagonal model
        c1 = min(1, separable * 2 / ((dn + 1.3) * (dn + 1.3) + muEff))
        cMu = min(1 - c1, separable * 2 * (muEff - 2 + 1 / muEff) / ((dn + 2) * (dn + 2) + muEff))
        chiN = dn.squareRoot() * (1 - 1 / (4 * dn) + 1 / (21 * dn * dn))
    }

    /// The next generation's candidates.
    public mutating func ask() -> [[Float]] {
        pending = []
        var candidates: [[Float]] = []
        for _ in 0..<(populationSize / 2) {
            var y = [Double](repeating: 0, count: dimension)
            for i in 0..<dimension { y[i] = variance[i].squareRoot() * random.nextNormal() }
            for sign in [1.0, -1.0] {
                let signed = y.map { $0 * sign }
                pending.append(signed)
                candidates.append((0..<dimension).map { Float(mean[$0] + sigma * signed[$0]) })
            }
        }
        return candidates
    }

    /// Updates the distribution from the losses of the last `ask()`'s candidates (lower is better).
    public mutating func tell(_ losses: [Double]) {
        precondition(losses.count == pending.count, "tell() needs one loss per candidate")
        let order = losses.indices.sorted { (losses[$0], $0) < (losses[$1], $1) }
        let n = dimension
        var step = [Double](repeating: 0, count: n)  // y_w
        for (rank, w) in weights.enumerated() {
            let y = pending[order[rank]]
            for i in 0..<n { step[i] += w * y[i] }
        }
        for i in 0..<n { mean[i] += sigma * step[i] }
        let sigmaRate = (cSigma * (2 - cSigma) * muEff).squareRoot()
        for i in 0..<n { pathSigma[i] = (1 - cSigma) * pathSigma[i] + sigmaRate * step[i] / variance[i].squareRoot() }
        let pathLength = pathSigma.map { $0 * $0 }.reduce(0, +).squareRoot()
        generation += 1
        let pathIsShort = pathLength / (1 - pow(1 - cSigma, 2 * Double(generation))).squareRoot() < (1.4 + 2 / (Double(n) + 1)) * chiN
        let hSigma = pathIsShort ? 1.0 : 0.0  // a long path stalls the rank-one update
        let cRate = (cC * (2 - cC) * muEff).squareRoot()
        for i in 0..<n { pathC[i] = (1 - cC) * pathC[i] + hSigma * cRate * step[i] }
        for i in 0..<n {
            var rankMu = 0.0
            for (rank, w) in weights.enumerated() { let y = pending[order[rank]][i]; rankMu += w * y * y }
            let rankOne = pathC[i] * pathC[i] + (1 - hSigma) * cC * (2 - cC) * variance[i]
            variance[i] = max(1e-12, (1 - c1 - cMu) * variance[i] + c1 * rankOne + cMu * rankMu)
        }
        sigma *= exp(min(1, (cSigma / dSigma) * (pathLength / chiN - 1)))
    }
}
