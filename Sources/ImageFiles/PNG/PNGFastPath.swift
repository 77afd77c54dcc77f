import CPNG

/// The commonest PNG decoded without libpng: 8 bits per channel, RGB or RGBA, not interlaced,
/// and no chunk that changes colours (gamma, profiles, transparency). zlib inflates and the rows
/// are unfiltered here, Paeth with one small vector per pixel: Debian's libpng is built without
/// its SIMD filters, and its byte-at-a-time Paeth was a tenth of `ganvas show`'s time on a
/// 256x256 picture. Anything else, or anything odd, gives nil and libpng decodes it (and reports
/// what is wrong).
enum PNGFastPath {
    static func decode(_ bytes: [UInt8], pixelLimit: Int) -> RGBImage? {
        bytes.withUnsafeBufferPointer { decode($0, pixelLimit: pixelLimit) }
    }

    struct Header { var width: Int, height: Int, channels: Int }

    static func decode(_ b: UnsafeBufferPointer<UInt8>, pixelLimit: Int) -> RGBImage? {
        guard b.count >= 8 + 25, (0..<8).allSatisfy({ b[$0] == PNGChunks.signature[$0] }) else { return nil }
        var header: Header?
        var inflater: Inflater?
        var position = 8
        while position + 12 <= b.count {
            let length = Int(word(b, position)), type = word(b, position + 4)
            guard length <= b.count - position - 12,
                  UInt32(crc32(0, b.baseAddress! + position + 4, UInt32(length + 4))) == word(b, position + 8 + length) else { return nil }
            let data = UnsafeBufferPointer(rebasing: b[(position + 8)..<(position + 8 + length)])
            position += 12 + length
            switch type {
            case 0x4948_4452:  // IHDR, first or nothing
                guard header == nil, inflater == nil, let h = parseHeader(data, pixelLimit: pixelLimit) else { return nil }
                header = h
                inflater = Inflater(count: h.height * (h.width * h.channels + 1))
            case 0x4944_4154:  // IDAT
                guard inflater?.feed(data) == true else { return nil }
            case 0x4945_4E44:  // IEND
                guard let h = header, let raw = inflater?.finish() else { return nil }
                inflater = nil
                return unfilter(raw, h)
            case 0x7445_5874, 0x7A54_5874, 0x6954_5874, 0x7048_5973, 0x7449_4D45, 0x7352_4742, 0x6943_4350:
                // tEXt, zTXt, iTXt, pHYs, tIME, sRGB, iCCP: libpng's simplified API leaves 8-bit
                // pixels as they are with these (it reads no gamma from a profile).
                continue
            default:
                return nil
            }
        }
        return nil
    }

