/// Undo and redo: stacks of whole pictures, so every change is one value to go back to.
public struct History: Equatable, Sendable {
    public static let limit = 500
    public var undo: [Picture] = []
    public var redo: [Picture] = []
}
