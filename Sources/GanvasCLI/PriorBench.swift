import Foundation
import Encoding
import Gallery
import Imaging
import Latent
import PictureMaking

/// `ganvas bench --prior`: colourising and filling through a style's prior, on real pictures of
/// the style (README's "Paint, colourise, fill" tables). Per picture, at the style's size:
/// - colourise: the picture turned grey, `--match luma`; its luminance error against the grey
///   input beside a plain encode's error on the colour original, and its colourfulness (mean
///   chroma) beside the real picture's;
/// - fill: a centred square of a quarter of the area, and a seeded random blob of about as much,
///   made transparent, `--fill`; the error inside the hole against the original beside today's
///   way (the hole painted in the background colour, plain encode), and outside it beside a
///   plain encode of the whole original.
enum PriorBench {
    struct Sums {
        var pictures = 0
        var plainRMS = 0.0, colourisedLumaRMS = 0.0, colourisedChroma = 0.0, realChroma = 0.0
        var holes: [String: (fillInside: Double, backgroundInside: Double, fillOutside: Double, plainOutside: Double)] = [:]
    }

    static func run(_ loaded: LoadedStyle, files: [String], budget: Int, sheet: String?, json: Bool, console: Console) throws {
        guard !files.isEmpty else { throw CLIError.usage("ganvas bench --prior: name the PNG files (real pictures of the style)") }
        let encoder = try loaded.pictureEncoder()
        let side = loaded.generator.resolution
        var sums = Sums(), cells: [RGBImage] = []
        for (index, file) in files.enumerated() {
            let image: RGBImage
            do { image = try PNGCodec.readImage(path: file) } catch { throw CLIError.failure("ganvas: \(printable(file)): \(error)") }
            let plain = encoder.encode(image, budgetMilliseconds: budget)
            let original = plain.target
            let grey = greyed(original)
            let colourised = encoder.encode(grey, options: EncodeOptions(match: .luma, budgetMilliseconds: budget))!
            let colourisedPixels = picture(colourised.latent, loaded)
            sums.pictures += 1
            sums.plainRMS += plain.rms
            sums.colourisedLumaRMS += colourised.rms
            sums.colourisedChroma += Colourfulness.of(colourisedPixels)
            sums.realChroma += Colourfulness.of(original)
            var row = [original, grey, colourisedPixels]
            for (name, hole) in [("square", square(side)), ("blob", blob(side, seed: UInt64(index + 1)))] {
                let filled = picture(encoder.encode(holed(original, hole),
                    options: EncodeOptions(fill: true, budgetMilliseconds: budget))!.latent, loaded)
                let painted = picture(encoder.encode(paintedOver(original, hole, encoder.background),
                    budgetMilliseconds: budget).latent, loaded)
                let plainPixels = picture(plain.latent, loaded)
                var entry = sums.holes[name] ?? (0, 0, 0, 0)
                entry.fillInside += rms(filled, original, where: hole, inside: true)
                entry.backgroundInside += rms(painted, original, where: hole, inside: true)
                entry.fillOutside += rms(filled, original, where: hole, inside: false)
                entry.plainOutside += rms(plainPixels, original, where: hole, inside: false)
                sums.holes[name] = entry
                row += [paintedOver(original, hole, (255, 0, 255)), filled]
            }
            cells += row
            if !json { console.out("\(printable((file as NSString).lastPathComponent)): done") }
        }
        report(sums, style: loaded.style.name, budget: budget, json: json, console: console)
        if let sheet {
            let scaled = cells.map { Resize.resize($0, width: $0.width * 2, height: $0.height * 2, filter: .nearest) }
            do { try Data(try PNGCodec.encode(ContactSheet.make(scaled, columns: 7,
                gutter: 2))).write(to: URL(fileURLWithPath: sheet)) } catch {
                throw CLIError.failure("ganvas: cannot write \(printable(sheet)): \(error)")
            }
        }
    }