    static func word(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    static func parseHeader(_ d: UnsafeBufferPointer<UInt8>, pixelLimit: Int) -> Header? {
        guard d.count == 13 else { return nil }
        let width = Int(word(d, 0)), height = Int(word(d, 4))
        // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; standard filters; no interlace.
        guard d[8] == 8, d[9] == 2 || d[9] == 6, d[10] == 0, d[11] == 0, d[12] == 0,
              width > 0, height > 0, width <= pixelLimit, height <= pixelLimit, width * height <= pixelLimit else { return nil }
        return Header(width: width, height: height, channels: d[9] == 6 ? 4 : 3)
    }

    /// Rows of filter byte + samples, to pixels, in place: row y moves y + 1 bytes towards the
    /// start, so each byte is written only after it has been read (no second picture-sized buffer).
    static func unfilter(_ raw: [UInt8], _ h: Header) -> RGBImage? {
        var pixels = raw
        let stride = h.width * h.channels
        let zeros = [UInt8](repeating: 0, count: stride + Inflater.padding)
        let ok = pixels.withUnsafeMutableBufferPointer { buffer in
            zeros.withUnsafeBufferPointer { zeros in
                for y in 0..<h.height {
                    let row = buffer.baseAddress! + y * stride, src = buffer.baseAddress! + y * (stride + 1)
                    let up = y > 0 ? UnsafePointer(row - stride) : zeros.baseAddress!
                    guard unfilterRow(src[0], src + 1, row, up, count: stride, bpp: h.channels) else { return false }
                }
                return true
            }
        }
        guard ok else { return nil }
        pixels.removeLast(h.height + Inflater.padding)
        return RGBImage(width: h.width, height: h.height, channels: h.channels, pixels: pixels)
    }

    /// One row; `src` may lie a little after `row` in the same buffer (read before written).
    @inline(__always)
    static func unfilterRow(_ filter: UInt8, _ src: UnsafePointer<UInt8>, _ row: UnsafeMutablePointer<UInt8>,
                            _ up: UnsafePointer<UInt8>, count: Int, bpp: Int) -> Bool {
        switch filter {
        case 0: UnsafeMutableRawPointer(row).copyMemory(from: src, byteCount: count)  // memmove
        case 1:
            for i in 0..<count { row[i] = src[i] &+ (i >= bpp ? row[i - bpp] : 0) }
        case 2:
            for i in 0..<count { row[i] = src[i] &+ up[i] }
        case 3:
            for i in 0..<count { row[i] = src[i] &+ UInt8((Int(i >= bpp ? row[i - bpp] : 0) + Int(up[i])) / 2) }
        case 4:
            if bpp == 3 { paeth(src, row, up, count: count, bpp: 3) } else { paeth(src, row, up, count: count, bpp: 4) }
        default: return false
        }
        return true
    }

    /// Paeth: each sample adds whichever of left (a), above (b) and upper left (c) is nearest
    /// a + b - c, ties to a, then b. One pixel's channels at a time, as lanes of a vector; the
    /// choices are sign masks and bit operations (SIMD masks and `replace(with:where:)` compiled
    /// to lane-by-lane stores through the stack, 4x slower than libpng). Pixels are loaded and
    /// stored as four bytes: with three channels the fourth belongs to the next pixel, which is
    /// written after, and the buffers have `Inflater.padding` bytes beyond the last row.
    @inline(__always)
    static func paeth(_ src: UnsafePointer<UInt8>, _ row: UnsafeMutablePointer<UInt8>, _ up: UnsafePointer<UInt8>, count: Int, bpp: Int) {
        var a = SIMD4<Int16>.zero, c = SIMD4<Int16>.zero
        for i in stride(from: 0, to: count, by: bpp) {
            let b = SIMD4<Int16>(truncatingIfNeeded: UnsafeRawPointer(up + i).loadUnaligned(as: SIMD4<UInt8>.self))
            let s = SIMD4<Int16>(truncatingIfNeeded: UnsafeRawPointer(src + i).loadUnaligned(as: SIMD4<UInt8>.self))
            let p = b &- c, q = a &- c
            let pa = magnitude(p), pb = magnitude(q), pc = magnitude(p &+ q)
            // All ones where a loses (pa > pb or pa > pc), and where c beats b (pb > pc).
            let notA = ((pb &- pa) | (pc &- pa)) &>> 15, cOverB = (pc &- pb) &>> 15
            let bOrC = (b & ~cOverB) | (c & cOverB)
            a = (s &+ ((a & ~notA) | (bOrC & notA))) & 0xFF
            UnsafeMutableRawPointer(row + i).storeBytes(of: SIMD4<UInt8>(truncatingIfNeeded: a), as: SIMD4<UInt8>.self)
            c = b
        }
    }

    /// |v| lane by lane, without masks.
    @inline(__always)
    static func magnitude(_ v: SIMD4<Int16>) -> SIMD4<Int16> {
        let sign = v &>> 15
        return (v ^ sign) &- sign
    }
}

/// zlib inflation into one buffer of a known size, fed chunk by chunk. A class: zlib keeps the
/// stream's address and refuses a stream that has moved, as a Swift struct would.
final class Inflater {
    /// The expected bytes and `padding` more: Paeth reads and writes four bytes per pixel.
    var output: [UInt8]
    let expected: Int
    static let padding = 4
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    var produced = 0, ended = false, failed = false

    init?(count: Int) {
        expected = count
        output = [UInt8](repeating: 0, count: count + Inflater.padding)
        stream.initialize(to: z_stream())
        guard ganvas_inflate_init(stream) == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// False once the data is corrupt or more than expected.
    func feed(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !failed, !ended || data.isEmpty else { return false }
        guard !data.isEmpty else { return true }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: data.baseAddress!)
        stream.pointee.avail_in = UInt32(data.count)
        let total = expected, stream = self.stream, produced = self.produced
        let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
            stream.pointee.next_out = out.baseAddress! + produced
            stream.pointee.avail_out = UInt32(total - produced)
            return inflate(stream, Z_NO_FLUSH)
        }
        self.produced = total - Int(stream.pointee.avail_out)
        if status == Z_STREAM_END { ended = true } else if status != Z_OK && status != Z_BUF_ERROR { failed = true }
        // Input left over with the output full: more data than the picture holds.
        if stream.pointee.avail_in > 0 && !ended { failed = true }
        return !failed
    }

    /// The inflated bytes, when the stream ended exactly at the expected size.
    /// Hands the buffer over (not shared, so the caller can change it without a copy).
    func finish() -> [UInt8]? {
        guard ended && !failed && produced == expected else { return nil }
        defer { output = [] }
        return output
    }
}
