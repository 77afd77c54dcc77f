/// Matrix products, row-major: C[M,N] = A[M,K] · B[K,N], with leading dimensions (row strides).
///
/// `multiply` is the fast path the engine runs; `reference` is the plain triple loop that every
/// fast path is tested against.
public enum Gemm {
    typealias Vec = SIMD16<Float>

    public static func reference(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum += a[i * lda + p] * b[p * ldb + j] }
                c[i * ldc + j] = sum
            }
        }
    }

    /// The fast product; `threads` > 1 splits the rows of C between threads.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        threads: Int = 1
    ) {
        // Below ~1M multiply-adds a thread costs more than it saves.
        if threads > 1 && m * n * k >= 1 << 20 {
            let parts = Parallel.ranges(m, parts: threads, step: 4)
            Parallel.run(parts.count) { i in
                let rows = parts[i]
                multiply(m: rows.count, n: n, k: k, a: a + rows.lowerBound * lda, lda: lda, b: b, ldb: ldb,
                         c: c + rows.lowerBound * ldc, ldc: ldc, threads: 1)
            }
            return
        }
        if n < Vec.scalarCount {
            multiplyNarrow(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }
        var j = 0
        while j + 2 * Vec.scalarCount <= n {
            rowBlocks(m: m, k: k, a: a, lda: lda, b: b + j, ldb: ldb, c: c + j, ldc: ldc, kernel4: kernel4x32, kernel1: kernel1x32)
            j += 2 * Vec.scalarCount
        }
        while j + Vec.scalarCount <= n {
            rowBlocks(m: m, k: k, a: a, lda: lda, b: b + j, ldb: ldb, c: c + j, ldc: ldc, kernel4: kernel4x16, kernel1: kernel1x16)
            j += Vec.scalarCount
        }
        if j < n {
            // The last few columns: one overlapping 16-wide block ending at column n recomputes
            // some columns with the same sums, which is cheaper than a scalar tail.
            let start = n - Vec.scalarCount
            rowBlocks(m: m, k: k, a: a, lda: lda, b: b + start, ldb: ldb, c: c + start, ldc: ldc, kernel4: kernel4x16, kernel1: kernel1x16)
        }
    }

    typealias Kernel = (Int, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>, Int) -> Void

    @inline(__always)
    static func rowBlocks(
        m: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, kernel4: Kernel, kernel1: Kernel
    ) {
        var i = 0
        while i + 4 <= m {
            kernel4(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc)
            i += 4
        }
        while i < m {
            kernel1(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc)
            i += 1
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vec {
        UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
    }

    @inline(__always)
    static func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
    }

    static func kernel4x32(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c00 = Vec(), c01 = Vec(), c10 = Vec(), c11 = Vec()
        var c20 = Vec(), c21 = Vec(), c30 = Vec(), c31 = Vec()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        var bp = b
        for p in 0..<k {
            let b0 = load(bp), b1 = load(bp + Vec.scalarCount)
            let x0 = Vec(repeating: a0[p]), x1 = Vec(repeating: a1[p])
            let x2 = Vec(repeating: a2[p]), x3 = Vec(repeating: a3[p])
            c00.addProduct(x0, b0); c01.addProduct(x0, b1)
            c10.addProduct(x1, b0); c11.addProduct(x1, b1)
            c20.addProduct(x2, b0); c21.addProduct(x2, b1)
            c30.addProduct(x3, b0); c31.addProduct(x3, b1)
            bp += ldb
        }
        let w = Vec.scalarCount
        store(c00, c); store(c01, c + w)
        store(c10, c + ldc); store(c11, c + ldc + w)
        store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + w)
        store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + w)
    }

    static func kernel1x32(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c0 = Vec(), c1 = Vec()
        var bp = b
        for p in 0..<k {
            let x = Vec(repeating: a[p])
            c0.addProduct(x, load(bp)); c1.addProduct(x, load(bp + Vec.scalarCount))
            bp += ldb
        }
        store(c0, c); store(c1, c + Vec.scalarCount)
    }

    static func kernel4x16(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c0 = Vec(), c1 = Vec(), c2 = Vec(), c3 = Vec()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        var bp = b
        for p in 0..<k {
            let bv = load(bp)
            c0.addProduct(Vec(repeating: a0[p]), bv); c1.addProduct(Vec(repeating: a1[p]), bv)
            c2.addProduct(Vec(repeating: a2[p]), bv); c3.addProduct(Vec(repeating: a3[p]), bv)
            bp += ldb
        }
        store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc); store(c3, c + 3 * ldc)
    }

    static func kernel1x16(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c0 = Vec()
        var bp = b
        for p in 0..<k {
            c0.addProduct(Vec(repeating: a[p]), load(bp))
            bp += ldb
        }
        store(c0, c)
    }

    /// N below one vector: transpose B into rows so each output is a dot product along K.
    static func multiplyNarrow(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let bt = UnsafeMutablePointer<Float>.allocate(capacity: n * k)
        defer { bt.deallocate() }
        for p in 0..<k { for j in 0..<n { bt[j * k + p] = b[p * ldb + j] } }
        for i in 0..<m {
            for j in 0..<n { c[i * ldc + j] = dot(a + i * lda, bt + j * k, k) }
        }
    }

    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc0 = Vec(), acc1 = Vec()
        var p = 0
        while p + 2 * Vec.scalarCount <= count {
            acc0.addProduct(load(x + p), load(y + p))
            acc1.addProduct(load(x + p + Vec.scalarCount), load(y + p + Vec.scalarCount))
            p += 2 * Vec.scalarCount
        }
        var sum = (acc0 + acc1).sum()
        while p < count { sum += x[p] * y[p]; p += 1 }
        return sum
    }
}
