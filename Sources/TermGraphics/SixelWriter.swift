/// Builds the sixel byte stream.
struct SixelWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func text(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ n: Int) { SixelWriter.number(n, into: &bytes) }

    static func number(_ n: Int, into out: inout [UInt8]) {
        if n >= 10 { number(n / 10, into: &out) }
        out.append(UInt8(48 + n % 10))
    }

    /// DCS with 1:1 pixels, then raster attributes (aspect 1:1, width, height).
    mutating func header(width: Int, height: Int) {
        text("\u{1B}P0;1;0q\"1;1;")
        number(width); text(";"); number(height)
    }

    mutating func register(_ index: Int, _ rgb: SIMD3<Int>) {
        text("#"); number(index); text(";2;")
        number(rgb.x); text(";"); number(rgb.y); text(";"); number(rgb.z)
    }

    mutating func trailer() { text("\u{1B}\\") }

    /// Every band of six rows, `-` between them (see `SixelBand`). `overpaint: false` gives the
    /// plain encoding (each colour sets exactly its own pixels), the reference tests decode against.
    mutating func bands(_ indices: [UInt8], width: Int, height: Int, colors: Int, overpaint: Bool = true) {
        var band = SixelBand(width: width, colors: colors, overpaint: overpaint)
        indices.withUnsafeBufferPointer { indices in
            for top in stride(from: 0, to: height, by: 6) {
                band.encode(indices.baseAddress! + top * width, rows: min(6, height - top), into: &bytes)
                if top + 6 < height { bytes.append(UInt8(ascii: "-")) }
            }
        }
    }

    /// `count` columns of one sixel character: `!n` + character when that is shorter.
    @inline(__always)
    static func emit(_ char: UInt8, count: Int, into out: inout [UInt8]) {
        if count > 3 {
            out.append(UInt8(ascii: "!")); number(count, into: &out); out.append(char)
        } else {
            for _ in 0..<count { out.append(char) }
        }
    }
}
