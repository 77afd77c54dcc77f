import Foundation

/// The card's `ganvas.quality` JSON (tools/evaluate.py) as short lines a person reads: SWD as a
/// ratio to the real-vs-real floor per level, precision and recall beside the real reference,
/// the near-blank share. Older cards (`swd_x1e3` as a plain list) read too; anything else is
/// shown as it is, made safe for a terminal by the caller.
public enum QualitySummary {
    public static func lines(_ json: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], !object.isEmpty else {
            return [json == "{}" ? "not measured" : json]
        }
        var lines: [String] = []
        let images = (object["images"] as? NSNumber).map { "N \($0.intValue)" }
        let seeds = (object["seeds"] as? [Any]).map { "\($0.count) seeds" }
        if let ratio = means(object["ratio"]) {
            let levels = ratio.dropLast().map { String(format: "%.2f", $0) }.joined(separator: " / ")
            lines.append("SWD / floor \(levels) (finest first; \([images, seeds].compactMap { $0 }.joined(separator: ", ")))")
        }
        for key in ["precision", "recall"] {
            if let model = means(object[key])?.first {
                let real = means(object["real_" + key])?.first.map { String(format: " (real %.2f)", $0) } ?? ""
                lines.append("\(key) \(String(format: "%.2f", model))\(real)")
            }
        }
        if let blank = object["near_blank"] as? NSNumber {
            lines.append(String(format: "near-blank %.1f%% of seeds", blank.doubleValue * 100))
        }
        return lines.isEmpty ? [json] : lines
    }

    /// A list of numbers, or the `mean` list of a {mean, min, max} summary, or one number.
    static func means(_ value: Any?) -> [Double]? {
        if let list = value as? [Any] { return numbers(list) }
        if let summary = value as? [String: Any], let mean = summary["mean"] {
            if let list = mean as? [Any] { return numbers(list) }
            if let number = mean as? NSNumber { return [number.doubleValue] }
        }
        if let number = value as? NSNumber { return [number.doubleValue] }
        return nil
    }

    static func numbers(_ list: [Any]) -> [Double]? {
        let values = list.compactMap { ($0 as? NSNumber)?.doubleValue }
        return values.count == list.count && !values.isEmpty ? values : nil
    }
}
