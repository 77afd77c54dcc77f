/// Fully connected layer on a batch: x [N, in], weight [out, in] (PyTorch's layout), y [N, out].
public enum Dense {
    public static func reference(
        batch: Int, inputs: Int, outputs: Int, x: UnsafePointer<Float>,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>
    ) {
        for n in 0..<batch {
            for o in 0..<outputs {
                var sum: Float = bias?[o] ?? 0
                for i in 0..<inputs { sum += x[n * inputs + i] * weight[o * inputs + i] }
                y[n * outputs + o] = sum
            }
        }
    }

    /// The weight transposed to [in, out], so the batch multiplies it as one GEMM.
    public static func packWeight(inputs: Int, outputs: Int, _ weight: [Float]) -> [Float] {
        var packed = [Float](repeating: 0, count: weight.count)
        for o in 0..<outputs { for i in 0..<inputs { packed[i * outputs + o] = weight[o * inputs + i] } }
        return packed
    }

    public static func forward(
        batch: Int, inputs: Int, outputs: Int, x: UnsafePointer<Float>,
        packedWeight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>
    ) {
        Gemm.multiply(m: batch, n: outputs, k: inputs, a: x, lda: inputs, b: packedWeight, ldb: outputs, c: y, ldc: outputs)
        guard let bias else { return }
        for n in 0..<batch { for o in 0..<outputs { y[n * outputs + o] += bias[o] } }
    }
}
