import Foundation

/// Activations and per-channel maps, in place.
extension Activation {
    public func apply(_ data: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .relu:
            for i in data.indices { data[i] = max(data[i], 0) }
        case .leakyReLU(let slope):
            for i in data.indices where data[i] < 0 { data[i] *= slope }
        case .tanh:
            for i in data.indices { data[i] = Foundation.tanh(data[i]) }
        case .sigmoid:
            for i in data.indices { data[i] = 1 / (1 + Foundation.exp(-data[i])) }
        case .silu:
            for i in data.indices { data[i] = data[i] / (1 + Foundation.exp(-data[i])) }
        }
    }
}

/// y = x · scale[c] + shift[c] for each channel plane of one sample.
public func applyChannelAffine(
    _ data: UnsafeMutablePointer<Float>, channels: Int, plane: Int, scale: [Float], shift: [Float]
) {
    for c in 0..<channels {
        let s = scale[c], t = shift[c], p = data + c * plane
        for i in 0..<plane { p[i] = p[i] * s + t }
    }
}
