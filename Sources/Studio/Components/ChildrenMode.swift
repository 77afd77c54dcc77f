import Imaging

/// The children grid: variations of the current picture, each `difference` of the way to a
/// random partner, or (`colourLevel` set) the picture in nine random partners' colours.
public struct Children: Equatable, Sendable {
    public static let count = 9, columns = 3
    public var seeds: [UInt64]
    public var difference: Float
    /// The gate level the partners' colours fill (style mixing); nil: blends by slerp.
    public var colourLevel: Int?
    public var images: [RGBImage?]
    public var selected = 4
    public var request = 0

    public func picture(_ index: Int, of parent: Picture) -> Picture {
        var child = parent
        if let colourLevel {
            child.colours = Colours(seed: seeds[index], level: colourLevel)
        } else {
            child.mixes.append(Mix(seed: seeds[index], t: difference))
        }
        return child
    }
}

/// `v`: a grid of nine children; `V`: the picture in nine other colours; Enter makes one the picture.
enum ChildrenMode {
    static let hints = "arrows choose  Enter pick  +/- change  v blends  V colours  r reroll  Esc back"

    static func info(_ state: StudioState) -> String {
        guard let level = state.children?.colourLevel else {
            return "difference \(View.format(state.children?.difference ?? 0, digits: 2))  (+/-)  Enter picks, Esc returns"
        }
        return "colours of other seeds: \(level == 0 ? "palette and finish" : "finish only")  (+/-)  Enter picks, Esc returns"
    }

    /// Opens the grid: blends, or (`colours`) other seeds' colours where the style can mix them.
    static func open(colours: Bool = false, _ state: inout StudioState) -> [Effect] {
        guard !state.styles.isEmpty, !(colours && refusesColours(state.picture.style, &state)) else { return [] }
        let seeds = (0..<Children.count).map { _ in state.nextRandomSeed() }
        let level = colours ? min(state.children?.colourLevel ?? 0, state.colourLevels(of: state.picture.style) - 1) : nil
        state.children = Children(seeds: seeds, difference: state.children?.difference ?? 0.35, colourLevel: level,
                                  images: [RGBImage?](repeating: nil, count: Children.count))
        state.mode = .children
        return render(&state)
    }

    /// Whether `style` cannot take other colours, saying so in the status line when it cannot.
    static func refusesColours(_ style: String, _ state: inout StudioState) -> Bool {
        guard state.colourLevels(of: style) == 0 else { return false }
        state.status = "the style \(style) cannot take other colours (its generator has no channel gates)"
        return true
    }

    /// +/-: how different the blends are, or which gates the colours fill.
    static func adjust(up: Bool, _ children: inout Children, _ state: StudioState) {
        if let level = children.colourLevel {
            children.colourLevel = min(max(level + (up ? 1 : -1), 0), max(state.colourLevels(of: state.picture.style) - 1, 0))
        } else {
            children.difference = min(max(children.difference + (up ? 0.1 : -0.1), 0.05), 1)
        }
    }

    static func render(_ state: inout StudioState) -> [Effect] {
        guard var children = state.children else { return [] }
        state.requested += 1
        children.request = state.requested
        children.images = [RGBImage?](repeating: nil, count: Children.count)
        state.children = children
        state.busy = true
        return [.renderMany(request: children.request, pictures: (0..<Children.count).map { children.picture($0, of: state.picture) })]
    }

    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        guard var children = state.children else { state.mode = .explore; return [] }
        switch key {
        case .left, .char("h"): children.selected = max(children.selected - 1, 0)
        case .right, .char("l"): children.selected = min(children.selected + 1, Children.count - 1)
        case .up, .char("k"): children.selected = max(children.selected - Children.columns, children.selected % Children.columns)
        case .down, .char("j"): children.selected = min(children.selected + Children.columns, Children.count - 1)
        case .home, .pageUp: children.selected = 0
        case .end, .pageDown: children.selected = Children.count - 1
        case .char("+"), .char("="), .char("-"):
            adjust(up: key != .char("-"), &children, state)
            state.children = children
            return render(&state)
        case .char("r"): return open(colours: children.colourLevel != nil, &state)
        case .char("v"): return open(&state)
        case .char("V"): return open(colours: true, &state)
        case .enter, .char(" "): return pick(children.selected, &state)
        case .click(let x, let y):
            guard let tile = Mouse.tile(x, y, columns: Children.columns, count: Children.count, state) else { return [] }
            if tile == children.selected { return pick(tile, &state) }
            children.selected = tile
        case .escape, .backspace, .char("q"):
            state.mode = .explore
            return []
        default: return []
        }
        state.children = children
        return []
    }

    static func pick(_ index: Int, _ state: inout StudioState) -> [Effect] {
        guard let children = state.children else { return [] }
        let child = children.picture(index, of: state.picture)
        state.mode = .explore
        state.status = "child \(index + 1) chosen"
        let effects = Editing.edit(&state) { $0 = child }
        if children.colourLevel != nil { SlidersPane.focus(.colours, &state) }
        return effects
    }
}
