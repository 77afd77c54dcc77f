import TermGraphics

/// The ways the studio's preview can draw, in the order the `y` key walks them: the terminal's
/// graphics first (when it has any), then the text symbol sets, starting with the one chosen
/// (`--symbols`) or fitting the terminal.
public struct PreviewFormats: Equatable {
    public let all: [ImageFormat]

    public init(profile: TerminalProfile, symbols: TextMode?) {
        let first = symbols ?? TextMode.best(for: profile)
        var texts: [TextMode] = [first]
        while texts.count < 4 { texts.append(texts.last!.next) }
        let graphics = ImageFormat.best(for: profile, symbols: first)
        all = (graphics.textMode == nil ? [graphics] : []) + texts.map(ImageFormat.init)
    }

    /// The format the preview starts with.
    public var first: ImageFormat { all[0] }

    public func next(after format: ImageFormat) -> ImageFormat {
        all[((all.firstIndex(of: format) ?? -1) + 1) % all.count]
    }

    /// How a format is named in the status line ("text preview: …").
    public static func name(_ format: ImageFormat) -> String {
        switch format {
        case .sixel: return "off (sixel graphics)"
        case .kitty: return "off (kitty graphics)"
        case .iterm: return "off (iTerm2 graphics)"
        default: return format.textMode!.title
        }
    }
}
