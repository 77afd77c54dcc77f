#if canImport(Glibc)
import Glibc
#endif

/// The system calls Ganvas makes on paths of untrusted names, each through `FileNames`, so a
/// file whose name is not valid UTF-8 is reached by its real bytes.
public enum PathCalls {
    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        FileNames.withSystemPath(path) { Glibc.open($0, flags, mode) }
    }

    public static func rename(_ from: String, _ to: String) -> Int32 {
        FileNames.withSystemPaths(from, to) { Glibc.rename($0, $1) }
    }

    public static func link(_ from: String, _ to: String) -> Int32 {
        FileNames.withSystemPaths(from, to) { Glibc.link($0, $1) }
    }

    /// Glibc's `access`: 0 when the file allows `mode` (R_OK, W_OK, …), else -1 with errno set.
    public static func access(_ path: String, _ mode: Int32) -> Int32 {
        FileNames.withSystemPath(path) { Glibc.access($0, mode) }
    }

    @discardableResult
    public static func unlink(_ path: String) -> Int32 {
        FileNames.withSystemPath(path) { Glibc.unlink($0) }
    }

    /// The file's own status (a symbolic link is not followed), or nil with errno set.
    public static func lstat(_ path: String) -> stat? {
        var info = stat()
        return FileNames.withSystemPath(path) { Glibc.lstat($0, &info) } == 0 ? info : nil
    }

    public static func chmod(_ path: String, _ mode: mode_t) {
        _ = FileNames.withSystemPath(path) { Glibc.chmod($0, mode) }
    }
}

extension PathCalls {
    /// Sets a file's modification time (access time left as it is).
    public static func setModificationTime(_ path: String, _ time: timespec) {
        // UTIME_OMIT ((1 << 30) - 2): glibc's macro is not imported into Swift.
        var times = [timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2), time]
        _ = FileNames.withSystemPath(path) { utimensat(AT_FDCWD, $0, &times, 0) }
    }
}
