/// What a model file says about itself in its `__metadata__` (models/README.md).
public struct ModelCard: Sendable, Equatable {
    public var name: String
    public var description: String
    public var resolution: Int
    public var latentDim: Int
    public var dataset: String
    public var license: String
    public var steps: String
    public var training: String
    /// JSON text, e.g. {"swd_x1e3": [...], "swd_floor_x1e3": [...]}.
    public var quality: String

    public init(metadata: [String: String]) throws {
        guard metadata["ganvas.format"] == "1" else {
            throw ModelFileError(metadata["ganvas.format"].map { "model format \($0) is not supported (expected 1)" }
                ?? "not a Ganvas model (no ganvas.format in its metadata)")
        }
        // Upscalers and encoders share the format; they are not styles.
        if let kind = metadata["ganvas.kind"], kind != "generator" {
            throw ModelFileError("this model file is not a style's generator (its ganvas.kind is \"\(kind.prefix(20))\")")
        }
        func required(_ key: String) throws -> String {
            guard let value = metadata["ganvas." + key], !value.isEmpty else { throw ModelFileError("metadata lacks ganvas.\(key)") }
            return value
        }
        func number(_ key: String, in range: ClosedRange<Int>) throws -> Int {
            guard let value = Int(try required(key)), range.contains(value) else {
                throw ModelFileError("ganvas.\(key) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }
        name = try required("name")
        guard Self.isValidName(name) else { throw ModelFileError("style name \"\(name)\" must be 1-40 of a-z 0-9 _ -") }
        description = metadata["ganvas.description"] ?? ""
        resolution = try number("resolution", in: 1...1024)
        latentDim = try number("latent_dim", in: 1...4096)
        dataset = metadata["ganvas.dataset"] ?? "unknown"
        license = metadata["ganvas.license"] ?? "unknown"
        steps = metadata["ganvas.steps"] ?? "unknown"
        training = metadata["ganvas.training"] ?? "unknown"
        quality = metadata["ganvas.quality"] ?? "{}"
    }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
