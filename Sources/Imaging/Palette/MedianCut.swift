/// Median cut over histogram bins, each cut placed where it leaves the least squared error
/// (Wu's criterion) along the best of the three axes: the box with the most error is split next.
/// Boxes are contiguous ranges of one permuted list of bins, split by partitioning in place, and
/// cuts are searched over the 32 bin coordinates of an axis, so nothing is sorted.
struct MedianCut {
    let histogram: Histogram
    /// The used bins, permuted so that every box is a contiguous range of it.
    var order: [Int32]
    var boxes: [Box] = []

    struct Box {
        var start: Int, end: Int
        var weight: Double
        var sum: SIMD3<Double>
        /// Squared distances of its pixels (counted at their bins' means) to the box's mean.
        var error: Double
        var splittable: Bool { end - start > 1 && error > 0 }
    }

    init(_ histogram: Histogram) {
        self.histogram = histogram
        order = histogram.used
        boxes = [box(0, order.count)]
    }

    /// Splits until there are `count` boxes (or every box is one bin); their means.
    mutating func split(into count: Int) -> PaletteSearch {
        while boxes.count < count {
            var worst = -1
            for (i, box) in boxes.enumerated() where box.splittable && (worst < 0 || box.error > boxes[worst].error) { worst = i }
            guard worst >= 0 else { break }
            let (axis, cut) = bestCut(boxes[worst])
            let middle = partition(boxes[worst], axis: axis, cut: cut)
            boxes.append(box(middle, boxes[worst].end))
            boxes[worst] = box(boxes[worst].start, middle)
        }
        var palette = PaletteSearch(count: boxes.count)
        for (i, box) in boxes.enumerated() { palette.set(i, SIMD3<Float>(box.sum / box.weight)) }
        return palette
    }

    func box(_ start: Int, _ end: Int) -> Box {
        var weight = 0.0, sum = SIMD3<Double>.zero, squares = 0.0
        for k in start..<end {
            let b = histogram.bin(Int(order[k]))
            let s = SIMD3(Double(b.x), Double(b.y), Double(b.z)), n = Double(b.w)
            weight += n
            sum += s
            squares += (s * s).sum() / n
        }
        return Box(start: start, end: end, weight: weight, sum: sum, error: max(0, squares - (sum * sum).sum() / weight))
    }

    @inline(__always)
    static func coordinate(_ bin: Int32, axis: Int) -> Int { Int(bin) >> (10 - 5 * axis) & 31 }

    /// The axis and coordinate (bins at or below it go left) that leave the least error: the
    /// error left is the pixels' squares (fixed) less |sum|²/weight of each side, so the best
    /// cut has the largest sum of those.
    func bestCut(_ box: Box) -> (axis: Int, cut: Int) {
        // Colour sums and weight per coordinate, for the three axes: 4 doubles per slice.
        var slices = [Double](repeating: 0, count: 4 * 96)
        for k in box.start..<box.end {
            let bin = order[k], b = histogram.bin(Int(bin))
            for axis in 0..<3 {
                let at = 4 * (axis * 32 + MedianCut.coordinate(bin, axis: axis))
                for lane in 0..<4 { slices[at + lane] += Double(b[lane]) }
            }
        }
        var best = (axis: 0, cut: 0, score: -Double.infinity)
        for axis in 0..<3 {
            var left = SIMD4<Double>.zero
            for cut in 0..<31 {
                let at = 4 * (axis * 32 + cut)
                left += SIMD4(slices[at], slices[at + 1], slices[at + 2], slices[at + 3])
                let right = SIMD4(box.sum.x, box.sum.y, box.sum.z, box.weight) - left
                guard left.w > 0, right.w > 0 else { continue }
                let score = Self.spread(left) + Self.spread(right)
                if score > best.score { best = (axis, cut, score) }
            }
        }
        return (best.axis, best.cut)
    }

    /// |sum|² / weight of a side.
    static func spread(_ side: SIMD4<Double>) -> Double {
        (side.x * side.x + side.y * side.y + side.z * side.z) / side.w
    }

    /// Moves the box's bins at or below `cut` on `axis` to its front; the index of the first other.
    mutating func partition(_ box: Box, axis: Int, cut: Int) -> Int {
        var low = box.start, high = box.end - 1
        while low <= high {
            if MedianCut.coordinate(order[low], axis: axis) <= cut {
                low += 1
            } else {
                order.swapAt(low, high)
                high -= 1
            }
        }
        return low
    }
}
