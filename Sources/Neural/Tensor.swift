/// A float32 tensor in row-major order; images are NCHW (or CHW for one sample).
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var data: [Float]

    public init(shape: [Int], data: [Float]) {
        guard shape.reduce(1, *) == data.count else { fatalError("tensor data does not fill shape \(shape)") }
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public var count: Int { data.count }

    /// Sample `i` of a batch (the first axis), as its own tensor.
    public func sample(_ i: Int) -> Tensor {
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return Tensor(shape: inner, data: Array(data[i * size ..< (i + 1) * size]))
    }

    /// Stacks same-shaped tensors along a new first axis.
    public static func stack(_ items: [Tensor]) -> Tensor {
        guard let first = items.first else { return Tensor(zeros: [0]) }
        var data: [Float] = []
        data.reserveCapacity(first.count * items.count)
        for item in items {
            guard item.shape == first.shape else { fatalError("stacking tensors of different shapes") }
            data += item.data
        }
        return Tensor(shape: [items.count] + first.shape, data: data)
    }

    /// Largest absolute difference to `other` (same shape), for parity checks.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        guard shape == other.shape else { fatalError("comparing \(shape) with \(other.shape)") }
        var worst: Float = 0
        for i in data.indices { worst = max(worst, abs(data[i] - other.data[i])) }
        return worst
    }
}
