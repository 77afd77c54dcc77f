/// Nearest palette colour with a lazily filled 5-bit-per-channel cache, refined exactly: the
/// cache holds the few candidates near each cell, and the exact colour picks among them. The
/// lists live in one flat array (`start[cell]` is an offset, -1 until filled), so a look-up
/// touches no reference counts.
struct NearestColor {
    let colors: [SIMD4<Int32>]
    var start: [Int32]
    var count: [UInt16]
    var lists: [UInt8] = []
    /// Beside each list entry, a lower bound on its squared distance to any colour in the cell;
    /// lists are sorted by it, so a search stops once the bound passes the best so far (dense
    /// palettes, as smooth pictures get, have long lists).
    var bounds: [Int32] = []

    init(_ palette: [SIMD3<UInt8>]) {
        colors = palette.map { SIMD4(Int32($0.x), Int32($0.y), Int32($0.z), 0) }
        start = [Int32](repeating: -1, count: 32768)
        count = [UInt16](repeating: 0, count: 32768)
        lists.reserveCapacity(4096)
    }

    @inline(__always)
    mutating func nearest(_ r: Int32, _ g: Int32, _ b: Int32) -> UInt8 {
        let r = min(max(r, 0), 255), g = min(max(g, 0), 255), b = min(max(b, 0), 255)
        let cell = Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3)
        if start[cell] < 0 { fill(cell) }
        let first = Int(start[cell]), n = Int(count[cell])
        if n == 1 { return lists[first] }
        let colour = SIMD4(r, g, b, 0)
        var best = lists[first]
        var bestDistance = Int32.max
        for k in first..<(first + n) {
            if bounds[k] > bestDistance { break }
            let index = lists[k]
            let d = colour &- colors[Int(index)]
            let distance = (d &* d).wrappedSum()
            if distance < bestDistance { bestDistance = distance; best = index }
        }
        return best
    }

    mutating func fill(_ cell: Int) {
        let list = candidatesFor(cell)
        start[cell] = Int32(lists.count)
        count[cell] = UInt16(list.count)
        lists += list.map(\.index)
        bounds += list.map(\.bound)
    }
    /// Palette entries that can be nearest to some colour inside the 8x8x8 cell: those whose
    /// distance to the cell's centre is within the best distance plus the cell's diagonal
    /// (compared squared, in doubled units so the centre is an integer). Each comes with a
    /// lower bound on its squared distance to any colour in the cell (its distance to the
    /// centre less the half diagonal), nearest first.
    func candidatesFor(_ cell: Int) -> [(index: UInt8, bound: Int32)] {
        let centre = SIMD4<Int32>(Int32((cell >> 10) << 4) + 7, Int32((cell >> 5 & 31) << 4) + 7, Int32((cell & 31) << 4) + 7, 0)
        var distances = [Int32](repeating: 0, count: colors.count)
        var best = Int32.max
        for (i, c) in colors.enumerated() {
            let d = c &* 2 &- centre
            distances[i] = (d &* d).wrappedSum()
            best = min(best, distances[i])
        }
        let halfDiagonal = 7 * Float(3).squareRoot()
        let radius = Float(best).squareRoot() + 2 * halfDiagonal
        let limit = Int32((radius * radius).rounded(.up))
        var list: [(index: UInt8, bound: Int32, distance: Int32)] = []
        for i in distances.indices where distances[i] <= limit {
            // Halved back to real units; rounded down (and a unit less) so it stays a lower bound.
            let gap = max(0, (Float(distances[i]).squareRoot() - halfDiagonal) / 2)
            list.append((UInt8(i), max(0, Int32((gap * gap).rounded(.down)) - 1), distances[i]))
        }
        return list.sorted { $0.distance < $1.distance }.map { ($0.index, $0.bound) }
    }
}
