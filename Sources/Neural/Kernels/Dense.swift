/// Fully connected layer on a batch: x [N, in], weight [out, in] (PyTorch's layout), y [N, out].
/// The reference twin of `IndirectConv.dense`.
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
}
