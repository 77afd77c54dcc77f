import CHardware

/// The engine's hot loops. `block`: 6 output pixels x 16 output channels, summed over taps and
/// input channels, with the bias added first (or a scale and bias after) and ReLU / leaky ReLU
/// applied before the store; `row`: the same for one pixel; `narrowBlock`: at most 3 channels;
/// `blockOfTwo` (AVX-512 builds) and `rowOfFourBlocks`: two or four blocks of 16 channels a call.
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
    /// With `scale` (batch norm kept out of half-precision weights), sums start at zero and end
    /// as sum · scale + bias instead.
    @inline(__always)
    static func block<W: PanelWeight>(
        taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<W>>,
        bias: UnsafePointer<Float>, scale: UnsafePointer<Float>? = nil, out: UnsafePointer<UnsafeMutablePointer<Float>>,
        count: Int, clamp: Clamp
    ) {
        // One 16-wide accumulator a row: two 8-wide halves on AVX2 (as before), one register on
        // AVX-512 (half the instructions). The lanes sum in the same order either way.
        let b = scale == nil ? load16(bias) : V16()
        var c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b
        for t in 0..<taps {
            let r = rows + t * 6
            let a0 = r[0], a1 = r[1], a2 = r[2], a3 = r[3], a4 = r[4], a5 = r[5]
            var w = weights[t]
            for ci in 0..<channels {
                ganvas_prefetch(w + prefetchDistance)
                let wv = W.load16(w)
                c0.addProduct(V16(repeating: a0[ci]), wv)
                c1.addProduct(V16(repeating: a1[ci]), wv)
                c2.addProduct(V16(repeating: a2[ci]), wv)
                c3.addProduct(V16(repeating: a3[ci]), wv)
                c4.addProduct(V16(repeating: a4[ci]), wv)
                c5.addProduct(V16(repeating: a5[ci]), wv)
                w += 16
            }
        }
        func finish(_ c: V16) -> V16 { finished(c, 0, bias: bias, scale: scale, clamp: clamp) }
        store16(finish(c0), out[0], count)
        store16(finish(c1), out[1], count)
        store16(finish(c2), out[2], count)
        store16(finish(c3), out[3], count)
        store16(finish(c4), out[4], count)
        store16(finish(c5), out[5], count)
    }

    /// Whether `blockOfTwo` may be used: it needs AVX-512's 32 vector registers.
    static let twoBlocks = GANVAS_WIDE_VECTORS != 0

    /// `block` for two neighbouring blocks of 16 channels (the second's weights at
    /// `weights[t] + blockStride`), into `out[r]` and `out[r] + 16`; both blocks whole. Twelve
    /// sums: each broadcast input feeds two multiply-adds, so the loads per multiply-add fall from
    /// 7/6 to 8/12 and the vector units, not the loads, set the pace. Same order, same results.
    /// `FourRows` computes and stores rows 0..<4 only: a 16-row matrix is then 6 + 6 + 4 rows, not 18.
    /// (A type, not a number, so each count is compiled on its own, with no test in the loop.)
    @inline(__always)
    static func blockOfTwo<W: PanelWeight, Live: LiveRows>(
        taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<W>>,
        blockStride: Int, bias: UnsafePointer<Float>, scale: UnsafePointer<Float>? = nil,
        out: UnsafePointer<UnsafeMutablePointer<Float>>, clamp: Clamp, live: Live.Type = SixRows.self
    ) {
        let liveRows = Live.count
        let b = scale == nil ? load16(bias) : V16(), e = scale == nil ? load16(bias + 16) : V16()
        var c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b
        var d0 = e, d1 = e, d2 = e, d3 = e, d4 = e, d5 = e
        for t in 0..<taps {
            let r = rows + t * 6
            let a0 = r[0], a1 = r[1], a2 = r[2], a3 = r[3], a4 = r[4], a5 = r[5]
            var w = weights[t]
            for ci in 0..<channels {
                ganvas_prefetch(w + prefetchDistance); ganvas_prefetch(w + blockStride + prefetchDistance)
                let u = W.load16(w), v = W.load16(w + blockStride)
                var x = V16(repeating: a0[ci]); c0.addProduct(x, u); d0.addProduct(x, v)
                x = V16(repeating: a1[ci]); c1.addProduct(x, u); d1.addProduct(x, v)
                x = V16(repeating: a2[ci]); c2.addProduct(x, u); d2.addProduct(x, v)
                x = V16(repeating: a3[ci]); c3.addProduct(x, u); d3.addProduct(x, v)
                if liveRows > 4 {
                    x = V16(repeating: a4[ci]); c4.addProduct(x, u); d4.addProduct(x, v)
                    x = V16(repeating: a5[ci]); c5.addProduct(x, u); d5.addProduct(x, v)
                }
                w += 16
            }
        }
        func finish(_ c: V16, _ k: Int) -> V16 { finished(c, k, bias: bias, scale: scale, clamp: clamp) }
        store16(finish(c0, 0), out[0], 16); store16(finish(d0, 16), out[0] + 16, 16)
        store16(finish(c1, 0), out[1], 16); store16(finish(d1, 16), out[1] + 16, 16)
        store16(finish(c2, 0), out[2], 16); store16(finish(d2, 16), out[2] + 16, 16)
        store16(finish(c3, 0), out[3], 16); store16(finish(d3, 16), out[3] + 16, 16)
        if liveRows > 4 {
            store16(finish(c4, 0), out[4], 16); store16(finish(d4, 16), out[4] + 16, 16)
            store16(finish(c5, 0), out[5], 16); store16(finish(d5, 16), out[5] + 16, 16)
        }
    }

    typealias V16 = SIMD16<Float>

    /// Channels k ..< k + 16 of a block's sums made final: with batch norm's `scale` kept apart the
    /// sums started at zero and become sum · scale + bias (else the bias is already in); then clamped.
    @inline(__always)
    static func finished(_ c: V16, _ k: Int, bias: UnsafePointer<Float>, scale: UnsafePointer<Float>?, clamp: Clamp) -> V16 {
        clamped16(scale.map { c * load16($0 + k) + load16(bias + k) } ?? c, clamp)
    }

    @inline(__always)
    static func load16(_ p: UnsafePointer<Float>) -> V16 { UnsafeRawPointer(p).loadUnaligned(as: V16.self) }

    /// `clamped` for 16 wide: written out again because a generic version over SIMD was not
    /// specialised in the hot loop (1.10 ms a glyphs picture instead of 0.69 ms).
    @inline(__always)
    static func clamped16(_ v: V16, _ clamp: Clamp) -> V16 {
        switch clamp {
        case .none: return v
        case .relu: return v.replacing(with: 0, where: v .< 0)
        case .leaky(let slope): return v.replacing(with: v * slope, where: v .< 0)
        }
    }

    @inline(__always)
    static func store16(_ v: V16, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
        if count == 16 {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: V16.self)
        } else {
            for i in 0..<count { p[i] = v[i] }
        }
    }

    /// One row alone: the same sums in the same order as `block` (so results are identical), for
    /// a dense layer on one sample, where six padded rows would do six times the work.
    @inline(__always)
    static func row<W: PanelWeight>(
        _ r: Int, taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<W>>,
        bias: UnsafePointer<Float>, scale: UnsafePointer<Float>? = nil, out: UnsafeMutablePointer<Float>, count: Int, clamp: Clamp
    ) {
        var c0 = scale == nil ? load(bias) : V8(), c1 = scale == nil ? load(bias + 8) : V8()
        for t in 0..<taps {
            let a = rows[t * 6 + r]
            var w = weights[t]
            for ci in 0..<channels {
                ganvas_prefetch(w + prefetchDistance)
                let x = V8(repeating: a[ci])
                c0.addProduct(x, W.load8(w)); c1.addProduct(x, W.load8(w + 8))
                w += 16
            }
        }
        if let scale {
            c0 = rescale(c0, load(scale), load(bias))
            c1 = rescale(c1, load(scale + 8), load(bias + 8))
        }
        store(clamped(c0, clamp), clamped(c1, clamp), out, count)
    }

    /// `row` for four neighbouring blocks of 16 channels at once (the weights of block j are at
    /// `weights[t] + j · blockStride`): with one block, each multiply-add waits for the one before
    /// (a dense layer on one sample ran at a quarter of the vector units' speed); four blocks give
    /// the units four independent sums. Each value is summed in `row`'s order, so results are identical.
    @inline(__always)
    static func rowOfFourBlocks<W: PanelWeight>(
        _ r: Int, taps: Int, channels: Int, rows: UnsafePointer<UnsafePointer<Float>>, weights: UnsafePointer<UnsafePointer<W>>,
        blockStride: Int, bias: UnsafePointer<Float>, scale: UnsafePointer<Float>? = nil, out: UnsafeMutablePointer<Float>, clamp: Clamp
    ) {
        let s1 = blockStride, s2 = 2 * blockStride, s3 = 3 * blockStride
        var c0 = scale == nil ? load16(bias) : V16(), c1 = scale == nil ? load16(bias + 16) : V16()
        var c2 = scale == nil ? load16(bias + 32) : V16(), c3 = scale == nil ? load16(bias + 48) : V16()
        for t in 0..<taps {
            let a = rows[t * 6 + r]
            var w = weights[t]
            for ci in 0..<channels {
                ganvas_prefetch(w + prefetchDistance); ganvas_prefetch(w + s2 + prefetchDistance)
                let x = V16(repeating: a[ci])
                c0.addProduct(x, W.load16(w)); c1.addProduct(x, W.load16(w + s1))
                c2.addProduct(x, W.load16(w + s2)); c3.addProduct(x, W.load16(w + s3))
                w += 16
            }
        }
        func finish(_ c: V16, _ k: Int) -> V16 { finished(c, k, bias: bias, scale: scale, clamp: clamp) }
        store16(finish(c0, 0), out, 16); store16(finish(c1, 16), out + 16, 16)
        store16(finish(c2, 32), out + 32, 16); store16(finish(c3, 48), out + 48, 16)
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

    /// sum · scale + bias, one function so `block` and `row` round alike.
    @inline(__always)
    static func rescale(_ sum: V8, _ scale: V8, _ bias: V8) -> V8 { sum * scale + bias }

    @inline(__always)
    static func clamped(_ v: Float, _ clamp: Clamp) -> Float {
        switch clamp {
        case .none: return v
        case .relu: return v < 0 ? 0 : v
        case .leaky(let slope): return v < 0 ? v * slope : v
        }
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

/// How many of a block's six rows `MicroKernel.blockOfTwo` computes.
protocol LiveRows { static var count: Int { get } }
enum SixRows: LiveRows { static var count: Int { 6 } }
enum FourRows: LiveRows { static var count: Int { 4 } }

/// What a weight panel holds: float32, or half precision where the model file's weights are
/// exactly half-precision numbers (then half the bytes stream from memory, and the sums are the same).
protocol PanelWeight {
    static func load8(_ p: UnsafePointer<Self>) -> SIMD8<Float>
    static func load16(_ p: UnsafePointer<Self>) -> SIMD16<Float>
}

extension Float: PanelWeight {
    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    @inline(__always)
    static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }
}

extension Float16: PanelWeight {
    @inline(__always)
    static func load8(_ p: UnsafePointer<Float16>) -> SIMD8<Float> {
        SIMD8<Float>(UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float16>.self))
    }
    @inline(__always)
    static func load16(_ p: UnsafePointer<Float16>) -> SIMD16<Float> {
        // Two 8-wide conversions: the 16-wide one was not inlined (a call per load).
        SIMD16<Float>(lowHalf: load8(p), highHalf: load8(p + 8))
    }
}
