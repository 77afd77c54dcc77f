#if canImport(Glibc)
import Glibc
#endif

/// Writes every byte to a file descriptor, retrying short writes and EINTR; false on failure.
@discardableResult
public func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        done += n
    }
    return true
}
