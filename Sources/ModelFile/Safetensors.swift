import Foundation
import SafeFiles

/// A tensor's entry in a safetensors header, validated against the file.
public struct TensorEntry: Sendable, Equatable {
    public enum DType: String, Sendable { case f16 = "F16", f32 = "F32" }
    public let name: String
    public let dtype: DType
    public let shape: [Int]
    /// Byte range inside the data section.
    public let range: Range<Int>
    public var elementCount: Int { shape.reduce(1, *) }
}

/// A safetensors file: 8-byte little-endian header length, JSON header, raw tensor bytes.
/// Everything is validated before any tensor is touched; a bad file throws one clear line.
public struct SafetensorsFile: Sendable {
    /// A Ganvas model's header is a few KB; 1 MiB keeps listing styles cheap whatever a file claims.
    public static let maxHeaderBytes = 1 << 20
    public static let maxTensors = 4096
    public static let maxFileBytes = 1 << 31

    public let tensors: [String: TensorEntry]
    public let metadata: [String: String]
    /// The tensor bytes, when loaded; nil after `readHeader`.
    let data: [UInt8]?

    /// Reads and validates the whole file.
    public init(path: String) throws {
        try self.init(path: path, loadData: true)
    }

    /// Parses and validates a whole file held in memory.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw ModelFileError("too short to be a model file (\(bytes.count) bytes)") }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(Self.maxHeaderBytes) else {
            throw ModelFileError("header length \(length) is over the \(Self.maxHeaderBytes)-byte limit")
        }
        guard 8 + Int(length) <= bytes.count else {
            throw ModelFileError("header length \(length) runs past the end of the file (\(bytes.count) bytes)")
        }
        (tensors, metadata) = try Self.parseHeader(Array(bytes[8..<(8 + Int(length))]), dataSize: bytes.count - 8 - Int(length))
        data = Array(bytes[(8 + Int(length))...])
    }

    /// Reads and validates only the header (for listing styles without loading weights).
    public static func readHeader(path: String) throws -> SafetensorsFile {
        try SafetensorsFile(path: path, loadData: false)
    }

    private init(path: String, loadData: Bool) throws {
        let file: ReadableFile
        do { file = try ReadableFile(path: path) } catch let error as FileError { throw ModelFileError(error.description) }
        let size = file.size
        guard size >= 8 else { throw ModelFileError("too short to be a model file (\(size) bytes)") }
        guard size <= Self.maxFileBytes else { throw ModelFileError("file is \(size) bytes; the limit is \(Self.maxFileBytes)") }
        do {
            let lengthBytes = try file.read(offset: 0, count: 8)
            let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard length <= UInt64(Self.maxHeaderBytes) else {
                throw ModelFileError("header length \(length) is over the \(Self.maxHeaderBytes)-byte limit")
            }
            guard 8 + Int(length) <= size else {
                throw ModelFileError("header length \(length) runs past the end of the file (\(size) bytes)")
            }
            let header = try file.read(offset: 8, count: Int(length))
            let dataSize = size - 8 - Int(length)
            (tensors, metadata) = try Self.parseHeader(header, dataSize: dataSize)
            data = loadData ? try file.read(offset: 8 + Int(length), count: dataSize) : nil
        } catch let error as FileError {
            throw ModelFileError(error.description)
        }
    }

    /// Parses and validates a header against a data section of `dataSize` bytes.
    static func parseHeader(_ bytes: [UInt8], dataSize: Int) throws -> ([String: TensorEntry], [String: String]) {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw ModelFileError("header is not valid JSON")
        }
        guard let object = json as? [String: Any] else { throw ModelFileError("header is not a JSON object") }
        guard object.count <= maxTensors + 1 else {
            throw ModelFileError("header lists \(object.count) entries; the limit is \(maxTensors) tensors")
        }
        var metadata: [String: String] = [:]
        var tensors: [String: TensorEntry] = [:]
        for (name, value) in object {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else { throw ModelFileError("__metadata__ is not an object") }
                for (key, item) in map {
                    guard let text = item as? String else { throw ModelFileError("metadata \"\(key)\" is not a string") }
                    metadata[key] = text
                }
            } else {
                tensors[name] = try parseEntry(name, value, dataSize: dataSize)
            }
        }
        try checkLayout(Array(tensors.values), dataSize: dataSize)
        return (tensors, metadata)
    }

    static func parseEntry(_ name: String, _ value: Any, dataSize: Int) throws -> TensorEntry {
        guard let info = value as? [String: Any] else { throw ModelFileError("tensor \"\(name)\" is not an object") }
        guard let dtypeName = info["dtype"] as? String else { throw ModelFileError("tensor \"\(name)\" has no dtype") }
        guard let dtype = TensorEntry.DType(rawValue: dtypeName) else {
            throw ModelFileError("tensor \"\(name)\" has dtype \(dtypeName); only F16 and F32 are supported")
        }
        guard let shape = intList(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
            throw ModelFileError("tensor \"\(name)\" has a malformed shape")
        }
        guard let offsets = intList(info["data_offsets"]), offsets.count == 2,
              offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataSize else {
            throw ModelFileError("tensor \"\(name)\" has data offsets outside the file")
        }
        let width = dtype == .f16 ? 2 : 4
        var bytes = width
        for side in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: side)
            guard !overflow, product <= dataSize else {
                throw ModelFileError("tensor \"\(name)\" shape \(shape) is larger than the file")
            }
            bytes = product
        }
        guard bytes == offsets[1] - offsets[0] else {
            throw ModelFileError("tensor \"\(name)\" shape \(shape) needs \(bytes) bytes but its offsets span \(offsets[1] - offsets[0])")
        }
        return TensorEntry(name: name, dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
    }

    /// Tensors must tile the data section exactly: no overlaps, no gaps, nothing after.
    static func checkLayout(_ entries: [TensorEntry], dataSize: Int) throws {
        var position = 0
        for entry in entries.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            if entry.range.lowerBound < position { throw ModelFileError("tensor \"\(entry.name)\" overlaps another tensor") }
            if entry.range.lowerBound > position { throw ModelFileError("gap in the tensor data before \"\(entry.name)\"") }
            position = entry.range.upperBound
        }
        if position != dataSize { throw ModelFileError("\(dataSize - position) stray bytes after the tensor data") }
    }

    static func intList(_ value: Any?) -> [Int]? {
        guard let items = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in items {
            guard let number = item as? NSNumber, let exact = Int(exactly: number.doubleValue) else { return nil }
            result.append(exact)
        }
        return result
    }

    /// A tensor's values as float32. The name must be in `tensors` and the data loaded.
    public func floats(_ name: String) -> [Float] {
        guard let entry = tensors[name], let data else { preconditionFailure("tensor \(name) not loaded") }
        return data.withUnsafeBytes { raw in
            let base = raw.baseAddress! + entry.range.lowerBound
            switch entry.dtype {
            case .f32:
                return (0..<entry.elementCount).map { Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * $0,
                    as: UInt32.self))) }
            case .f16:
                return (0..<entry.elementCount).map {
                    Float(Float16(bitPattern: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))))
                }
            }
        }
    }
}
