import Imaging

/// Any picture made into what a style draws: square, the style's size, on its background.
/// Transparency is composited onto the background; a picture of another shape keeps its aspect
/// and is centred, with the rest filled by the background.
public enum PixelFit {
    public typealias Colour = (red: UInt8, green: UInt8, blue: UInt8)

    public static func fit(_ picture: RGBImage, side: Int, background: Colour) -> RGBImage {
        var image = picture.rgb(over: (background.red, background.green, background.blue))
        // Shrinking thousands of pixels by a widened cubic is slow; box-average most of the way first.
        let factor = max(image.width, image.height) / (4 * side)
        if factor >= 2 { image = boxReduce(image, by: factor) }
        let scale = Double(side) / Double(max(image.width, image.height))
        let width = min(side, max(1, Int((Double(image.width) * scale).rounded())))
        let height = min(side, max(1, Int((Double(image.height) * scale).rounded())))
        let scaled = Resize.resize(image, width: width, height: height, filter: .smooth)
        return pad(scaled, side: side, background: background)
    }

    /// How much each pixel of `fit(picture, …)` is known, 0…1: the picture's alpha, fitted the
    /// same way (the padding around a picture of another shape counts as known background).
    public static func knownWeights(_ picture: RGBImage, side: Int) -> [Float] {
        guard picture.channels == 4 else { return [Float](repeating: 1, count: side * side) }
        var alpha = [UInt8](repeating: 0, count: picture.width * picture.height * 3)
        for i in 0..<(picture.width * picture.height) {
            let a = picture.pixels[i * 4 + 3]
            alpha[i * 3] = a; alpha[i * 3 + 1] = a; alpha[i * 3 + 2] = a
        }
        let fitted = fit(RGBImage(width: picture.width, height: picture.height, pixels: alpha), side: side, background: (255, 255, 255))
        return (0..<(side * side)).map { Float(fitted.pixels[$0 * 3]) / 255 }
    }

    /// Means of factor×factor blocks (the right and bottom remainders are dropped).
    static func boxReduce(_ image: RGBImage, by factor: Int) -> RGBImage {
        let width = image.width / factor, height = image.height / factor
        var sums = [Int](repeating: 0, count: width * 3)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let area = factor * factor
        for y in 0..<height {
            for i in sums.indices { sums[i] = 0 }
            for sy in (y * factor)..<(y * factor + factor) {
                let row = sy * image.width * 3
                for x in 0..<width {
                    for sx in (x * factor)..<(x * factor + factor) {
                        for c in 0..<3 { sums[x * 3 + c] += Int(image.pixels[row + sx * 3 + c]) }
                    }
                }
            }
            for i in sums.indices { out[y * width * 3 + i] = UInt8((sums[i] + area / 2) / area) }
        }
        return RGBImage(width: width, height: height, channels: 3, pixels: out)
    }

    static func pad(_ image: RGBImage, side: Int, background: Colour) -> RGBImage {
        if image.width == side && image.height == side { return image }
        var out = [UInt8](repeating: 0, count: side * side * 3)
        for i in 0..<(side * side) { out[i * 3] = background.red; out[i * 3 + 1] = background.green; out[i * 3 + 2] = background.blue }
        let left = (side - image.width) / 2, top = (side - image.height) / 2
        for y in 0..<image.height {
            for x in 0..<image.width {
                for c in 0..<3 { out[((top + y) * side + left + x) * 3 + c] = image.pixels[(y * image.width + x) * 3 + c] }
            }
        }
        return RGBImage(width: side, height: side, channels: 3, pixels: out)
    }
}
