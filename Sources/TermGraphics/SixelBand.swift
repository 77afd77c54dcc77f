/// One band of six rows as passes of colour segments, with scratch space reused band to band.
///
/// A sixel pass draws left to right and `$` returns to the band's start, but a colour switch
/// (`#n`) keeps the position: one pass can hold segments of many colours, the gaps between them
/// skipped. (One pass per colour, each starting with a skip from column 0, cost about a tenth
/// more on the bench's photographs.) Each colour's pixels in the band are cut into segments at long gaps, and
/// segments are stacked like a skyline: each goes into the first pass above every segment already
/// placed over its columns, so every column sees its segments in the order they were made.
///
/// That order is the band's commonest colours first, and a segment may also set pixels whose
/// colours come later, as they will paint over them: runs grow while one character fits, so the
/// big colours become long runs instead of the many short ones dithering leaves.
struct SixelBand {
    let width: Int, overpaint: Bool
    /// Per colour, per column: its pixels' bits in this band.
    var masks: [UInt8]
    var counts: [Int], firstX: [Int], lastX: [Int]
    var inBand: [Int] = []
    /// Sort keys (see `sortKeys`), reused.
    var keys: [UInt64] = []
    /// Per column: the bits of pixels whose colour no segment has drawn yet.
    var undrawn: [UInt8]
    /// Per column: the first pass still free there.
    var level: [Int32]
    /// The segments' sixel characters, back to back, and where each segment's lie.
    var data: [UInt8] = []
    var segments: [Segment] = []
    /// The colour register selected last; it stays selected across `$` and `-`.
    var current = -1

    struct Segment {
        var pass: Int32, start: Int32, end: Int32, colour: Int32
        var dataStart: Int32, dataEnd: Int32
    }

    /// A colour's gap longer than this starts a new segment: skipping it inside a pass costs
    /// about what a new segment's `#n` does, and the gap is left free for other colours.
    static let splitGap = 8

    init(width: Int, colors: Int, overpaint: Bool) {
        self.width = width
        self.overpaint = overpaint
        masks = [UInt8](repeating: 0, count: max(colors, 1) * width)
        counts = [Int](repeating: 0, count: max(colors, 1))
        firstX = [Int](repeating: Int.max, count: max(colors, 1))
        lastX = [Int](repeating: -1, count: max(colors, 1))
        undrawn = [UInt8](repeating: 0, count: width)
        level = [Int32](repeating: 0, count: width)
    }

    /// Appends the band whose first row starts at `pixels` (palette indices, `width` per row).
    mutating func encode(_ pixels: UnsafePointer<UInt8>, rows: Int, into out: inout [UInt8]) {
        collect(pixels, rows: rows)
        // Commonest first, then by index: (count < 2^40) descending, colour ascending.
        keys.removeAll(keepingCapacity: true)
        for c in inBand { keys.append(UInt64((1 << 40) - counts[c]) << 8 | UInt64(c)) }
        sortKeys(&keys)
        for (n, key) in keys.enumerated() { inBand[n] = Int(key & 0xFF) }
        for x in 0..<width { undrawn[x] = UInt8(1 << rows) - 1; level[x] = 0 }
        data.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        for c in inBand { place(c) }
        write(into: &out)
    }

