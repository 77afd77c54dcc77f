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
        weights = Self.phases.map { phase in
            var packed = [Float](repeating: 0, count: 9 * g.inChannels * g.outChannels)
            for ci in 0..<g.inChannels {
                for co in 0..<g.outChannels {
                    func w(_ dy: Int, _ dx: Int) -> Float {
                        let ky = dy == 0 ? phase.rowTaps.0 : phase.rowTaps.1, kx = dx == 0 ? phase.colTaps.0 : phase.colTaps.1
                        return weight[((ci * g.outChannels + co) * 4 + ky) * 4 + kx]
                    }
                    let u = Self.filterTransform(w(0, 0), w(0, 1), w(1, 0), w(1, 1))
                    let (block, lane) = co.quotientAndRemainder(dividingBy: MicroKernel.width)
                    for xi in 0..<9 {
                        packed[((xi * blocks + block) * g.inChannels + ci) * MicroKernel.width + lane] = u[xi]
                    }
                }
            }
            return packed
        }
    }

    /// G g Gᵀ for g = [[g00, g01], [g10, g11]], row-major 3x3.
    static func filterTransform(_ g00: Float, _ g01: Float, _ g10: Float, _ g11: Float) -> [Float] {
        let rows = [(g00, g01), (g00 + g10, g01 + g11), (g10, g11)]
        return rows.flatMap { [$0.0, $0.0 + $0.1, $0.1] }
    }

    var tilesDown: Int { (height + 1) / 2 }
    var tilesAcross: Int { (width + 1) / 2 }
    var outputSize: Int { 4 * height * width * outChannels }
}
