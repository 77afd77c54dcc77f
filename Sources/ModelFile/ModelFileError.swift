/// Why a model file was refused: one line, without the file name (callers prefix it).
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
