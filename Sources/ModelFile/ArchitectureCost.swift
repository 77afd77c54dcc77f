import Foundation

/// What a model asks of the machine, bounded before anything is allocated: a file of a few
/// hundred kilobytes could reuse one tensor in every layer (each use unpacks and packs its own
/// copy: 2.5 GB from 600 KB) or run cheap layers on huge maps (13 minutes a picture).
extension Architecture {
    /// The most weight values the layers may unpack, each use of a tensor counted: 32 Mi values
    /// (128 MiB of float32, about three times that with the engine's packed copies). The shipped
    /// generators use 1.5–4 Mi.
    public static let maxWeightValues = 32 << 20
    /// The most multiply-adds (and values written by other layers) one sample may cost: 5·10¹⁰,
    /// some seconds a picture on a laptop core. A shipped generator costs about 5·10⁷; an
    /// upscaler on a 724 px picture 2·10¹⁰.
    public static let maxWorkPerSample = 5e10

    /// Refuses an architecture whose weights or work pass the limits; `shapes` are its layers'
    /// output shapes (`shapes(input:tensorShapes:)`). In floating point: the sizes are untrusted.
    public func checkCost(input: [Int], shapes: [[Int]], tensorShapes: [String: [Int]]) throws {
        var weights = 0.0, work = 0.0
        func count(_ shape: [Int]?) -> Double { (shape ?? []).reduce(1.0) { $0 * Double($1) } }
        for (index, layer) in layers.enumerated() {
            weights += layer.tensorNames.reduce(0.0) { $0 + count(tensorShapes[$1]) }
            let out = shapes[index], source = inputs[index].first.map { $0 < 0 ? input : shapes[$0] } ?? input
            switch layer {
            case .linear(let w, _):
                work += count(tensorShapes[w])
            case .conv2d(let w, _, _, _):
                work += count(tensorShapes[w]) * count(Array(out.dropFirst()))
            case .convTranspose2d(let w, _, _, _, _):
                work += count(tensorShapes[w]) * count(Array(source.dropFirst()))
            default:
                work += count(out)
            }
        }
        guard weights <= Double(Self.maxWeightValues) else {
            throw ModelFileError("its layers use \(Int(weights)) weight values (each use of a tensor counts), more than the limit of " +
                "\(Self.maxWeightValues)")
        }
        guard work <= Self.maxWorkPerSample else {
            throw ModelFileError("one sample would cost \(String(format: "%.2g", work)) multiply-adds, more than the limit of " +
                "\(String(format: "%.0g", Self.maxWorkPerSample))")
        }
    }
}
