#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written: one line, without the path (callers prefix it).
public struct FileError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// The system's error number, when the error came from a system call.
    public let code: Int32?
    public init(_ description: String) { self.init(description, code: nil) }

    public init(_ description: String, code: Int32?) {
        self.description = description
        self.code = code
    }

    static func errno(_ action: String) -> FileError {
        let code = Glibc.errno, reason = String(cString: strerror(code))
        return FileError(action.isEmpty ? reason : "\(action): \(reason)", code: code)
    }
}

/// Reads files with plain POSIX calls, so a size check comes before any large allocation.
public struct ReadableFile: ~Copyable {
    public let size: Int
    let fd: Int32

    /// Opens without blocking (a FIFO or a device would otherwise wait for a writer forever) and
    /// refuses anything but a regular file before reading a byte.
    public init(path: String) throws {
        fd = PathCalls.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileError.errno("") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = FileError.errno("")
            close(fd)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FileError((info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "not a regular file")
        }
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Exactly `count` bytes at `offset`, or an error if the file ends first.
    public func read(offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        try bytes.withUnsafeMutableBytes { raw in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && Glibc.errno == EINTR { continue }
                if n < 0 { throw FileError.errno("read failed") }
                guard n > 0 else { throw FileError("file ended early (read \(offset + done) of \(offset + count) bytes)") }
                done += n
            }
        }
        return bytes
    }

    /// The whole file as text (invalid UTF-8 replaced), or nil when there is no file at `path`;
    /// other problems (a FIFO, a directory, over `limit` bytes) throw.
    public static func text(at path: String, limit: Int) throws -> String? {
        do {
            return String(decoding: try contents(of: path, limit: limit), as: UTF8.self)
        } catch let error as FileError where error.code == ENOENT {
            return nil
        }
    }

    /// The whole file, refusing files over `limit` bytes.
    public static func contents(of path: String, limit: Int) throws -> [UInt8] {
        let file = try ReadableFile(path: path)
        guard file.size <= limit else { throw FileError("file is \(file.size) bytes; the limit is \(limit)") }
        return try file.read(offset: 0, count: file.size)
    }
}
