extension RGBImage {
    /// The rectangle filled with `colour`, clipped to the picture (an RGB picture).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, colour: SIMD3<UInt8>) {
        guard channels == 3 else { fatalError("fill draws into RGB pictures") }
        let x0 = max(x, 0), x1 = min(x + width, self.width), y0 = max(y, 0), y1 = min(y + height, self.height)
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            for px in x0..<x1 {
                let i = (py * self.width + px) * 3
                pixels[i] = colour.x
                pixels[i + 1] = colour.y
                pixels[i + 2] = colour.z
            }
        }
    }

    /// `image` (RGB) copied in with its top-left corner at (x, y), clipped to this picture.
    public mutating func paste(_ image: RGBImage, x: Int, y: Int) {
        guard channels == 3, image.channels == 3 else { fatalError("paste copies RGB into RGB") }
        let x0 = max(x, 0), x1 = min(x + image.width, width), y0 = max(y, 0), y1 = min(y + image.height, height)
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            let s = ((py - y) * image.width + x0 - x) * 3, d = (py * width + x0) * 3
            pixels.replaceSubrange(d..<(d + (x1 - x0) * 3), with: image.pixels[s..<(s + (x1 - x0) * 3)])
        }
    }
}
