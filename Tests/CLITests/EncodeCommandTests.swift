import Foundation
import XCTest

/// `ganvas encode`, run as a user would: PNGs of every kind libpng reads become the style's
/// closest picture, whose recipe remakes it bit for bit; bad input is one line and an exit status.
extension CLIProcessTests {
    static let encodeFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    func testEncodeTakesAnyPNGAndItsRecipeRemakesItExactly() throws {
        for name in ["palette.png", "grey-alpha.png", "rgb16.png"] {
            let out = "encoded-" + name
            let result = try ganvas("encode", Self.encodeFixtures + "/" + name, "--style", "tiny", "--budget-ms", "50", "--out", out)
            XCTAssertEqual(result.status, 0, "\(name): \(result.err)")
            XCTAssertEqual(result.out, out + "\n")
            XCTAssertTrue(result.err.contains("RMS error"), result.err)
            let verify = try ganvas("regen", "--verify", out)
            XCTAssertEqual(verify.status, 0, verify.err)
            XCTAssertTrue(verify.out.contains("every pixel matches"), verify.out)
        }
        // Seeded: the same picture twice is the same file.
        XCTAssertEqual(try ganvas("encode", Self.encodeFixtures + "/palette.png", "--style", "tiny", "--budget-ms", "50", "--out",
            "again.png").status, 0)
        XCTAssertEqual(contents("again.png"), contents("encoded-palette.png"))
        // Into the gallery by default, at any size.
        let sized = try ganvas("encode", Self.encodeFixtures + "/rgb16.png", "--style", "tiny", "--budget-ms", "20", "--size", "40")
        XCTAssertEqual(sized.status, 0, sized.err)
        XCTAssertTrue(sized.out.hasPrefix(work + "/pictures/ganvas/tiny-encoded"), sized.out)
    }

    func testEncodeRefusesBadInputInOneLine() throws {
        _ = FileManager.default.createFile(atPath: work + "/not.png", contents: Data("hello".utf8))
        _ = FileManager.default.createFile(atPath: work + "/empty.png", contents: Data())
        let cases: [([String], Int32, String)] = [
            (["encode"], 2, "needs a PNG file"),
            (["encode", "missing.png", "--style", "tiny"], 1, "missing.png"),
            (["encode", "not.png", "--style", "tiny"], 1, "not.png"),
            (["encode", "empty.png", "--style", "tiny"], 1, "empty.png"),
            (["encode", "not.png", "--budget-ms", "-1"], 2, "--budget-ms"),
            (["encode", "not.png", "--budget-ms", "99999999999999999999"], 2, "--budget-ms"),
            (["encode", Self.encodeFixtures + "/palette.png", "--style", "nosuch"], 1, "no style named 'nosuch'"),
            (["encode", Self.encodeFixtures + "/palette.png", "--style", "tiny", "--out", "x.jpg"], 2, ".png"),
            (["encode", Self.encodeFixtures + "/palette.png", "--style", "tiny", "--out", "no/such/folder/x.png"], 1,
                "cannot write in no/such/folder"),
            (["encode", Self.encodeFixtures + "/palette.png", "--style", "tiny", "--match", "rgb"], 2,
                "--match must be colour or luma, got 'rgb'"),
            (["encode", Self.encodeFixtures + "/palette.png", "--style", "tiny", "--match"], 2, "--match"),
            (["encode", "missing.png", "--style", "tiny", "--fill"], 1, "missing.png"),
        ]
        for (args, status, text) in cases {
            let result = try run(args)
            XCTAssertEqual(result.status, status, "\(args): \(result.err)")
            XCTAssertTrue(result.err.contains(text), "\(args): \(result.err)")
            XCTAssertEqual(result.err.split(separator: "\n").count, 1, "\(args): \(result.err)")
            XCTAssertEqual(result.out, "")
        }
        XCTAssertNil(contents("x.jpg"))
        // A file beside the style that is not its encoder is named, not ignored.
        try FileManager.default.copyItem(atPath: Self.tinyModel, toPath: work + "/models/tiny.encoder.safetensors")
        let broken = try ganvas("encode", Self.encodeFixtures + "/palette.png", "--style", "tiny", "--out", "y.png")
        XCTAssertEqual(broken.status, 1, broken.err)
        XCTAssertTrue(broken.err.contains("the encoder \(work)/models/tiny.encoder.safetensors cannot be used: not an encoder"), broken.err)
        XCTAssertNil(contents("y.png"))
    }

    /// `--match luma` (colourise) and `--fill` (inpaint) on every kind of PNG: a picture whose
    /// recipe remakes it exactly, the error reported over what was matched.
    func testMatchLumaAndFillTakeAnyPNG() throws {
        for name in ["palette.png", "grey-alpha.png", "rgb16.png"] {
            for flags in [["--match", "luma"], ["--fill"], ["--match", "luma", "--fill"], ["--match", "colour"]] {
                let out = "enc-\(flags.joined().replacingOccurrences(of: "-", with: ""))-\(name)"
                let result = try run(["encode", Self.encodeFixtures + "/" + name, "--style", "tiny", "--budget-ms", "30", "--out",
                    out] + flags)
                XCTAssertEqual(result.status, 0, "\(name) \(flags): \(result.err)")
                XCTAssertEqual(result.out, out + "\n")
                let said = result.err.split(separator: "\n").last.map(String.init) ?? ""
                XCTAssertTrue(said.contains("RMS error"), result.err)
                XCTAssertEqual(said.contains("luminance"), flags.contains("luma"), said)
                XCTAssertEqual(said.contains("known pixels"), flags.contains("--fill"), said)
                let verify = try ganvas("regen", "--verify", out)
                XCTAssertEqual(verify.status, 0, verify.err)
            }
        }
        // Only grey-alpha.png has transparency: --fill says when there is nothing to fill.
        let opaque = try ganvas("encode", Self.encodeFixtures + "/rgb16.png", "--style", "tiny", "--budget-ms", "0", "--fill", "--out",
            "o.png")
        XCTAssertTrue(opaque.err.contains("no transparent pixels"), opaque.err)
        // Seeded: colourising the same picture twice gives the same file.
        XCTAssertEqual(try ganvas("encode", Self.encodeFixtures + "/rgb16.png", "--style", "tiny", "--budget-ms", "30", "--match",
            "luma", "--out", "again.png").status, 0)
        XCTAssertEqual(contents("again.png"), contents("enc-matchluma-rgb16.png"))
    }
}
