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
            let parts = Parallel.ranges(m, parts: threads, step: Panel.rows)
            Parallel.run(parts.count) { i in
                let rows = parts[i]
                multiply(m: rows.count, n: n, k: k, a: a + rows.lowerBound * lda, lda: lda, b: b, ldb: ldb,
                         c: c + rows.lowerBound * ldc, ldc: ldc, threads: 1)
            }
            return
        }
        if n < Panel.width {
            multiplyNarrow(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }
        var j = 0
        while j + Panel.width <= n {
            rowBlocks(m: m, k: k, a: a, lda: lda, b: b + j, ldb: ldb, c: c + j, ldc: ldc)
            j += Panel.width
        }
        if j < n {
            // The last few columns: one overlapping block ending at column n recomputes some
            // columns with the same sums, which is cheaper than a scalar tail.
            let start = n - Panel.width
            rowBlocks(m: m, k: k, a: a, lda: lda, b: b + start, ldb: ldb, c: c + start, ldc: ldc)
        }
    }

    /// One register block: 6 rows x 16 columns of C in twelve 8-wide accumulators, which fit the
    /// 16 vector registers of AVX2 with room for two B loads and a broadcast (a 4x32 block of
    /// 16-wide vectors spilled to the stack on every step).
    enum Panel {
        static let rows = 6, width = 16
    }
    typealias V8 = SIMD8<Float>

    @inline(__always)
    static func rowBlocks(m: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                          c: UnsafeMutablePointer<Float>, ldc: Int) {
        var i = 0
        while i + Panel.rows <= m {
            kernel6x16(k: k, a: a + i * lda, lda: lda, b: b, ldb: ldb, c: c + i * ldc, ldc: ldc)
            i += Panel.rows
        }
        while i < m {
            kernel1x16(k: k, a: a + i * lda, b: b, ldb: ldb, c: c + i * ldc)
            i += 1
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vec {
        UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
    }

    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> V8 {
        UnsafeRawPointer(p).loadUnaligned(as: V8.self)
    }

    @inline(__always)
    static func store8(_ v: V8, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V8.self)
    }

    static func kernel6x16(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c00 = V8(), c01 = V8(), c10 = V8(), c11 = V8(), c20 = V8(), c21 = V8()
        var c30 = V8(), c31 = V8(), c40 = V8(), c41 = V8(), c50 = V8(), c51 = V8()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda, a5 = a + 5 * lda
        var bp = b
        for p in 0..<k {
            let b0 = load8(bp), b1 = load8(bp + 8)
            var x = V8(repeating: a0[p]); c00.addProduct(x, b0); c01.addProduct(x, b1)
            x = V8(repeating: a1[p]); c10.addProduct(x, b0); c11.addProduct(x, b1)
            x = V8(repeating: a2[p]); c20.addProduct(x, b0); c21.addProduct(x, b1)
            x = V8(repeating: a3[p]); c30.addProduct(x, b0); c31.addProduct(x, b1)
            x = V8(repeating: a4[p]); c40.addProduct(x, b0); c41.addProduct(x, b1)
            x = V8(repeating: a5[p]); c50.addProduct(x, b0); c51.addProduct(x, b1)
            bp += ldb
        }
        store8(c00, c); store8(c01, c + 8)
        store8(c10, c + ldc); store8(c11, c + ldc + 8)
        store8(c20, c + 2 * ldc); store8(c21, c + 2 * ldc + 8)
        store8(c30, c + 3 * ldc); store8(c31, c + 3 * ldc + 8)
        store8(c40, c + 4 * ldc); store8(c41, c + 4 * ldc + 8)
        store8(c50, c + 5 * ldc); store8(c51, c + 5 * ldc + 8)
    }

    static func kernel1x16(k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>) {
        var c0 = V8(), c1 = V8()
        var bp = b
        for p in 0..<k {
            let x = V8(repeating: a[p])
            c0.addProduct(x, load8(bp)); c1.addProduct(x, load8(bp + 8))
            bp += ldb
        }
        store8(c0, c); store8(c1, c + 8)
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
