/// `Network`'s reference path: the plain kernels on planar samples, one step at a time.
extension Network {
    /// The folded steps on planar samples, with the plain reference kernels; every step's output
    /// is kept until the end (this path is for tests, not speed).
    func forwardReference(_ input: Tensor) -> Tensor {
        let batch = input.shape[0]
        var values: [[Float]] = []
        func value(_ i: Int) -> [Float] { i < 0 ? input.data : values[i] }
        func shape(_ i: Int) -> [Int] { i < 0 ? inputShape : stepShapes[i] }
        for (index, step) in steps.enumerated() {
            let sources = stepInputs[index]
            if let output = runGraphReference(step, sources.map(value), shapes: sources.map(shape), output: stepShapes[index],
                batch: batch) {
                values.append(output)
            } else {
                var current = value(sources[0])
                if let next = runReference(step, on: &current, shape: shape(sources[0]), batch: batch) { current = next }
                values.append(current)
            }
        }
        let output = values.last ?? input.data
        guard output.count == batch * outputShape.reduce(1, *) else { fatalError("the reference's output does not match \(outputShape)") }
        return Tensor(shape: [batch] + outputShape, data: output)
    }

    /// The graph ops, sample by sample; nil for the single-input steps `runReference` handles.
    func runGraphReference(_ step: Step, _ inputs: [[Float]], shapes: [[Int]], output: [Int], batch: Int) -> [Float]? {
        guard case .graph(let op) = step else { return nil }
        let inSizes = shapes.map { $0.reduce(1, *) }, outSize = output.reduce(1, *)
        func each(_ body: (_ n: Int, _ y: UnsafeMutablePointer<Float>) -> Void) -> [Float] {
            var out = [Float](repeating: 0, count: batch * outSize)
            out.withUnsafeMutableBufferPointer { y in for n in 0..<batch { body(n, y.baseAddress! + n * outSize) } }
            return out
        }
        func sample(_ k: Int, _ n: Int, _ body: (UnsafePointer<Float>) -> Void) {
            inputs[k].withUnsafeBufferPointer { body($0.baseAddress! + n * inSizes[k]) }
        }
        switch op {
        case .add:
            return each { n, y in sample(0, n) { a in sample(1, n) { b in GraphOps.add(a, b, count: outSize, y) } } }
        case .mul(let c, let pixels, let perChannel):
            return each { n, y in sample(0, n) { a in sample(1, n) { b in GraphOps.mul(a, b, channels: c, plane: pixels,
                perChannel: perChannel, y) } } }
        case .concat:
            return each { n, y in
                var offset = 0
                for k in inputs.indices {
                    sample(k, n) { x in (y + offset).update(from: x, count: inSizes[k]) }
                    offset += inSizes[k]
                }
            }
        case .glu(let c, let pixels):
            return each { n, y in sample(0, n) { GraphOps.glu($0, channels: c, plane: pixels, y) } }
        case .avgPool(let c, let h, let w, let k):
            return each { n, y in sample(0, n) { GraphOps.avgPool($0, channels: c, height: h, width: w, kernel: k, y) } }
        case .globalAvgPool(let c, let pixels):
            return each { n, y in sample(0, n) { GraphOps.globalAvgPool($0, channels: c, plane: pixels, y) } }
        case .pixelShuffle(let c, let h, let w, let r):
            return each { n, y in sample(0, n) { GraphOps.pixelShuffle($0, channels: c, height: h, width: w, factor: r, y) } }
        case .slice(let start, let count, _):
            return each { n, y in sample(0, n) { y.update(from: $0 + start, count: count) } }
        }
    }

    /// Applies one step to a batch of `shape`d samples; returns a new buffer, or nil when it worked in place.
    func runReference(_ step: Step, on data: inout [Float], shape: [Int], batch: Int) -> [Float]? {
        let inSize = shape.reduce(1, *)
        switch step {
        case .dense(let inputs, let outputs, let weight, let bias):
            var out = [Float](repeating: 0, count: batch * outputs)
            data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { y in withOptional(bias) { b in
                weight.withUnsafeBufferPointer { Dense.reference(batch: batch, inputs: inputs, outputs: outputs, x: x.baseAddress!,
                    weight: $0.baseAddress!, bias: b, y: y.baseAddress!) }
            } } }
            return out
        case .conv(let g, let h, let w, let weight, let bias):
            let outSize = g.outChannels * g.convOutput(h) * g.convOutput(w)
            return perSample(data, batch: batch, inSize: inSize, outSize: outSize) { x, y in
                weight.withUnsafeBufferPointer { wp in withOptional(bias) { b in
                    Conv2D.reference(g, input: x, height: h, width: w, weight: wp.baseAddress!, bias: b, output: y)
                } }
            }
        case .convTranspose(let g, let h, let w, let weight, let bias):
            let outSize = g.outChannels * g.transposedOutput(h) * g.transposedOutput(w)
            return perSample(data, batch: batch, inSize: inSize, outSize: outSize) { x, y in
                weight.withUnsafeBufferPointer { wp in withOptional(bias) { b in
                    ConvTranspose2D.reference(g, input: x, height: h, width: w, weight: wp.baseAddress!, bias: b, output: y)
                } }
            }
        case .affine(let channels, let plane, let scale, let shift):
            data.withUnsafeMutableBufferPointer { p in
                for n in 0..<batch { applyChannelAffine(p.baseAddress! + n * inSize, channels: channels, plane: plane, scale: scale,
                    shift: shift) }
            }
            return nil
        case .upsample(let bilinear, let c, let h, let w, let s):
            return perSample(data, batch: batch, inSize: inSize, outSize: c * h * s * w * s) { x, y in
                let upsample = bilinear ? Upsample.bilinear : Upsample.nearest
                upsample(x, c, h, w, s, y)
            }
        case .activation(let activation):
            data.withUnsafeMutableBufferPointer { activation.apply($0) }
            return nil
        case .reshape:
            return nil
        case .graph:
            fatalError("graph ops run in runGraphReference")
        }
    }

    func perSample(
        _ data: [Float], batch: Int, inSize: Int, outSize: Int,
        _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> [Float] {
        var out = [Float](repeating: 0, count: batch * outSize)
        data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { y in
            for n in 0..<batch { body(x.baseAddress! + n * inSize, y.baseAddress! + n * outSize) }
        } }
        return out
    }
}
