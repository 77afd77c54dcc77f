import Foundation

/// Ways to move between latents. Gaussian latents live near a sphere, so slerp keeps a blend
/// looking like a real sample where lerp would fade towards the washed-out mean.
public enum Interpolation {
    public static func lerp(_ a: [Float], _ b: [Float], _ t: Float) -> [Float] {
        precondition(a.count == b.count, "latents differ in size")
        return zip(a, b).map { $0 + ($1 - $0) * t }
    }

    /// Spherical interpolation, done in Double; falls back to lerp for nearly parallel latents.
    public static func slerp(_ a: [Float], _ b: [Float], _ t: Float) -> [Float] {
        precondition(a.count == b.count, "latents differ in size")
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in a.indices {
            dot += Double(a[i]) * Double(b[i])
            na += Double(a[i]) * Double(a[i])
            nb += Double(b[i]) * Double(b[i])
        }
        let denominator = (na * nb).squareRoot()
        guard denominator > 0 else { return lerp(a, b, t) }
        let cosine = min(max(dot / denominator, -1), 1)
        let omega = acos(cosine)
        let sine = sin(omega)
        guard sine > 1e-6 else { return lerp(a, b, t) }
        let wa = sin((1 - Double(t)) * omega) / sine, wb = sin(Double(t) * omega) / sine
        return a.indices.map { Float(wa * Double(a[$0]) + wb * Double(b[$0])) }
    }

    /// Truncation ψ: pulls z towards the prior's mean (0); ψ < 1 trades variety for typicality.
    public static func truncate(_ z: [Float], psi: Float) -> [Float] {
        z.map { $0 * psi }
    }
}
