/// A graph op with its shape: one value that `Network` (its reference path) and the engine's
/// `FastPlan` (channels-last) both hold, so each op is described once.
enum GraphOp: Sendable {
    /// Two same-shaped inputs added.
    case add
    /// The first input times the second; `perChannel`: the second is [C, 1, 1].
    case mul(channels: Int, pixels: Int, perChannel: Bool)
    /// Channel counts of the inputs, joined over `pixels`.
    case concat(channels: [Int], pixels: Int)
    /// `channels` output channels (the input has twice as many).
    case glu(channels: Int, pixels: Int)
    case avgPool(channels: Int, height: Int, width: Int, kernel: Int)
    case globalAvgPool(channels: Int, pixels: Int)
    /// `channels` output channels, `height`×`width` input pixels.
    case pixelShuffle(channels: Int, height: Int, width: Int, factor: Int)
    /// Features start..<start+count of a flat input of `of` features.
    case slice(start: Int, count: Int, of: Int)

    /// One line for `ganvas bench --layers`.
    var name: String {
        switch self {
        case .add: return "add"
        case .mul(let c, let p, let perChannel): return "mul \(c) ch x \(p) px\(perChannel ? " by channel" : "")"
        case .concat(let c, let p): return "concat \(c) ch x \(p) px"
        case .glu(let c, let p): return "glu \(c) ch x \(p) px"
        case .avgPool(let c, let h, let w, let k): return "avg pool \(k), \(c) ch, \(h)x\(w)"
        case .globalAvgPool(let c, let p): return "global avg pool \(c) ch x \(p) px"
        case .pixelShuffle(let c, let h, let w, let r): return "pixel shuffle x\(r), \(c) ch, \(h)x\(w)"
        case .slice(let start, let count, _): return "slice \(start)..<\(start + count)"
        }
    }
}
