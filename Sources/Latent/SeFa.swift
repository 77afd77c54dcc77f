import Foundation

/// Closed-form semantic directions (SeFa; Shen & Zhou, CVPR 2021): the eigenvectors of AᵀA for
/// the generator's first layer A (features × latent) are the latent directions that layer
/// stretches most, and so the ones that change the picture most.
public enum SeFa {
    /// The first `count` unit directions, strongest first. `weight` is A, row-major
    /// [rows × dimension]. Signs are fixed (largest component positive) so directions — and
    /// slider edits saved in recipes — are the same on every run.
    /// The work is bounded: the Gram matrix costs rows·d² and the Jacobi solve about 6·d³ per
    /// sweep, so larger latents (d > `maxDimension`) or first layers get no directions (empty)
    /// rather than a solve that runs for minutes.
    public static func directions(weight: [Float], rows: Int, dimension: Int, count: Int) -> [[Float]] {
        precondition(weight.count == rows * dimension, "weight does not match \(rows)x\(dimension)")
        guard isAffordable(rows: rows, dimension: dimension) else { return [] }
        var gram = [Double](repeating: 0, count: dimension * dimension)
        weight.withUnsafeBufferPointer { a in
            for r in 0..<rows {
                let row = a.baseAddress! + r * dimension
                for i in 0..<dimension {
                    let ai = Double(row[i])
                    if ai == 0 { continue }
                    for j in i..<dimension { gram[i * dimension + j] += ai * Double(row[j]) }
                }
            }
        }
        for i in 0..<dimension { for j in 0..<i { gram[i * dimension + j] = gram[j * dimension + i] } }
        let (values, vectors) = SymmetricEigen.decompose(gram, size: dimension)
        let order = values.indices.sorted { values[$0] > values[$1] }
        return order.prefix(count).map { column in
            var v = (0..<dimension).map { vectors[$0 * dimension + column] }
            let largest = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
            if v[largest] < 0 { v = v.map { -$0 } }
            let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            return v.map { Float($0 / norm) }
        }
    }
}

extension SeFa {
    /// Latents larger than this get no SeFa directions (the Jacobi solve grows as d³).
    public static let maxDimension = 256
    /// Most multiply-adds spent on the Gram matrix (rows · d²): about a second.
    public static let maxGramWork = 1 << 30

    public static func isAffordable(rows: Int, dimension: Int) -> Bool {
        guard dimension <= maxDimension else { return false }
        let (work, overflow) = rows.multipliedReportingOverflow(by: dimension * dimension)
        return !overflow && work <= maxGramWork
    }
}

/// Cyclic Jacobi eigendecomposition of a symmetric matrix: simple, exact enough, deterministic.
enum SymmetricEigen {
    /// Returns eigenvalues and eigenvectors (column j of the row-major matrix is vector j).
    static func decompose(_ matrix: [Double], size n: Int) -> ([Double], [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<60 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<n { off += a[p * n + q] * a[p * n + q] } }
            if off < 1e-22 * max(1, (0..<n).map { a[$0 * n + $0] * a[$0 * n + $0] }.reduce(0, +)) { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}
