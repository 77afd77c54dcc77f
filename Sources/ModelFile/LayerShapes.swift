/// Shape inference: the per-sample shape a layer produces from its inputs' shapes, with every
/// tensor's shape checked and every size computed without overflow.
extension Architecture {
    static func outputShape(of layer: LayerSpec, inputs: [[Int]], tensorShapes: [String: [Int]], index: Int) throws -> [Int] {
        func fail(_ message: String) -> ModelFileError { ModelFileError("layer \(index): \(message)") }
        func expect(_ name: String, _ shape: [Int]) throws {
            guard let actual = tensorShapes[name] else { throw fail("tensor \"\(name)\" is missing") }
            guard actual == shape else { throw fail("tensor \"\(name)\" has shape \(actual), expected \(shape)") }
        }
        func kernelShape(_ name: String) throws -> [Int] {
            guard let actual = tensorShapes[name] else { throw fail("tensor \"\(name)\" is missing") }
            guard actual.count == 4, actual[2] == actual[3], actual[2] >= 1 else {
                throw fail("tensor \"\(name)\" has shape \(actual), expected [a, b, k, k]")
            }
            return actual
        }
        // The engine lists, for every output pixel, the input pixel each kernel tap reads.
        func checkTaps(kernel: Int, outputPlane: Int) throws {
            guard kernel <= 64, let taps = checkedProduct([kernel, kernel, outputPlane]), taps <= Self.maxKernelTaps else {
                throw fail("kernel \(kernel) over \(outputPlane) output pixels is more than the engine handles")
            }
        }
        func image(_ shape: [Int]) throws -> (c: Int, h: Int, w: Int) {
            guard shape.count == 3 else { throw fail("expects a [C, H, W] input, got \(shape)") }
            return (shape[0], shape[1], shape[2])
        }
        func scaled(_ side: Int, _ factor: Int) throws -> Int {
            let (product, overflow) = side.multipliedReportingOverflow(by: factor)
            guard !overflow, product <= Self.maxActivation else { throw fail("side \(side) x \(factor) is too large") }
            return product
        }
        let input = inputs[0]
        switch layer {
        case .linear(let weight, let bias):
            guard input.count == 1 else { throw fail("linear expects a flat input, got \(input)") }
            guard let w = tensorShapes[weight], w.count == 2, w[1] == input[0] else {
                throw fail("tensor \"\(weight)\" has shape \(tensorShapes[weight].map { "\($0)" } ?? "missing"), expected [out, " +
                    "\(input[0])]")
            }
            if let bias { try expect(bias, [w[0]]) }
            return [w[0]]
        case .reshape(let shape):
            guard let to = checkedProduct(shape), let from = checkedProduct(input), to == from else {
                throw fail("cannot reshape \(input) to \(shape)")
            }
            return shape
        case .conv2d(let weight, let bias, let stride, let padding):
            let (c, h, w) = try image(input)
            let k = try kernelShape(weight)
            guard k[1] == c else { throw fail("tensor \"\(weight)\" expects \(k[1]) input channels, got \(c)") }
            if let bias { try expect(bias, [k[0]]) }
            let g = ConvGeometry(inChannels: c, outChannels: k[0], kernel: k[2], stride: stride, padding: padding)
            guard h + 2 * padding >= k[2], w + 2 * padding >= k[2] else {
                throw fail("kernel \(k[2]) is larger than the padded input \(input)")
            }
            try checkTaps(kernel: k[2], outputPlane: try scaled(g.convOutput(h), g.convOutput(w)))
            return [k[0], g.convOutput(h), g.convOutput(w)]
        case .convTranspose2d(let weight, let bias, let stride, let padding, let outputPadding):
            let (c, h, w) = try image(input)
            let k = try kernelShape(weight)
            guard k[0] == c else { throw fail("tensor \"\(weight)\" expects \(k[0]) input channels, got \(c)") }
            guard outputPadding < stride else { throw fail("output_padding must be smaller than stride") }
            if let bias { try expect(bias, [k[1]]) }
            _ = try scaled(h, stride)
            _ = try scaled(w, stride)
            let g = ConvGeometry(inChannels: c, outChannels: k[1], kernel: k[2], stride: stride, padding: padding,
                outputPadding: outputPadding)
            guard g.transposedOutput(h) >= 1, g.transposedOutput(w) >= 1 else { throw fail("output of \(input) would be empty") }
            try checkTaps(kernel: k[2], outputPlane: try scaled(g.transposedOutput(h), g.transposedOutput(w)))
            return [k[1], g.transposedOutput(h), g.transposedOutput(w)]
        case .batchNorm(let weight, let bias, let mean, let variance, _):
            for name in [weight, bias, mean, variance] { try expect(name, [input[0]]) }
            return input
        case .bias(let bias):
            try expect(bias, [input[0]])
            return input
        case .upsample(_, let scale):
            let (c, h, w) = try image(input)
            return [c, try scaled(h, scale), try scaled(w, scale)]
        case .activation:
            return input
        case .add:
            guard inputs[1] == input else { throw fail("cannot add \(input) and \(inputs[1])") }
            return input
        case .mul:
            let (c, _, _) = try image(input)
            guard inputs[1] == input || inputs[1] == [c, 1, 1] else { throw fail("cannot multiply \(input) by \(inputs[1])") }
            return input
        case .concat:
            let (_, h, w) = try image(input)
            var channels = 0
            for shape in inputs {
                let (c, hi, wi) = try image(shape)
                guard hi == h, wi == w else { throw fail("cannot join \(input) and \(shape) along channels") }
                channels += c
            }
            return [channels, h, w]
        case .glu:
            let (c, h, w) = try image(input)
            guard c % 2 == 0 else { throw fail("glu needs an even number of channels, got \(c)") }
            return [c / 2, h, w]
        case .avgPool(let k):
            let (c, h, w) = try image(input)
            guard h % k == 0, w % k == 0 else { throw fail("avg_pool \(k) does not divide \(h)x\(w)") }
            return [c, h / k, w / k]
        case .globalAvgPool:
            let (c, _, _) = try image(input)
            return [c, 1, 1]
        case .slice(let start, let count):
            guard input.count == 1, start >= 0, count >= 1, start <= input[0] - count else {
                throw fail("cannot take features \(start)..<\(start + count) of \(input)")
            }
            return [count]
        case .pixelShuffle(let r):
            let (c, h, w) = try image(input)
            guard c % (r * r) == 0 else { throw fail("pixel_shuffle \(r) needs channels divisible by \(r * r), got \(c)") }
            return [c / (r * r), try scaled(h, r), try scaled(w, r)]
        }
    }
}
