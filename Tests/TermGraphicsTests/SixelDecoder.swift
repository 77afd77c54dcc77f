import Imaging

/// A small sixel decoder for tests: registers (RGB percent), raster attributes, repeats,
/// carriage return and newline. Enough to read back what Ganvas emits, checked strictly
/// (every pixel inside the raster, and painted).
struct SixelDecoder {
    enum Failure: Error { case malformed(String) }

    static func decode(_ bytes: [UInt8]) throws -> RGBImage {
        let text = Array(bytes)
        guard text.count > 4, text[0] == 0x1B, text[1] == UInt8(ascii: "P") else { throw Failure.malformed("no DCS") }
        guard let q = text.firstIndex(of: UInt8(ascii: "q")) else { throw Failure.malformed("no q") }
        guard text.suffix(2) == [0x1B, UInt8(ascii: "\\")] else { throw Failure.malformed("no ST") }
        var i = q + 1
        func number() -> Int {
            var n = 0
            while i < text.count, (48...57).contains(text[i]) { n = n * 10 + Int(text[i] - 48); i += 1 }
            return n
        }
        guard text[i] == UInt8(ascii: "\"") else { throw Failure.malformed("no raster attributes") }
        i += 1
        _ = number(); i += 1; _ = number(); i += 1
        let width = number(); i += 1
        let height = number()
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var painted = [Bool](repeating: false, count: width * height)
        var registers: [Int: (UInt8, UInt8, UInt8)] = [:]
        var colour = 0, x = 0, band = 0
        while i < text.count - 2 {
            let c = text[i]
            switch c {
            case UInt8(ascii: "#"):
                i += 1
                colour = number()
                if i < text.count, text[i] == UInt8(ascii: ";") {
                    i += 1
                    guard number() == 2 else { throw Failure.malformed("not RGB") }
                    i += 1; let r = number(); i += 1; let g = number(); i += 1; let b = number()
                    guard r <= 100, g <= 100, b <= 100 else { throw Failure.malformed("percent over 100") }
                    registers[colour] = (UInt8((r * 255 + 50) / 100), UInt8((g * 255 + 50) / 100), UInt8((b * 255 + 50) / 100))
                }
            case UInt8(ascii: "$"): x = 0; i += 1
            case UInt8(ascii: "-"): x = 0; band += 1; i += 1
            case UInt8(ascii: "!"), 0x3F...0x7E:
                var count = 1
                if c == UInt8(ascii: "!") { i += 1; count = number() }
                let sixel = Int(text[i]) - 0x3F
                guard (0...63).contains(sixel) else { throw Failure.malformed("bad sixel") }
                guard let rgb = registers[colour] else { throw Failure.malformed("undefined register \(colour)") }
                for _ in 0..<count {
                    for bit in 0..<6 where sixel >> bit & 1 == 1 {
                        let y = band * 6 + bit
                        guard x < width, y < height else { throw Failure.malformed("pixel outside raster") }
                        let p = y * width + x
                        // Later passes paint over earlier ones (as terminals do): the encoder
                        // relies on it to lengthen runs.
                        painted[p] = true
                        pixels[p * 3] = rgb.0; pixels[p * 3 + 1] = rgb.1; pixels[p * 3 + 2] = rgb.2
                    }
                    x += 1
                }
                i += 1
            default: throw Failure.malformed("unexpected byte \(c)")
            }
        }
        guard painted.allSatisfy({ $0 }) else { throw Failure.malformed("unpainted pixels") }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}

enum Measure {
    static func psnr(_ a: RGBImage, _ b: RGBImage) -> Double {
        var sum = 0.0
        for (x, y) in zip(a.pixels, b.pixels) {
            let d = Double(Int(x) - Int(y))
            sum += d * d
        }
        let mse = sum / Double(a.pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// A colourful test picture: smooth gradients and a few hard edges.
    static func picture(width: Int, height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let fx = Double(x) / Double(width), fy = Double(y) / Double(height)
                let ring = ((fx - 0.5) * (fx - 0.5) + (fy - 0.5) * (fy - 0.5)) < 0.06
                pixels += ring ? [230, 40, 60] : [UInt8(255 * fx), UInt8(255 * fy), UInt8(255 * (1 - fx * fy))]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}

import Foundation
