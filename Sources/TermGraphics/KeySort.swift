/// Sorts `UInt64` keys ascending in place (heapsort). The standard library's sort of more than 20
/// elements builds an array of `Range<Int>`, whose first use makes the Swift runtime scan every
/// protocol conformance in the binary (about 0.1 ms of `ganvas show`'s start); callers pack what
/// they sort by and an index into one key instead.
func sortKeys(_ keys: inout [UInt64]) {
    keys.withUnsafeMutableBufferPointer { k in
        let n = k.count
        guard n > 1 else { return }
        for start in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(k, start, n) }
        for end in stride(from: n - 1, to: 0, by: -1) {
            k.swapAt(0, end)
            siftDown(k, 0, end)
        }
    }
}

private func siftDown(_ k: UnsafeMutableBufferPointer<UInt64>, _ start: Int, _ end: Int) {
    var root = start
    while 2 * root + 1 < end {
        var child = 2 * root + 1
        if child + 1 < end && k[child + 1] > k[child] { child += 1 }
        if k[root] >= k[child] { return }
        k.swapAt(root, child)
        root = child
    }
}
