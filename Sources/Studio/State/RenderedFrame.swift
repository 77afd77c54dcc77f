import Imaging

/// A render as one message: the picture, and the terminal bytes that draw it when the worker
/// thread could encode them for the preview as it stood, so a slider step reaches the screen
/// without the main thread encoding it again.
public struct RenderedFrame: Equatable, Sendable {
    public var image: RGBImage
    public var preview: EncodedPreview?
    public init(image: RGBImage, preview: EncodedPreview? = nil) {
        self.image = image
        self.preview = preview
    }
}

/// A picture's bytes for one preview rectangle and format. `target` is the terminal side's
/// number for that rectangle and format (it counts their changes), so bytes made for an older
/// one are never drawn into a newer one.
public struct EncodedPreview: Equatable, Sendable {
    public var target: Int
    public var bytes: [UInt8]
    public init(target: Int, bytes: [UInt8]) {
        self.target = target
        self.bytes = bytes
    }
}
