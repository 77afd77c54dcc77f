extension Network {
    /// Multiply-adds one sample costs in the layers that do real work (dense, convolutions):
    /// a machine-independent measure, so a time budget can become a fixed amount of work and a
    /// search the same result everywhere.
    public var multiplyAdds: Double {
        var total = 0.0  // in floating point: the sizes come from an untrusted file
        for (index, step) in steps.enumerated() {
            let out = stepShapes[index]
            switch step {
            case .dense(let inputs, let outputs, _, _):
                total += Double(inputs) * Double(outputs)
            case .conv(let g, _, _, _, _):
                total += Double(g.inChannels * g.kernel * g.kernel) * Double(g.outChannels) * Double(out.dropFirst().reduce(1, *))
            case .convTranspose(let g, let h, let w, _, _):
                total += Double(g.inChannels * g.kernel * g.kernel) * Double(g.outChannels) * Double(h * w)
            default:
                continue
            }
        }
        return total
    }
}
