import Neural
import XCTest

/// The card's quality JSON, as the studio's card shows it.
final class QualitySummaryTests: XCTestCase {
    func testEvaluatorJSONReadsAsRatiosAndReferences() {
        let json = #"{"images":1024,"seeds":[0,1,2],"ratio":{"mean":[1.5,1.25,2.0,1.6],"min":[1,1,1,1],"max":[2,2,2,2]},"#
            + #""precision":{"mean":0.41},"recall":{"mean":0.38},"real_precision":{"mean":0.79},"real_recall":{"mean":0.8},"#
            + #""near_blank":0.002}"#
        XCTAssertEqual(QualitySummary.lines(json), [
            "SWD / floor 1.50 / 1.25 / 2.00 (finest first; N 1024, 3 seeds)",
            "precision 0.41 (real 0.79)",
            "recall 0.38 (real 0.80)",
            "near-blank 0.2% of seeds",
        ])
    }

    func testOldCardsAndOddTextStillSaySomething() {
        XCTAssertEqual(QualitySummary.lines(#"{"ratio":[3.26,2.13,2.05,2.4],"images":1024}"#),
            ["SWD / floor 3.26 / 2.13 / 2.05 (finest first; N 1024)"])
        XCTAssertEqual(QualitySummary.lines("{}"), ["not measured"])
        XCTAssertEqual(QualitySummary.lines("not json"), ["not json"])
        XCTAssertEqual(QualitySummary.lines(#"{"ratio":["x"]}"#), [#"{"ratio":["x"]}"#])
    }
}
