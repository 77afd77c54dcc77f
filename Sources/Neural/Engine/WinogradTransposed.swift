/// DCGAN's upsampling layer — a transposed convolution with kernel 4, stride 2, padding 1 — as four
/// 2x2 correlations, one per output phase (odd/even row x odd/even column), each computed by
/// Winograd's F(2x2, 2x2) (Lavin & Gray 2016): 9 multiplies per 2x2 outputs instead of 16.
///
/// With B = [[1,0,0],[-1,1,-1],[0,0,1]], G = [[1,0],[1,1],[0,1]], A = [[1,0],[1,1],[0,1]]:
/// Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ D B)]A for a 3x3 input tile D and 2x2 filter g; every coefficient is 0 or ±1,
/// so the transforms are additions and the results are as accurate as the direct sum.
/// The nine element-wise products, summed over input channels, are nine matrix products run by
/// `MicroKernel`. Used only where the choice depends on the layer alone (never on the batch), so a
/// picture is the same alone or in a batch.
struct WinogradTransposed: Sendable {
    let inChannels: Int
    let outChannels: Int
    let height: Int
    let width: Int
    let bias: [Float]
    var clamp: MicroKernel.Clamp = .none
    /// Per phase: [9 positions][channelBlock][inChannel][16], U = G g Gᵀ.
    let weights: [[Float]]

    /// Output phase: output row oy = 2j + rowOffset reads input rows j + rowBase + {0, 1} with
    /// kernel rows rowTaps (likewise for columns).
    struct Phase {
        let rowOffset: Int, rowBase: Int, rowTaps: (Int, Int)
        let colOffset: Int, colBase: Int, colTaps: (Int, Int)
    }

    static let phases: [Phase] = [(1, 0, (2, 0)), (0, -1, (3, 1))].flatMap { row in
        [(1, 0, (2, 0)), (0, -1, (3, 1))].map { col in
            Phase(rowOffset: row.0, rowBase: row.1, rowTaps: row.2, colOffset: col.0, colBase: col.1, colTaps: col.2)
        }
    }

    /// Layers worth it: input at least 8x8 (smaller ones read more transformed weight than they save),
    /// whole vectors of input channels and whole blocks of output channels.
    static func applies(_ g: ConvGeometry, height: Int, width: Int) -> Bool {
        g.kernel == 4 && g.stride == 2 && g.padding == 1 && g.outputPadding == 0 && height >= 8 && width >= 8
            && g.inChannels % 8 == 0 && g.outChannels % MicroKernel.width == 0
    }

    /// `weight` is PyTorch's [Cin, Cout, 4, 4].
    init(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?) {
        inChannels = g.inChannels
        outChannels = g.outChannels
        self.height = height
        self.width = width
        self.bias = bias ?? [Float](repeating: 0, count: g.outChannels)
        let blocks = g.outChannels / MicroKernel.width
        weights = Self.phases.map { Self.pack(weight, g, phase: $0, blocks: blocks) }
    }

    /// U = G g Gᵀ of every (input, output) channel pair for one phase, as [9][block][Cin][16].
    static func pack(_ weight: [Float], _ g: ConvGeometry, phase: Phase, blocks: Int) -> [Float] {
        var packed = [Float](repeating: 0, count: 9 * g.inChannels * g.outChannels)
        let (y0, y1, x0, x1) = (phase.rowTaps.0 * 4, phase.rowTaps.1 * 4, phase.colTaps.0, phase.colTaps.1)
        weight.withUnsafeBufferPointer { w in
            packed.withUnsafeMutableBufferPointer { out in
                for ci in 0..<g.inChannels {
                    for co in 0..<g.outChannels {
                        let k = w.baseAddress! + (ci * g.outChannels + co) * 16
                        let u = filterTransform(k[y0 + x0], k[y0 + x1], k[y1 + x0], k[y1 + x1])
                        let (block, lane) = co.quotientAndRemainder(dividingBy: MicroKernel.width)
                        let target = (block * g.inChannels + ci) * MicroKernel.width + lane
                        let stride = blocks * g.inChannels * MicroKernel.width
                        withUnsafeBytes(of: u) { u in
                            for xi in 0..<9 { out[xi * stride + target] = u.load(fromByteOffset: xi * 4, as: Float.self) }
                        }
                    }
                }
            }
        }
        return packed
    }

    /// G g Gᵀ for g = [[g00, g01], [g10, g11]], row-major 3x3.
    @inline(__always)
    static func filterTransform(_ g00: Float, _ g01: Float, _ g10: Float, _ g11: Float)
        -> (Float, Float, Float, Float, Float, Float, Float, Float, Float) {
        let m0 = g00 + g10, m1 = g01 + g11
        return (g00, g00 + g01, g01, m0, m0 + m1, m1, g10, g10 + g11, g11)
    }

    var tilesDown: Int { (height + 1) / 2 }
    var tilesAcross: Int { (width + 1) / 2 }
    var outputSize: Int { 4 * height * width * outChannels }
}
