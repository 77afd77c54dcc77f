import CHardware

/// The engine's one hot loop: 6 output pixels x 16 output channels, summed over taps and input
/// channels, with the bias added first and ReLU / leaky ReLU applied before the store.
///
/// Twelve 8-wide accumulators, two weight loads and a broadcast fill AVX2's 16 vector registers
/// (a 4x32 block of 16-wide vectors spilled to the stack on every step). Every output value is
/// summed in the same order — bias, then tap by tap, channel by channel — whichever block, batch
/// or thread it lands in, so results never depend on batch size or thread count.
enum MicroKernel {
    static let rows = 6, width = 16
    /// Weights are asked for this many floats (16 steps) ahead of their use.
    static let prefetchDistance = 1024
    typealias V8 = SIMD8<Float>

    /// What happens to a block's sums before they are stored.
    enum Clamp: Sendable, Equatable {
        case none
        case relu
        case leaky(Float)
    }

    /// For r in 0..<6: out[r][0..<count] = clamp(bias + Σ_t Σ_ci rows[t·6 + r][ci] · weights[t][ci·16 ..< ci·16 + 16]).
    /// `rows` holds six input pointers per tap (each to `channels` floats); `weights` one packed
    /// panel (channels x 16) per tap; `out` six output pointers. `count` ≤ 16 channels are stored.
    @inline(__always)
    static func block(
        taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<Float>>,
        bias: UnsafePointer<Float>, out: UnsafePointer<UnsafeMutablePointer<Float>>, count: Int, clamp: Clamp
    ) {
        let b0 = load(bias), b1 = load(bias + 8)
        var c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1
        var c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1
        for t in 0..<taps {
            let r = rows + t * 6
            let a0 = r[0], a1 = r[1], a2 = r[2], a3 = r[3], a4 = r[4], a5 = r[5]
            var w = weights[t]
            for ci in 0..<channels {
                ganvas_prefetch(w + prefetchDistance)
                let w0 = load(w), w1 = load(w + 8)
                var x = V8(repeating: a0[ci]); c00.addProduct(x, w0); c01.addProduct(x, w1)
                x = V8(repeating: a1[ci]); c10.addProduct(x, w0); c11.addProduct(x, w1)
                x = V8(repeating: a2[ci]); c20.addProduct(x, w0); c21.addProduct(x, w1)
                x = V8(repeating: a3[ci]); c30.addProduct(x, w0); c31.addProduct(x, w1)
                x = V8(repeating: a4[ci]); c40.addProduct(x, w0); c41.addProduct(x, w1)
                x = V8(repeating: a5[ci]); c50.addProduct(x, w0); c51.addProduct(x, w1)
                w += 16
            }
        }
        store(clamped(c00, clamp), clamped(c01, clamp), out[0], count)
        store(clamped(c10, clamp), clamped(c11, clamp), out[1], count)
        store(clamped(c20, clamp), clamped(c21, clamp), out[2], count)
        store(clamped(c30, clamp), clamped(c31, clamp), out[3], count)
        store(clamped(c40, clamp), clamped(c41, clamp), out[4], count)
        store(clamped(c50, clamp), clamped(c51, clamp), out[5], count)
    }

    /// One row alone: the same sums in the same order as `block` (so results are identical), for
    /// a dense layer on one sample, where six padded rows would do six times the work.
    @inline(__always)
    static func row(
        _ r: Int, taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<Float>>,
        bias: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>, count: Int, clamp: Clamp
    ) {
        var c0 = load(bias), c1 = load(bias + 8)
        for t in 0..<taps {
            let a = rows[t * 6 + r]
            var w = weights[t]
            for ci in 0..<channels {
                ganvas_prefetch(w + prefetchDistance)
                let x = V8(repeating: a[ci])
                c0.addProduct(x, load(w)); c1.addProduct(x, load(w + 8))
                w += 16
            }
        }
        store(clamped(c0, clamp), clamped(c1, clamp), out, count)
    }

    /// Layers of at most three output channels (the picture's RGB): vectors run along the input
    /// channels instead, three rows x three channels of 8-wide partial sums (nine accumulators: a
    /// fourth channel spilled them to the stack), each added up at the end. `weights` holds one
    /// [3][channels] panel per tap; rows r0 ..< r0 + 3 are computed; `channels` is a multiple of 8.
    @inline(__always)
    static func narrowBlock(
        _ r0: Int, taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<Float>>,
        bias: UnsafePointer<Float>, out: UnsafePointer<UnsafeMutablePointer<Float>>, count: Int, clamp: Clamp
    ) {
        var s00 = V8(), s01 = V8(), s02 = V8(), s10 = V8(), s11 = V8(), s12 = V8(), s20 = V8(), s21 = V8(), s22 = V8()
        for t in 0..<taps {
            let a0 = rows[t * 6 + r0], a1 = rows[t * 6 + r0 + 1], a2 = rows[t * 6 + r0 + 2]
            let w0 = weights[t], w1 = w0 + channels, w2 = w1 + channels
            var ci = 0
            while ci < channels {  // a `stride` loop here was not inlined and spilled every accumulator
                let x0 = load(a0 + ci), x1 = load(a1 + ci), x2 = load(a2 + ci)
                var w = load(w0 + ci); s00.addProduct(x0, w); s10.addProduct(x1, w); s20.addProduct(x2, w)
                w = load(w1 + ci); s01.addProduct(x0, w); s11.addProduct(x1, w); s21.addProduct(x2, w)
                w = load(w2 + ci); s02.addProduct(x0, w); s12.addProduct(x1, w); s22.addProduct(x2, w)
                ci += 8
            }
        }
        let b = load(bias)
        store(clamped(b + sums(s00, s01, s02), clamp), V8(), out[r0], count)
        store(clamped(b + sums(s10, s11, s12), clamp), V8(), out[r0 + 1], count)
        store(clamped(b + sums(s20, s21, s22), clamp), V8(), out[r0 + 2], count)
    }

    @inline(__always)
    static func sums(_ a: V8, _ b: V8, _ c: V8) -> V8 {
        V8(a.sum(), b.sum(), c.sum(), 0, 0, 0, 0, 0)
    }

    @inline(__always)
    static func clamped(_ v: V8, _ clamp: Clamp) -> V8 {
        switch clamp {
        case .none: return v
        case .relu: return v.replacing(with: 0, where: v .< 0)
        case .leaky(let slope): return v.replacing(with: v * slope, where: v .< 0)
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V8 {
        UnsafeRawPointer(p).loadUnaligned(as: V8.self)
    }

    @inline(__always)
    static func store(_ low: V8, _ high: V8, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
        if count == 16 {
            UnsafeMutableRawPointer(p).storeBytes(of: low, as: V8.self)
            UnsafeMutableRawPointer(p + 8).storeBytes(of: high, as: V8.self)
        } else {
            for i in 0..<count { p[i] = i < 8 ? low[i] : high[i - 8] }
        }
    }
}
