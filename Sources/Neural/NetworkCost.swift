extension Network {
    /// The work one sample costs: multiply-adds in dense layers and convolutions, and one per
    /// value every other step writes (so a network of cheap ops on big maps is not free). A
    /// machine-independent measure, so a time budget can become a fixed amount of work and a
    /// search the same result everywhere.
    public var workPerSample: Double {
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
                total += Double(out.reduce(1, *))
            }
        }
        return total
    }
}
