import CHardware

/// SHA-256 (FIPS 180-4), to name a model file's exact bytes in every picture's recipe.
public struct SHA256 {
    /// The round constants, from the C table the SHA-extension code uses too.
    static let k: [UInt32] = withUnsafeBytes(of: ganvas_sha256_round_constants) { Array($0.bindMemory(to: UInt32.self)) }

    /// Whether this CPU has the SHA extensions, which `hex` then uses (about ten times faster).
    public static let hardwareAvailable = ganvas_sha256_hardware_available() != 0

    /// The digest of `bytes` as 64 lowercase hex digits; `hardware: false` forces the portable code.
    public static func hex(_ bytes: [UInt8], hardware: Bool = hardwareAvailable) -> String {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        let bitLength = UInt64(bytes.count) * 8
        var tail = Array(bytes.suffix(bytes.count % 64)) + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        tail += (0..<8).reversed().map { UInt8(truncatingIfNeeded: bitLength >> (UInt64($0) * 8)) }
        let whole = bytes.count - bytes.count % 64
        var w = [UInt32](repeating: 0, count: 64)
        func compressAll(_ body: UnsafeBufferPointer<UInt8>, count: Int) {
            if hardware {
                h.withUnsafeMutableBufferPointer { ganvas_sha256_hardware_blocks($0.baseAddress!, body.baseAddress!, count / 64) }
            } else {
                for start in stride(from: 0, to: count, by: 64) { compress(&h, &w,
                    UnsafeBufferPointer(rebasing: body[start..<(start + 64)])) }
            }
        }
        bytes.withUnsafeBufferPointer { if whole > 0 { compressAll($0, count: whole) } }
        tail.withUnsafeBufferPointer { compressAll($0, count: tail.count) }
        return h.map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }.joined()
    }

    static func compress(_ h: inout [UInt32], _ w: inout [UInt32], _ block: UnsafeBufferPointer<UInt8>) {
        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        w.withUnsafeMutableBufferPointer { w in
            k.withUnsafeBufferPointer { k in
                for i in 0..<16 {
                    w[i] = UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16
                        | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
                }
                for i in 16..<64 {
                    let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                    let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                    w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
                for i in 0..<64 {
                    let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                    hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                }
                h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
            }
        }
    }
}
