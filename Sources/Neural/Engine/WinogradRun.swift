extension WinogradTransposed {
    typealias V8 = SIMD8<Float>
    /// Tiles transformed, multiplied and transformed back together: enough rows that each weight
    /// panel is used many times while cached, few enough that the transformed tiles stay in L2.
    static let chunk = 48

    /// Channels-last input [batch][height][width][Cin] into output [batch][2·height][2·width][Cout].
    /// `zeros` holds at least `inChannels` zeros. With threads > 1 the products share out channel blocks.
    func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
                 zeros: UnsafePointer<Float>, threads: Int = 1) {
        let total = batch * tilesDown * tilesAcross
        let transformed = UnsafeMutablePointer<Float>.allocate(capacity: 9 * Self.chunk * inChannels)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: 9 * Self.chunk * outChannels)
        defer { transformed.deallocate(); products.deallocate() }
        for (phase, packed) in zip(Self.phases, weights) {
            packed.withUnsafeBufferPointer { u in
                var start = 0
                while start < total {
                    let count = min(Self.chunk, total - start)
                    for slot in 0..<count { transformInput(tile: start + slot, slot: slot, phase, input, transformed, zeros) }
                    multiply(u.baseAddress!, transformed, products, count: count, zeros: zeros, threads: threads)
                    for slot in 0..<count { transformOutput(tile: start + slot, slot: slot, phase, products, output) }
                    start += count
                }
            }
        }
    }

    /// Bᵀ D B for one tile, vectors of 8 input channels at a time, into slot `slot` of the nine
    /// [chunk][Cin] matrices.
    func transformInput(tile: Int, slot: Int, _ phase: Phase, _ input: UnsafePointer<Float>,
                        _ v: UnsafeMutablePointer<Float>, _ zeros: UnsafePointer<Float>) {
        let (sample, inSample) = tile.quotientAndRemainder(dividingBy: tilesDown * tilesAcross)
        let (ty, tx) = inSample.quotientAndRemainder(dividingBy: tilesAcross)
        func pixel(_ r: Int, _ c: Int) -> UnsafePointer<Float> {
            let y = 2 * ty + phase.rowBase + r, x = 2 * tx + phase.colBase + c
            guard (0..<height).contains(y) && (0..<width).contains(x) else { return zeros }
            return input + ((sample * height + y) * width + x) * inChannels
        }
        let d00 = pixel(0, 0), d01 = pixel(0, 1), d02 = pixel(0, 2), d10 = pixel(1, 0), d11 = pixel(1, 1)
        let d12 = pixel(1, 2), d20 = pixel(2, 0), d21 = pixel(2, 1), d22 = pixel(2, 2)
        let stride = Self.chunk * inChannels, out = v + slot * inChannels
        @inline(__always)
        func channels<V: SIMD>(_ ch: Int, as _: V.Type) where V.Scalar == Float {
            func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p + ch).loadUnaligned(as: V.self) }
            func store(_ x: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p + ch).storeBytes(of: x, as: V.self) }
            let b0 = load(d10), b1 = load(d11), b2 = load(d12)
            // Bᵀ D: rows D0 − D1, D1, D2 − D1.
            let t00 = load(d00) - b0, t01 = load(d01) - b1, t02 = load(d02) - b2
            let t20 = load(d20) - b0, t21 = load(d21) - b1, t22 = load(d22) - b2
            // (Bᵀ D) B: columns X0 − X1, X1, X2 − X1.
            store(t00 - t01, out); store(t01, out + stride); store(t02 - t01, out + 2 * stride)
            store(b0 - b1, out + 3 * stride); store(b1, out + 4 * stride); store(b2 - b1, out + 5 * stride)
            store(t20 - t21, out + 6 * stride); store(t21, out + 7 * stride); store(t22 - t21, out + 8 * stride)
        }
        // 16 lanes while they fit (one AVX-512 register), then 8.
        var ch = 0
        while ch + 16 <= inChannels {
            channels(ch, as: SIMD16<Float>.self)
            ch += 16
        }
        while ch < inChannels {
            channels(ch, as: V8.self)
            ch += 8
        }
    }

    /// The nine [count x Cin] · [Cin x Cout] products.
    func multiply(_ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                  count: Int, zeros: UnsafePointer<Float>, threads: Int) {
        let blocks = outChannels / MicroKernel.width, rows = MicroKernel.rows
        let parts = Parallel.ranges(blocks, parts: threads)
        Parallel.run(parts.count) { part in
            let pointers = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: rows + 1)
            let outs = UnsafeMutablePointer<UnsafeMutablePointer<Float>>.allocate(capacity: rows)
            defer { pointers.deallocate(); outs.deallocate() }
            let panel = inChannels * MicroKernel.width
            for xi in 0..<9 {
                var block = parts[part].lowerBound
                while block < parts[part].upperBound {
                    // Two blocks a call where the registers allow (see `MicroKernel.blockOfTwo`).
                    let pair = MicroKernel.twoBlocks && block + 2 <= parts[part].upperBound
                    pointers[rows] = u + (xi * blocks + block) * panel
                    for first in stride(from: 0, to: count, by: rows) {
                        for r in 0..<rows {
                            let slot = min(first + r, count - 1)
                            pointers[r] = v + (xi * Self.chunk + slot) * inChannels
                            outs[r] = m + (xi * Self.chunk + slot) * outChannels + block * MicroKernel.width
                        }
                        // `zeros` doubles as the (absent) bias: the real one is added after the output transform.
                        if pair && count - first <= 4 {
                            MicroKernel.blockOfTwo(taps: 1, channels: inChannels, rows: pointers, weights: pointers + rows,
                                                   blockStride: panel, bias: zeros, out: outs, clamp: .none, live: FourRows.self)
                        } else if pair {
                            MicroKernel.blockOfTwo(taps: 1, channels: inChannels, rows: pointers, weights: pointers + rows,
                                                   blockStride: panel, bias: zeros, out: outs, clamp: .none)
                        } else if count - first <= 2 {
                            for r in 0..<(count - first) {
                                MicroKernel.row(r, taps: 1, channels: inChannels, rows: pointers, weights: pointers + rows,
                                                bias: zeros, out: outs[r], count: MicroKernel.width, clamp: .none)
                            }
                        } else {
                            MicroKernel.block(taps: 1, channels: inChannels, rows: pointers, weights: pointers + rows,
                                              bias: zeros, out: outs, count: MicroKernel.width, clamp: .none)
                        }
                    }
                    block += pair ? 2 : 1
                }
            }
        }
    }

    /// Aᵀ M A for one tile, plus the bias and the clamp, into the output pixels the tile covers.
    func transformOutput(tile: Int, slot: Int, _ phase: Phase, _ m: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        let (sample, inSample) = tile.quotientAndRemainder(dividingBy: tilesDown * tilesAcross)
        let (ty, tx) = inSample.quotientAndRemainder(dividingBy: tilesAcross)
        let stride = Self.chunk * outChannels, source = m + slot * outChannels
        func target(_ r: Int, _ c: Int) -> UnsafeMutablePointer<Float>? {
            let j = 2 * ty + r, i = 2 * tx + c
            guard j < height && i < width else { return nil }
            return output + ((sample * 2 * height + 2 * j + phase.rowOffset) * 2 * width + 2 * i + phase.colOffset) * outChannels
        }
        let y00 = target(0, 0), y01 = target(0, 1), y10 = target(1, 0), y11 = target(1, 1)
        bias.withUnsafeBufferPointer { bias in
            var ch = 0
            while ch < outChannels {
                let m10 = load(source + 3 * stride + ch), m11 = load(source + 4 * stride + ch), m12 = load(source + 5 * stride + ch)
                // Aᵀ M: rows M0 + M1, M1 + M2.
                let s00 = load(source + ch) + m10, s01 = load(source + stride + ch) + m11, s02 = load(source + 2 * stride + ch) + m12
                let s10 = m10 + load(source + 6 * stride + ch), s11 = m11 + load(source + 7 * stride + ch)
                let s12 = m12 + load(source + 8 * stride + ch)
                // (Aᵀ M) A: columns S0 + S1, S1 + S2; then the bias and the clamp.
                let b = load(bias.baseAddress! + ch)
                if let t = y00 { store(MicroKernel.clamped(b + (s00 + s01), clamp), t + ch) }
                if let t = y01 { store(MicroKernel.clamped(b + (s01 + s02), clamp), t + ch) }
                if let t = y10 { store(MicroKernel.clamped(b + (s10 + s11), clamp), t + ch) }
                if let t = y11 { store(MicroKernel.clamped(b + (s11 + s12), clamp), t + ch) }
                ch += 8
            }
        }
    }

    @inline(__always)
    func load(_ p: UnsafePointer<Float>) -> V8 { MicroKernel.load(p) }

    @inline(__always)
    func store(_ v: V8, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V8.self)
    }
}
