extension IndirectConv {
    /// Runs the layer on `batch` channels-last samples, input [batch][inputPixels][inChannels] into
    /// output [batch][outputPixels][outChannels]. `zeros` holds at least `inChannels` zeros (what
    /// taps past the border read). With threads > 1 the blocks of 16 output channels are shared out.
    func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
                 zeros: UnsafePointer<Float>, threads: Int = 1) {
        let parts = Parallel.ranges(channelBlocks, parts: threads)
        Parallel.run(parts.count) { part in
            for tapClass in classes {
                Runner(layer: self, tapClass: tapClass, input: input, output: output, batch: batch, zeros: zeros)
                    .run(channelBlocks: parts[part])
            }
        }
    }

    /// One class's rows over a range of channel blocks. Rows of all samples are taken in chunks of
    /// a few blocks: their pointers are found once per chunk, then every channel block runs over the
    /// chunk while its input pixels are still in cache.
    struct Runner {
        static let chunk = 16
        let layer: IndirectConv
        let tapClass: TapClass
        let input: UnsafePointer<Float>
        let output: UnsafeMutablePointer<Float>
        let batch: Int
        let zeros: UnsafePointer<Float>

        /// With few rows per call and many weights (or rows that come alone, for the one-row kernel),
        /// weights stream from memory faster than they are used: half-precision panels (when there
        /// are any) halve that traffic. Otherwise float32 saves the conversions, which cost a third
        /// of a busy kernel.
        static let halfPrecisionRows = 4 * MicroKernel.rows, halfPrecisionWeights = 1 << 20

        var useHalfPrecision: Bool {
            let rows = batch * tapClass.rows
            return !tapClass.halfWeights.isEmpty && rows <= Self.halfPrecisionRows
                && (tapClass.weights.count >= Self.halfPrecisionWeights || rows <= 2)
        }

        func run(channelBlocks: Range<Int>) {
            if !useHalfPrecision {
                tapClass.weights.withUnsafeBufferPointer { run(channelBlocks: channelBlocks, packed: $0.baseAddress!) }
            } else {
                tapClass.halfWeights.withUnsafeBufferPointer { run(channelBlocks: channelBlocks, packed: $0.baseAddress!) }
            }
        }

        func run<W: PanelWeight>(channelBlocks: Range<Int>, packed: UnsafePointer<W>) {
            let taps = tapClass.taps, rows = MicroKernel.rows, total = batch * tapClass.rows
            // Per block of the chunk: its active taps, six row pointers per active tap, six output offsets.
            let active = UnsafeMutablePointer<Int>.allocate(capacity: Self.chunk * (taps + 1))
            let pointers = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: Self.chunk * taps * rows)
            let outOffsets = UnsafeMutablePointer<Int>.allocate(capacity: Self.chunk * rows)
            let weights = UnsafeMutablePointer<UnsafePointer<W>>.allocate(capacity: max(taps, 1))
            let outs = UnsafeMutablePointer<UnsafeMutablePointer<Float>>.allocate(capacity: rows)
            let places = UnsafeMutablePointer<Int>.allocate(capacity: 2 * rows)
            defer {
                active.deallocate(); pointers.deallocate(); outOffsets.deallocate()
                weights.deallocate(); outs.deallocate(); places.deallocate()
            }
            withOptional(layer.scale) { scale in
                layer.bias.withUnsafeBufferPointer { bias in
                    var start = 0
                    while start < total {
                        let blocks = min(Self.chunk, (total - start + rows - 1) / rows)
                        for b in 0..<blocks {
                            prepare(firstRow: start + b * rows, total: total, active: active + b * (taps + 1), places: places,
                                    pointers: pointers + b * taps * rows, outOffsets: outOffsets + b * rows)
                        }
                        var block = channelBlocks.lowerBound
                        while block < channelBlocks.upperBound {
                            let group = blocksTogether(at: block, of: channelBlocks)
                            let panels = packed + block * taps * layer.panelFloats
                            let channel = block * MicroKernel.width
                            for b in 0..<blocks {
                                let list = active + b * (taps + 1)
                                for a in 0..<list[0] { weights[a] = panels + list[1 + a] * layer.panelFloats }
                                for r in 0..<rows { outs[r] = output + outOffsets[b * rows + r] + channel }
                                kernel(taps: list[0], rows: pointers + b * taps * rows, realRows: min(rows, total - start - b * rows),
                                       weights: weights, blocks: group, bias: bias.baseAddress! + channel,
                                       scale: scale.map { $0 + channel },
                                       out: outs, count: min(MicroKernel.width, layer.outChannels - channel))
                            }
                            block += group
                        }
                        start += blocks * rows
                    }
                }
            }
        }

        /// How many blocks of 16 channels from `block` on one kernel call takes: four whole ones
        /// for at most two rows (`MicroKernel.rowOfFourBlocks`), two whole ones with AVX-512
        /// (`MicroKernel.blockOfTwo`), else one.
        func blocksTogether(at block: Int, of range: Range<Int>) -> Int {
            func whole(_ n: Int) -> Bool {
                !layer.isNarrow && block + n <= range.upperBound && (block + n) * MicroKernel.width <= layer.outChannels
            }
            if batch * tapClass.rows <= 2 && whole(4) { return 4 }
            return MicroKernel.twoBlocks && whole(2) ? 2 : 1
        }

        /// Picks the micro-kernel for one block of six rows, of which `realRows` are distinct, and
        /// `blocks` (see `blocksTogether`) neighbouring blocks of 16 channels.
        @inline(__always)
        func kernel<W: PanelWeight>(taps: Int, rows: UnsafePointer<UnsafePointer<Float>>, realRows: Int,
            weights: UnsafePointer<UnsafePointer<W>>,
                                    blocks: Int, bias: UnsafePointer<Float>, scale: UnsafePointer<Float>?,
                                    out: UnsafePointer<UnsafeMutablePointer<Float>>, count: Int) {
            let channels = layer.inChannels, clamp = layer.clamp
            let blockStride = tapClass.taps * layer.panelFloats
            if blocks == 4 {
                for r in 0..<realRows {
                    MicroKernel.rowOfFourBlocks(r, taps: taps, channels: channels, rows: rows, weights: weights,
                                                blockStride: blockStride, bias: bias, scale: scale, out: out[r], clamp: clamp)
                }
            } else if blocks == 2 && realRows <= 4 {
                MicroKernel.blockOfTwo(taps: taps, channels: channels, rows: rows, weights: weights, blockStride: blockStride,
                                       bias: bias, scale: scale, out: out, clamp: clamp, live: FourRows.self)
            } else if blocks == 2 {
                MicroKernel.blockOfTwo(taps: taps, channels: channels, rows: rows, weights: weights, blockStride: blockStride,
                                       bias: bias, scale: scale, out: out, clamp: clamp)
            } else if layer.isNarrow {  // narrow panels are always float32
                let weights = UnsafeRawPointer(weights).assumingMemoryBound(to: UnsafePointer<Float>.self)
                MicroKernel.narrowBlock(0, taps: taps, channels: channels, rows: rows, weights: weights, bias: bias, out: out,
                    count: count, clamp: clamp)
                if realRows > 3 {
                    MicroKernel.narrowBlock(3, taps: taps, channels: channels, rows: rows, weights: weights, bias: bias, out: out,
                        count: count, clamp: clamp)
                }
            } else if realRows <= 2 {
                for r in 0..<realRows {
                    MicroKernel.row(r, taps: taps, channels: channels, rows: rows, weights: weights, bias: bias, scale: scale, out: out[r],
                                    count: count, clamp: clamp)
                }
            } else {
                MicroKernel.block(taps: taps, channels: channels, rows: rows, weights: weights, bias: bias, scale: scale, out: out,
                                  count: count, clamp: clamp)
            }
        }

        /// Finds six rows' input pointers for every tap that any of them reads. Rows past the end
        /// repeat the last row (same inputs, same output, same values written twice).
        func prepare(firstRow: Int, total: Int, active: UnsafeMutablePointer<Int>, places: UnsafeMutablePointer<Int>,
                     pointers: UnsafeMutablePointer<UnsafePointer<Float>>, outOffsets: UnsafeMutablePointer<Int>) {
            let taps = tapClass.taps, rows = MicroKernel.rows
            let inSize = layer.inputPixels * layer.inChannels, outSize = layer.outputPixels * layer.outChannels
            // One division per block; the other rows step on from it.
            var (sample, pixel) = firstRow.quotientAndRemainder(dividingBy: tapClass.rows)
            var mask: UInt64 = 0
            for r in 0..<rows {
                if firstRow + r < total && r > 0 {
                    pixel += 1
                    if pixel == tapClass.rows { (sample, pixel) = (sample + 1, 0) }
                }
                places[2 * r] = sample * inSize
                places[2 * r + 1] = pixel
                mask |= tapClass.tapMask[pixel]
                outOffsets[r] = sample * outSize + Int(tapClass.outputPixel[pixel]) * layer.outChannels
            }
            var count = 0
            for t in 0..<taps where taps > 64 || mask & (1 << UInt64(t)) != 0 {
                active[1 + count] = t
                for r in 0..<rows {
                    let source = Int(tapClass.inputPixel[places[2 * r + 1] * taps + t])
                    pointers[count * rows + r] = source < 0 ? zeros : input + places[2 * r] + source * layer.inChannels
                }
                count += 1
            }
            active[0] = count
        }
    }
}