    static func report(_ sums: Sums, style: String, budget: Int, json: Bool, console: Console) {
        let n = Double(max(sums.pictures, 1))
        let lumaRatio = sums.colourisedLumaRMS / max(sums.plainRMS, 1e-9)
        let chromaRatio = sums.colourisedChroma / max(sums.realChroma, 1e-9)
        let holes = ["square", "blob"].compactMap { name in sums.holes[name].map { (name, $0) } }
        if json {
            let holeText = holes.map { name, h in
                String(format: "\"%@\":{\"fill_inside\":%.2f,\"background_inside\":%.2f,\"fill_outside\":%.2f,\"plain_outside\":%.2f}",
                       name, h.fillInside / n, h.backgroundInside / n, h.fillOutside / n, h.plainOutside / n)
            }.joined(separator: ",")
            console.out(String(format: "{\"style\":\"%@\",\"pictures\":%d,\"budget_ms\":%d,\"plain_rms\":%.2f,\"colourised_luma_rms\":%.2f,"
                + "\"luma_ratio\":%.3f,\"colourised_chroma\":%.2f,\"real_chroma\":%.2f,\"chroma_ratio\":%.3f,%@}",
                               style, sums.pictures, budget, sums.plainRMS / n, sums.colourisedLumaRMS / n, lumaRatio,
                               sums.colourisedChroma / n, sums.realChroma / n, chromaRatio, holeText))
            return
        }
        console.out(String(format: "colourise: luminance RMS %.1f against plain encode's %.1f (%.2fx); mean chroma %.1f against real " +
            "%.1f (%.2fx)",
                           sums.colourisedLumaRMS / n, sums.plainRMS / n, lumaRatio,
                           sums.colourisedChroma / n, sums.realChroma / n, chromaRatio))
        for (name, h) in holes {
            console.out(String(format: "fill %@: inside the hole RMS %.1f (background colour: %.1f); outside %.1f (plain encode: %.1f)",
                               name, h.fillInside / n, h.backgroundInside / n, h.fillOutside / n, h.plainOutside / n))
        }
    }

    static func picture(_ latent: [Float], _ loaded: LoadedStyle) -> RGBImage {
        let side = loaded.generator.resolution
        return RGBImage(width: side, height: side, pixels: loaded.generator.pixels(for: [latent])[0])
    }

    /// The picture's luminance as a grey RGB picture.
    static func greyed(_ image: RGBImage) -> RGBImage {
        var out = image
        for i in 0..<(image.width * image.height) {
            let p = image.pixels[(i * 3)..<(i * 3 + 3)].map(Double.init)
            let y = UInt8(min(max((0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]).rounded(), 0), 255))
            out.pixels[i * 3] = y; out.pixels[i * 3 + 1] = y; out.pixels[i * 3 + 2] = y
        }
        return out
    }

    /// A centred square of a quarter of the area.
    static func square(_ side: Int) -> [Bool] {
        let lo = side / 4, hi = lo + side / 2
        return (0..<(side * side)).map { i in (lo..<hi).contains(i / side) && (lo..<hi).contains(i % side) }
    }

    /// A seeded blob of about a quarter of the area: overlapping discs, each touching the last.
    static func blob(_ side: Int, seed: UInt64) -> [Bool] {
        var random = SplitMix64(seed: seed), hole = [Bool](repeating: false, count: side * side)
        var cx = Double(side) / 2, cy = Double(side) / 2
        while hole.filter({ $0 }).count < side * side / 4 {
            let r = Double(side) * (0.06 + 0.08 * random.nextUnit())
            for y in 0..<side {
                for x in 0..<side where (Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy) <= r * r {
                    hole[y * side + x] = true
                }
            }
            let angle = 2 * Double.pi * random.nextUnit()
            cx = min(max(cx + r * cos(angle), Double(side) * 0.15), Double(side) * 0.85)
            cy = min(max(cy + r * sin(angle), Double(side) * 0.15), Double(side) * 0.85)
        }
        return hole
    }

    /// The picture with its hole transparent (RGBA).
    static func holed(_ image: RGBImage, _ hole: [Bool]) -> RGBImage {
        var pixels = [UInt8](repeating: 255, count: image.width * image.height * 4)
        for i in 0..<(image.width * image.height) {
            for c in 0..<3 { pixels[i * 4 + c] = image.pixels[i * 3 + c] }
            if hole[i] { pixels[i * 4 + 3] = 0 }
        }
        return RGBImage(width: image.width, height: image.height, channels: 4, pixels: pixels)
    }

    /// The picture with its hole painted in one colour.
    static func paintedOver(_ image: RGBImage, _ hole: [Bool], _ colour: PixelFit.Colour) -> RGBImage {
        var out = image
        for i in 0..<(image.width * image.height) where hole[i] {
            out.pixels[i * 3] = colour.red; out.pixels[i * 3 + 1] = colour.green; out.pixels[i * 3 + 2] = colour.blue
        }
        return out
    }

    /// RMS on 0–255 over the pixels inside (or outside) the hole.
    static func rms(_ a: RGBImage, _ b: RGBImage, where hole: [Bool], inside: Bool) -> Double {
        var sum = 0.0, count = 0
        for i in 0..<(a.width * a.height) where hole[i] == inside {
            for c in 0..<3 { let d = Double(Int(a.pixels[i * 3 + c]) - Int(b.pixels[i * 3 + c])); sum += d * d }
            count += 3
        }
        return (sum / Double(max(count, 1))).squareRoot()
    }
}
