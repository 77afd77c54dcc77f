/// Style mixing through a generator's channel gates. In FastGAN's skip-layer excitation a small
/// early map becomes one factor per channel of a later, larger map; computed from another latent,
/// those factors repaint the first latent's shapes in the other's colours and finish (Liu et al.
/// 2021, section 4.2 and figure 9). Nothing is trained for it: any generator whose graph
/// multiplies maps by [C, 1, 1] factors can mix.
extension Architecture {
    /// The gates of this generator for its latent size and tensor shapes (checked as loading does).
    public func channelGates(latentDim: Int, tensorShapes: [String: [Int]]) throws -> [Int] {
        channelGates(shapes: try shapes(input: [latentDim], tensorShapes: tensorShapes))
    }

    /// The layers whose outputs gate a larger map channel by channel (the second input of a `mul`
    /// by a [C, 1, 1] factor), in the order they are applied: coarse to fine.
    func channelGates(shapes: [[Int]]) -> [Int] {
        layers.indices.compactMap { index -> Int? in
            guard case .mul = layers[index], inputs[index].count == 2, let factor = inputs[index].last, factor >= 0 else { return nil }
            let gate = shapes[factor]
            guard gate.count == 3, gate[1] == 1, gate[2] == 1, shapes[index] != gate else { return nil }
            return factor
        }
    }

    /// This generator as a network of two latents side by side, [2·latentDim]: the first draws
    /// everything but the layers `gates`, which the second computes (with the layers they read).
    /// Layers the output no longer needs are dropped. Pure rewiring: no weight is added or changed.
    public func mixing(latentDim: Int, gates: [Int]) -> Architecture {
        let fromSecond = Set(gates)
        var secondNeeds = [Bool](repeating: false, count: layers.count)
        var firstNeeds = secondNeeds
        for gate in gates { secondNeeds[gate] = true }
        firstNeeds[layers.count - 1] = true
        for index in layers.indices.reversed() {
            for source in inputs[index] where source >= 0 {
                if secondNeeds[index] || (firstNeeds[index] && fromSecond.contains(source)) { secondNeeds[source] = true }
                if firstNeeds[index] && !fromSecond.contains(source) { firstNeeds[source] = true }
            }
        }
        var newLayers: [LayerSpec] = [.slice(start: 0, count: latentDim), .slice(start: latentDim, count: latentDim)]
        var newInputs: [[Int]] = [[-1], [-1]]
        var second: [Int: Int] = [:], first: [Int: Int] = [:]
        for index in layers.indices where secondNeeds[index] {
            newInputs.append(inputs[index].map { $0 < 0 ? 1 : second[$0]! })
            newLayers.append(layers[index])
            second[index] = newLayers.count - 1
        }
        for index in layers.indices where firstNeeds[index] {
            newInputs.append(inputs[index].map { $0 < 0 ? 0 : fromSecond.contains($0) ? second[$0]! : first[$0]! })
            newLayers.append(layers[index])
            first[index] = newLayers.count - 1
        }
        return Architecture(layers: newLayers, inputs: newInputs)
    }
}

extension SafetensorsFile {
    /// How many gate levels the generator in this file can take from another latent: 0 when it
    /// has none, or when its graph does not check (loading it would say why).
    public func mixingLevels(latentDim: Int) -> Int {
        let gates = try? Architecture(metadata: metadata).channelGates(latentDim: latentDim, tensorShapes: tensors.mapValues(\.shape))
        return gates?.count ?? 0
    }
}
