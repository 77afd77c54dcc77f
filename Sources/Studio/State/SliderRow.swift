/// The rows of the slider pane, top to bottom: one per SeFa direction, then ψ, the seed, the
/// live mix when the picture has one and the colours' weight when it takes another's. Reducer,
/// view and mouse share this instead of index sums.
public enum SliderRow: Equatable, Sendable {
    case direction(Int), psi, seed, mix, colours

    public static func rows(for picture: Picture, directions: Int) -> [SliderRow] {
        (0..<directions).map { .direction($0) } + [.psi, .seed] + (picture.mixes.isEmpty ? [] : [.mix])
            + (picture.colours == nil ? [] : [.colours])
    }

    /// Whether the row has a bar (the seed is a number, not a position).
    public var hasBar: Bool { self != .seed }
}
