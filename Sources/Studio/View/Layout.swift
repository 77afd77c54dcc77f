/// A rectangle of character cells.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// Where everything goes on a screen of a given size; shared by the view and by mouse handling.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 60, minimumHeight = 16

    public let width: Int, height: Int
    public let styles: Rect, preview: Rect, sliders: Rect
    public var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let body = max(height - 2, 0)
        let left = min(26, max(16, width / 5)), right = min(34, max(26, width / 4))
        styles = Rect(x: 0, y: 1, width: left, height: body)
        sliders = Rect(x: max(width - right, 0), y: 1, width: right, height: body)
        preview = Rect(x: left + 1, y: 2, width: max(width - left - right - 2, 0), height: max(body - 1, 0))
    }

    /// Slider rows the pane shows at once (under its title).
    public var visibleSliderRows: Int { max(sliders.height - 1, 1) }

    /// The first slider row shown: the list scrolls so the cursor stays in view.
    public func firstSliderRow(cursor: Int, rows: Int) -> Int {
        min(max(cursor - visibleSliderRows + 1, 0), max(rows - visibleSliderRows, 0))
    }

    /// The slider row at screen row `y`, with the list scrolled to `first`.
    public func sliderRow(atScreenRow y: Int, first: Int = 0) -> Int? {
        let row = y - sliders.y - 1
        return row >= 0 && row < visibleSliderRows ? first + row : nil
    }

    /// The bar of a slider row: columns within the sliders pane.
    public var sliderBar: (x: Int, width: Int) { (sliders.x + 11, max(sliders.width - 19, 5)) }
}
