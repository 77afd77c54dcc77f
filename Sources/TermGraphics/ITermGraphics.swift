import Foundation
import Imaging

/// iTerm2's inline images (OSC 1337 File=), also understood by WezTerm and others.
public enum ITermGraphics {
    /// `quick`: a larger PNG made in a fraction of the time (`QuickPNG`), for the studio's preview.
    public static func encode(_ image: RGBImage, columns: Int? = nil, rows: Int? = nil, quick: Bool = false) throws -> [UInt8] {
        let png = quick ? try QuickPNG.encode(image) : try PNGCodec.encode(image.rgb())
        var args = "inline=1;size=\(png.count);preserveAspectRatio=1"
        args += ";width=" + (columns.map(String.init) ?? "\(image.width)px")
        args += ";height=" + (rows.map(String.init) ?? "\(image.height)px")
        return Array("\u{1B}]1337;File=\(args):".utf8) + Array(Data(png).base64EncodedString().utf8) + [0x07]
    }
}
