/// An 8-bit picture, row-major, channels interleaved: RGB (3) or RGBA (4). The one image type
/// that flows from the engine to every consumer.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int = 3, pixels: [UInt8]) {
        precondition(channels == 3 || channels == 4, "channels must be 3 or 4")
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * channels,
            "pixels do not fill \(width)x\(height)x\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    public init(width: Int, height: Int, channels: Int = 3, fill: UInt8 = 0) {
        self.init(width: width, height: height, channels: channels, pixels: [UInt8](repeating: fill, count: width * height * channels))
    }

    /// The same picture with 3 channels; alpha is composited over `background`.
    public func rgb(over background: (UInt8, UInt8, UInt8) = (255, 255, 255)) -> RGBImage {
        guard channels == 4 else { return self }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let bg = [background.0, background.1, background.2]
        for i in 0..<(width * height) {
            let a = Int(pixels[i * 4 + 3])
            for c in 0..<3 {
                out[i * 3 + c] = UInt8((Int(pixels[i * 4 + c]) * a + Int(bg[c]) * (255 - a) + 127) / 255)
            }
        }
        return RGBImage(width: width, height: height, channels: 3, pixels: out)
    }

    /// Root-mean-square difference of the byte values of two pictures of the same size and
    /// channels, on 0–255.
    public func rmsDifference(_ other: RGBImage) -> Double {
        // fatalError, not precondition: this module is built -Ounchecked, which drops preconditions.
        guard width == other.width, height == other.height, channels == other.channels, pixels.count == other.pixels.count else {
            fatalError("comparing pictures of different shapes")
        }
        var sum = 0
        for i in pixels.indices {
            let d = Int(pixels[i]) - Int(other.pixels[i])
            sum += d * d
        }
        return (Double(sum) / Double(max(pixels.count, 1))).squareRoot()
    }
}