    /// Masks, pixel counts and column extents of the band's colours.
    mutating func collect(_ pixels: UnsafePointer<UInt8>, rows: Int) {
        inBand.removeAll(keepingCapacity: true)
        let width = self.width
        // Unsafe buffers: this loop sees every pixel, and bounds and uniqueness checks were most
        // of its cost.
        masks.withUnsafeMutableBufferPointer { masks in
            firstX.withUnsafeMutableBufferPointer { firstX in
                lastX.withUnsafeMutableBufferPointer { lastX in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for row in 0..<rows {
                            let bit = UInt8(1 << row), line = pixels + row * width
                            // Run by run: a run's colour, count and extent are updated once, and
                            // only its mask bits per pixel (dithered runs are short, smooth
                            // pictures' long).
                            var x = 0
                            while x < width {
                                let c = Int(line[x]), start = x
                                let own = masks.baseAddress! + c * width
                                repeat { own[x] |= bit; x += 1 } while x < width && line[x] == line[start]
                                if lastX[c] < 0 { inBand.append(c) }
                                counts[c] += x - start
                                firstX[c] = min(firstX[c], start)
                                lastX[c] = max(lastX[c], x - 1)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Cuts colour `c` into segments, stacks them, encodes their runs; then marks its pixels
    /// drawn and clears its scratch.
    mutating func place(_ c: Int) {
        let own = c * width, last = lastX[c]
        var x = firstX[c]
        while x <= last {
            var end = x, probe = x + 1
            while probe <= last && probe - end <= SixelBand.splitGap {
                if masks[own + probe] != 0 { end = probe }
                probe += 1
            }
            var pass: Int32 = 0
            for k in x...end { pass = max(pass, level[k]) }
            for k in x...end { level[k] = pass + 1 }
            let start = data.count
            runs(own, from: x, to: end)
            segments.append(Segment(pass: pass, start: Int32(x), end: Int32(end), colour: Int32(c),
                                    dataStart: Int32(start), dataEnd: Int32(data.count)))
            x = probe
            while x <= last && masks[own + x] == 0 { x += 1 }
        }
        let first = firstX[c]
        masks.withUnsafeMutableBufferPointer { masks in
            undrawn.withUnsafeMutableBufferPointer { undrawn in
                for x in first...last {
                    undrawn[x] &= ~masks[own + x]
                    masks[own + x] = 0
                }
            }
        }
        counts[c] = 0
        firstX[c] = .max
        lastX[c] = -1
    }

    /// Columns `first...last` of the colour whose masks start at `own`: each column must set
    /// the colour's own bits and may set any bit still undrawn (with overpaint). Each run grows
    /// while one character fits all its columns, which gives the fewest runs.
    mutating func runs(_ own: Int, from first: Int, to last: Int) {
        let overpaint = self.overpaint
        masks.withUnsafeBufferPointer { masks in
            undrawn.withUnsafeBufferPointer { undrawn in
                var x = first
                while x <= last {
                    var need = masks[own + x], may = overpaint ? undrawn[x] : need
                    var end = x + 1
                    while end <= last {
                        let n = need | masks[own + end], m = may & (overpaint ? undrawn[end] : masks[own + end])
                        if n & ~m != 0 { break }
                        need = n; may = m; end += 1
                    }
                    SixelWriter.emit(0x3F + need, count: end - x, into: &data)
                    x = end
                }
            }
        }
    }

    /// The passes in order, each's segments left to right, skips between them.
    mutating func write(into out: inout [UInt8]) {
        // By pass, then start column; the segment's number in the low bits. Passes are at most
        // the band's colours (256, 9 bits), columns at most the pixel limit (2^26), and segments
        // at most the band's pixels (6 * 2^26 < 2^29).
        keys.removeAll(keepingCapacity: true)
        for (n, s) in segments.enumerated() { keys.append(UInt64(s.pass) << 55 | UInt64(s.start) << 29 | UInt64(n)) }
        sortKeys(&keys)
        var pass: Int32 = 0, x = 0
        for key in keys {
            let s = segments[Int(key & ((1 << 29) - 1))]
            while pass < s.pass { out.append(UInt8(ascii: "$")); pass += 1; x = 0 }
            if Int(s.start) > x { SixelWriter.emit(0x3F, count: Int(s.start) - x, into: &out) }
            if Int(s.colour) != current {
                out.append(UInt8(ascii: "#")); SixelWriter.number(Int(s.colour), into: &out)
                current = Int(s.colour)
            }
            out.append(contentsOf: data[Int(s.dataStart)..<Int(s.dataEnd)])
            x = Int(s.end) + 1
        }
    }
}
