import Imaging

/// The children grid: variations of the current picture, `difference` of the way to a random
/// partner each.
public struct Children: Equatable, Sendable {
    public static let count = 9, columns = 3
    public var seeds: [UInt64]
    public var difference: Float
    public var images: [RGBImage?]
    public var selected = 4
    public var request = 0

    public func picture(_ index: Int, of parent: Picture) -> Picture {
        var child = parent
        child.mixes.append(Mix(seed: seeds[index], t: difference))
        return child
    }
}

/// `v`: a grid of nine children; Enter makes one the picture.
enum ChildrenMode {
    static let hints = "arrows choose  Enter pick  +/- difference  r reroll  Esc back"

    static func info(_ state: StudioState) -> String {
        "difference \(View.format(state.children?.difference ?? 0, digits: 2))  (+/-)  Enter picks, Esc returns"
    }

    static func open(_ state: inout StudioState) -> [Effect] {
        guard !state.styles.isEmpty else { return [] }
        let seeds = (0..<Children.count).map { _ in state.nextRandomSeed() }
        state.children = Children(seeds: seeds, difference: state.children?.difference ?? 0.35,
                                  images: [RGBImage?](repeating: nil, count: Children.count))
        state.mode = .children
        return render(&state)
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
            let step: Float = key == .char("-") ? -0.1 : 0.1
            children.difference = min(max(children.difference + step, 0.05), 1)
            state.children = children
            return render(&state)
        case .char("r"), .char("v"): return open(&state)
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
        return Editing.edit(&state) { $0 = child }
    }
}
