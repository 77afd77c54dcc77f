import CTempFiles
#if canImport(Glibc)
import Glibc
#endif

/// Writes that never leave a partial file behind: a hidden temp file in the same directory,
/// fsync, then rename into place (or link, when the name must not already exist).
public enum AtomicWrite {
    /// Writes `bytes` to `path`, replacing what was there.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let (temp, slot) = try writeTemp(bytes, near: path)
        defer { ganvas_temp_forget(slot) }
        guard PathCalls.rename(temp, path) == 0 else {
            let error = FileError.errno("cannot rename into place")
            PathCalls.unlink(temp)
            throw error
        }
        syncDirectory(of: path)
    }

    /// Writes `bytes` to `path` only if no file has that name; returns false if one does.
    /// Two writers racing for one name: exactly one wins (link(2) fails with EEXIST).
    public static func writeNew(_ bytes: [UInt8], to path: String) throws -> Bool {
        let (temp, slot) = try writeTemp(bytes, near: path)
        defer { PathCalls.unlink(temp); ganvas_temp_forget(slot) }
        if PathCalls.link(temp, path) == 0 {
            syncDirectory(of: path)
            return true
        }
        if errno == EEXIST { return false }
        throw FileError.errno("cannot create file")
    }

    /// Temp files start with this (hidden; `GalleryDirectory.removeStaleTemps` clears old ones).
    public static let tempPrefix = ".ganvas-tmp-"

    /// The temp file and its slot in the signal cleanup (`CTempFiles`): a signal before the
    /// rename removes it, however soon it comes (the path is registered before the file exists).
    static func writeTemp(_ bytes: [UInt8], near path: String) throws -> (path: String, slot: Int32) {
        let dir = directory(of: path)
        var template = (FileNames.systemBytes("\(dir)/\(tempPrefix)XXXXXX") + [0]).map { CChar(bitPattern: $0) }
        var slot: Int32 = -1
        let fd = template.withUnsafeMutableBufferPointer { ganvas_temp_create($0.baseAddress!, &slot) }
        guard fd >= 0 else { throw FileError.errno("cannot write in \(dir)") }
        let temp = FileNames.string(fromSystem: template.dropLast().map { UInt8(bitPattern: $0) })
        let ok = writeAll(bytes, to: fd) && fsync(fd) == 0
        let error = FileError.errno("cannot write \(bytes.count) bytes")
        close(fd)
        guard ok else {
            PathCalls.unlink(temp)
            ganvas_temp_forget(slot)
            throw error
        }
        fchmodFile(temp)
        return (temp, slot)
    }

    /// mkstemp makes 0600 files; pictures should be readable like any other file the user makes.
    static func fchmodFile(_ path: String) {
        let mask = umask(0)
        umask(mask)
        PathCalls.chmod(path, 0o666 & ~mask)
    }

    static func syncDirectory(of path: String) {
        let fd = PathCalls.open(directory(of: path), O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
