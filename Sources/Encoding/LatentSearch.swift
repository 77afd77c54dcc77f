import Foundation
import Imaging
import Latent
import Neural

/// A picture into a style: the latent whose picture is closest to it. The style's encoder (when
/// it ships one) gives a first guess in one pass; a gradient-free search (separable CMA-ES) then
/// refines it against the picture within a budget. The search is seeded and its budget is a fixed
/// amount of work, so the same picture gives the same latent on every run.
public struct LatentSearch: Sendable {
    public let generator: Generator
    public let encoder: Encoder?
    public let background: PixelFit.Colour

    /// The default budget: well inside the 2 s a picture may take on one thread.
    public static let defaultBudgetMilliseconds = 1000
    public static let budgetRange = 0...600_000
    /// Work (`Network.workPerSample` units, mostly multiply-adds) one thread of a laptop CPU gets
    /// through per millisecond of search, set so that a 1,000 ms budget took about a second here
    /// (`ganvas bench --encode`, 2-core Xeon). Budgets are work, not wall time, so results do not
    /// depend on the machine or its load.
    public static let nominalWorkPerMillisecond = 40e6

    public init(generator: Generator, encoder: Encoder?, background: PixelFit.Colour? = nil) {
        self.generator = generator
        self.encoder = encoder
        self.background = background ?? encoder?.card.background ?? Self.background(of: generator)
    }

    /// The outcome: the latent, the fitted target, and how close its picture came.
    public struct Result: Sendable {
        public var latent: [Float]
        public var target: RGBImage
        /// RMS error of the latent's picture against the target, on 0–255.
        public var rms: Double
        public var evaluations: Int
        /// RMS error of the starting point (the encoder's guess, or the best seed tried).
        public var startRMS: Double
    }

    /// How many generator runs a budget of `milliseconds` buys.
    public func evaluations(forMilliseconds milliseconds: Int) -> Int {
        // The engine's work, plus the loss and the search's own per-sample work (which dominate
        // for tiny generators), in multiply-add equivalents.
        let side = Double(generator.resolution), dimension = Double(generator.latentDim)
        let perRun = generator.network.workPerSample + 64 * (3 * side * side + dimension) + 1e6
        return Int(min(Double(Int32.max), Double(max(milliseconds, 0)) * Self.nominalWorkPerMillisecond / perRun))
    }

    public func encode(_ picture: RGBImage, budgetMilliseconds: Int = defaultBudgetMilliseconds, seed: UInt64 = 1) -> Result {
        encode(picture, options: EncodeOptions(budgetMilliseconds: budgetMilliseconds, seed: seed))!
    }

    /// The search under `options` (what is matched, holes, an anchor). `shouldStop` is asked
    /// between generations: when it says yes the search gives up and returns nil (a newer
    /// request superseded it), so a result is always the whole budget's and the same every run.
    public func encode(_ picture: RGBImage, options: EncodeOptions, shouldStop: (() -> Bool)? = nil) -> Result? {
        let target = PixelFit.fit(picture, side: generator.resolution, background: background)
        let side = generator.resolution
        let weights = options.weights.flatMap { $0.count == side * side ? $0 : nil }
            ?? (options.fill ? PixelFit.knownWeights(picture, side: side) : nil)
        let anchor = options.anchor.flatMap { $0.count == generator.latentDim ? ($0, options.anchorWeight) : nil }
        var loss = LatentLoss(generator: generator, target: Generator.planes(target.pixels, channels: target.channels),
                              weights: weights, match: options.match, anchor: anchor,
                              onShell: encoder?.card.guessesOnShell ?? false,
                              colourFloor: options.match == .luma ? Colourfulness.typical(of: generator) : nil)
        let budget = evaluations(forMilliseconds: options.budgetMilliseconds)
        let start = startingPoint(target, loss: &loss, budget: budget)
        // Matching part of a picture (holes, luminance) keeps the wide first step: its loss sees less,
        // and a wide step is what leaves a grey picture's grey guess (probed, colourised icons kept
        // 0.29x of the real pictures' colourfulness; with the wide step 0.91x).
        let sigma = options.isPlainMatch ? initialStep(around: start, loss: &loss, budget: budget, seed: options.seed)
            : (encoder == nil ? 0.5 : 0.25)
        var search = SeparableCMAES(mean: start, sigma: sigma, populationSize: Self.populationSize, seed: options.seed)
        while loss.evaluations + search.populationSize <= budget {
            if shouldStop?() == true { return nil }
            let candidates = search.ask()
            search.tell(loss.evaluate(candidates))
        }
        let measure = { (latent: [Float]) in options.isPlain ? self.rms(latent, target) : self.matchedRMS(latent, target, loss) }
        return Result(latent: loss.best.latent, target: target, rms: measure(loss.best.latent),
                      evaluations: loss.evaluations, startRMS: measure(start))
    }

