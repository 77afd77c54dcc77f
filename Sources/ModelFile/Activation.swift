/// The pointwise activations a model file may name (their kernels live in the engine).
public enum Activation: Sendable, Equatable {
    case relu
    case leakyReLU(slope: Float)
    case tanh
    case sigmoid
    /// x · sigmoid(x) (swish).
    case silu
}
