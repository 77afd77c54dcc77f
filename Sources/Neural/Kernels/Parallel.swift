import CHardware
import Dispatch

/// Runs independent pieces of work on several threads. Work is always split the same way for
/// a given count, and no piece sums across another's data, so results never depend on timing.
enum Parallel {
    static func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 {
            return
        } else if count == 1 {
            ganvas_flush_subnormals()
            body(0)
        } else {
            // The pieces write disjoint memory by construction; Swift cannot see that.
            withoutActuallyEscaping(body) { body in
                let work = UncheckedSendable(body)
                // Every thread that computes treats subnormals as zero, so results never depend on which one ran a piece.
                DispatchQueue.concurrentPerform(iterations: count) { ganvas_flush_subnormals(); work.value($0) }
            }
        }
    }

    /// Splits 0..<total into at most `parts` contiguous ranges of near-equal size.
    static func ranges(_ total: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, total))
        let size = (total + parts - 1) / parts
        return stride(from: 0, to: total, by: max(size, 1)).map { $0..<min($0 + size, total) }
    }
}

struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