    /// RMS error on 0–255 of a latent's picture, as bytes the way it is saved, against the target.
    func rms(_ latent: [Float], _ target: RGBImage) -> Double {
        let side = generator.resolution
        return RGBImage(width: side, height: side, pixels: generator.pixels(for: [latent])[0]).rmsDifference(target)
    }

    /// The same over what the search matched: known pixels only, luminance only when so asked.
    func matchedRMS(_ latent: [Float], _ target: RGBImage, _ loss: LatentLoss) -> Double {
        let mask = loss.mask ?? PixelMask(weights: [Float](repeating: 1, count: target.width * target.height), side: target.width,
            match: .colour)
        return mask.rms(generator.pixels(for: [latent])[0], target.pixels)
    }

    /// The encoder's guess (of the target with its unknown pixels continued from the known ones),
    /// or for a style without one the best of a share of the budget in seeds.
    /// (Starting instead from whichever of the guess and 15 seeds was closer did worse: 0.65x of
    /// random against 0.63x on emoji, the guess being a better place to search from.) With an
    /// anchor, the anchor itself and the way between it and the guess are candidates too: an
    /// edit that asks little should start from where it was.
    func startingPoint(_ target: RGBImage, loss: inout LatentLoss, budget: Int) -> [Float] {
        if let encoder {
            let shown = loss.mask.map { HoleContinuation.continued(loss.target, weights: $0.weights, side: target.width) } ?? loss.target
            let guess = encoder.forward(Tensor(shape: [1, 3, target.height, target.width], data: shown)).data
            if guess.allSatisfy(\.isFinite) {  // else (a broken encoder file) the seeds below
                guard let anchor = loss.anchor?.latent else {
                    _ = loss.evaluate([guess])
                    return loss.best.latent  // the guess (on the shell, where the card asks it)
                }
                _ = loss.evaluate([guess, anchor] + [0.25, 0.5, 0.75].map { Interpolation.slerp(anchor, guess, $0) })
                return loss.best.latent
            }
        }
        if let anchor = loss.anchor?.latent { _ = loss.evaluate([anchor]) }
        let seeds = max(1, min(256, budget / 4))
        for first in stride(from: 1, through: seeds, by: 32) {
            let batch = (first...min(seeds, first + 31)).map { seededLatent(seed: UInt64($0), dimension: generator.latentDim) }
            _ = loss.evaluate(batch)
        }
        return loss.best.latent
    }

    /// The search's first step size: the largest of a few whose probes come closest. A fixed 0.25
    /// (0.5 from seeds) was far too wide where a style's pictures change fast around the guess
    /// (glyphs: every first candidate was worse than the encoder's guess, so on seven of eight
    /// photos the search never moved off it before its budget ran out). Seeded, so the same
    /// picture still gives the same latent.
    func initialStep(around start: [Float], loss: inout LatentLoss, budget: Int, seed: UInt64) -> Double {
        let widest = encoder == nil ? 0.5 : 0.25
        let steps = [widest, widest / 3, widest / 9]
        guard budget >= 4 * steps.count * Self.probesPerStep else { return widest }
        var random = SplitMix64(seed: seed ^ 0x5EED_5EED)
        var best = (step: widest, loss: Double.infinity)
        for step in steps {
            var probes: [[Float]] = []
            for _ in 0..<(Self.probesPerStep / 2) {
                let direction = start.map { _ in Float(random.nextNormal()) }
                probes.append(zip(start, direction).map { $0 + Float(step) * $1 })
                probes.append(zip(start, direction).map { $0 - Float(step) * $1 })
            }
            let closest = loss.evaluate(probes).min() ?? .infinity
            if closest < best.loss { best = (step, closest) }
        }
        return best.step
    }

    /// Probes per trial step size (mirrored pairs): 12 generator runs of a budget's ~1,300.
    static let probesPerStep = 4

    /// Small populations won at budgets of about a thousand runs (bench --encode on emoji: 6 to 12
    /// best; 24 and 48 lost 5-10 % of the gain), more generations mattering more than better steps.
    static let populationSize = 10

    /// The median colour of the border of the style's first pictures, for styles without an encoder.
    static func background(of generator: Generator) -> PixelFit.Colour {
        let pictures = generator.pixels(for: (1...8).map { seededLatent(seed: UInt64($0), dimension: generator.latentDim) })
        let side = generator.resolution
        var channels: [[UInt8]] = [[], [], []]
        for pixels in pictures {
            for y in 0..<side {
                for x in 0..<side where y == 0 || x == 0 || y == side - 1 || x == side - 1 {
                    for c in 0..<3 { channels[c].append(pixels[(y * side + x) * 3 + c]) }
                }
            }
        }
        let median = channels.map { $0.sorted()[$0.count / 2] }
        return (median[0], median[1], median[2])
    }
}
