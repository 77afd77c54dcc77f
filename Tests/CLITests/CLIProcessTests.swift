import Foundation
import TerminalText
import TestSupport
import XCTest

/// Runs the real `ganvas` executable, as a user would, against the tiny fixture model.
final class CLIProcessTests: XCTestCase {
    var work = ""
    var environment: [String: String] = [:]

    static let executable: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ganvas").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/ganvas").path
    }()

    static let tinyModel = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NeuralTests/Fixtures/tiny.safetensors").path

    override func setUpWithError() throws {
        work = NSTemporaryDirectory() + "ganvas-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work + "/models", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.tinyModel, toPath: work + "/models/tiny.safetensors")
        environment = ["HOME": work, "GANVAS_MODELS": work + "/models", "XDG_PICTURES_DIR": work + "/pictures", "PATH": "/usr/bin:/bin"]
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: work)
    }

    struct Result { let status: Int32; let out: String; let err: String }

    func ganvas(_ args: String...) throws -> Result { try run(args) }

    func run(_ args: [String]) throws -> Result { try launch(Self.executable, args, environment: environment) }

    func launch(_ executable: String, _ args: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: work)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile(), errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: errData, as: UTF8.self))
    }

    func contents(_ name: String) -> Data? { FileManager.default.contents(atPath: work + "/" + name) }

    func testSameSeedSameFileOtherSeedOtherFile() throws {
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "7", "--out", "a.png").status, 0)
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "7", "--out", "b.png").status, 0)
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "8", "--out", "c.png").status, 0)
        XCTAssertNotNil(contents("a.png"))
        XCTAssertEqual(contents("a.png"), contents("b.png"))
        XCTAssertNotEqual(contents("a.png"), contents("c.png"))
    }

    func testOptionMistakesAreNamed() throws {
        let twice = try ganvas("show", "x.png", "--cols", "3", "--cols=4")
        XCTAssertNotEqual(twice.status, 0)
        XCTAssertTrue(twice.err.contains("--cols is given twice"), twice.err)
        XCTAssertTrue(try ganvas("show", "x.png", "--colour", "full").err.contains("unknown option '--colour'"))
        XCTAssertTrue(try ganvas("show", "x.png", "--cols").err.contains("--cols needs a value"))
        XCTAssertTrue(try ganvas("styles", "--paths", "--paths").status == 0)
    }

    func testPNGCheckAcceptsWhatGanvasWrites() throws {
        let pngcheck = ["/usr/bin/pngcheck", "/usr/local/bin/pngcheck"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pngcheck else { throw XCTSkip("pngcheck is not installed (.ci/run installs it)") }
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "3", "--size", "33", "--out", "a.png").status, 0)
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--count", "2", "--out", "dir").status, 0)
        for file in ["a.png", "dir/" + (try FileManager.default.contentsOfDirectory(atPath: work + "/dir")[0])] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pngcheck)
            process.arguments = ["-q", work + "/" + file]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "pngcheck refused \(file)")
        }
    }

    /// `--colours-from`: another seed's colours on a shipped SLE style, remade exactly by regen;
    /// the tiny DCGAN has no gates and says so in one line.
    func testColoursFromAnotherSeedReplayAndAreRefusedWhereTheyCannotBe() throws {
        let icons = URL(fileURLWithPath: Self.tinyModel).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/icons.safetensors").path
        try FileManager.default.copyItem(atPath: icons, toPath: work + "/models/icons.safetensors")
        for (name, extra) in [("own.png", [String]()), ("mixed.png", ["--colours-from", "14"]), ("tint.png", ["--colours-from", "14",
            "--colour-level", "1"])] {
            let made = try run(["generate", "--style", "icons", "--seed", "3", "--out", name] + extra)
            XCTAssertEqual(made.status, 0, made.err)
            let verified = try ganvas("regen", name, "--verify")
            XCTAssertEqual(verified.status, 0, verified.err)
        }
        XCTAssertEqual(Set([contents("own.png"), contents("mixed.png"), contents("tint.png")]).count, 3)
        // A picture's colours: seed 14's own picture lends what seed 14 does, and regen remakes it.
        XCTAssertEqual(try run(["generate", "--style", "icons", "--seed", "14", "--out", "c14.png"]).status, 0)
        let byFile = try run(["generate", "--style", "icons", "--seed", "3", "--colours-from", "c14.png", "--out", "file.png"])
        XCTAssertEqual(byFile.status, 0, byFile.err)
        XCTAssertEqual(try ganvas("regen", "file.png", "--verify").status, 0)
        XCTAssertTrue(String(decoding: contents("file.png")!, as: UTF8.self).contains("\"colours\":{\"latent\":"))
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--colours-from", "c14.png").status, 1, "another model's picture")
        XCTAssertEqual(try ganvas("generate", "--style", "icons", "--colours-from", "c14.jpg").status, 2)
        XCTAssertTrue(String(decoding: contents("mixed.png")!, as: UTF8.self).contains("\"colours\":{\"level\":0,\"seed\":14}"))
        let tiny = try ganvas("generate", "--style", "tiny", "--seed", "3", "--colours-from", "14", "--out", "t.png")
        XCTAssertEqual(tiny.status, 1)
        XCTAssertTrue(tiny.err.contains("cannot mix colours") && tiny.err.split(separator: "\n").count == 1, tiny.err)
        XCTAssertEqual(try ganvas("generate", "--style", "icons", "--colours-from", "1", "--colour-level", "2").status, 1)
        XCTAssertEqual(try ganvas("generate", "--style", "icons", "--colour-level", "1").status, 2)
        XCTAssertNil(contents("t.png"))
        let listed = try ganvas("styles").out.split(separator: "\n")
        XCTAssertTrue(listed.contains { $0.hasPrefix("icons ") && $0.contains(" colours 0-1 ") }, listed.joined(separator: "\n"))
        XCTAssertTrue(listed.contains { $0.hasPrefix("tiny ") && $0.contains(" colours - ") }, listed.joined(separator: "\n"))
    }

    func testRegenVerifiesItsOwnPictureAndCatchesATamperedOne() throws {
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "11", "--psi", "0.8", "--size", "40", "--out",
            "p.png").status, 0)
        let verified = try ganvas("regen", "p.png", "--verify")
        XCTAssertEqual(verified.status, 0, verified.err)
        XCTAssertTrue(verified.out.contains("verified"))
        // Same pixels, but a recipe that names another seed: the check must fail.
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "12", "--psi", "0.8", "--size", "40", "--out",
            "q.png").status, 0)
        var png = [UInt8](contents("p.png")!)
        let other = [UInt8](contents("q.png")!)
        let idat = { (bytes: [UInt8]) in bytes.firstRange(of: Array("IDAT".utf8))!.lowerBound - 4 }
        png.replaceSubrange(idat(png)..., with: other[idat(other)...])
        _ = FileManager.default.createFile(atPath: work + "/tampered.png", contents: Data(png))
        let failed = try ganvas("regen", "tampered.png", "--verify")
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.err.contains("differ"), failed.err)
    }

    func testCountWritesDistinctFilesIntoTheGallery() throws {
        let result = try ganvas("generate", "--style", "tiny", "--count", "3", "--seed", "100")
        XCTAssertEqual(result.status, 0, result.err)
        let paths = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(paths, ["100", "101", "102"].map { work + "/pictures/ganvas/tiny-\($0).png" })
        XCTAssertTrue(paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    func testBadInputIsOneLineAndStatusTwo() throws {
        for args in [["generate", "--seed", "-5"], ["generate", "--count", "abc"], ["generate", "--psi", "nan"],
                     ["generate", "--bogus"], ["generate", "--seed"], ["frobnicate"], ["generate", "--out", "x.jpg"],
                     ["regen"], ["styles", "extra"]] {
            let result = try run(args)
            XCTAssertEqual(result.status, 2, "\(args): \(result.err)")
            XCTAssertEqual(result.err.split(separator: "\n").count, 1, "\(args): \(result.err)")
            XCTAssertEqual(result.out, "", "\(args)")
        }
    }

    func testRuntimeFailuresAreOneLineAndStatusOne() throws {
        _ = FileManager.default.createFile(atPath: work + "/fake.png", contents: Data("hello".utf8))
        for args in [["generate", "--style", "nosuch"], ["regen", "fake.png"], ["regen", "missing.png"],
                     ["generate", "--style", "tiny", "--out", "no/such/dir/a.png"], ["generate", "--style", work + "/fake.png"]] {
            let result = try run(args)
            XCTAssertEqual(result.status, 1, "\(args): \(result.err)")
            XCTAssertEqual(result.err.split(separator: "\n").count, 1, "\(args): \(result.err)")
        }
    }

    /// Nothing from data reaches the terminal raw: not in errors, not in listings, not in JSON.
    func testControlAndBidiCharactersNeverReachTheTerminal() throws {
        let hostile = "a\u{1B}]0;owned\u{07}\u{9B}31m\u{202E}b\u{2066}\u{7F}\nfake line"
        func assertClean(_ text: String, _ what: String) {
            let raw = text.unicodeScalars.filter { TerminalText.isUnsafe($0) && $0 != "\n" }
            XCTAssertTrue(raw.isEmpty, "\(what) wrote \(raw.map { String($0.value, radix: 16) })")
        }
        // A file by that name where the gallery folder should be: an error that names it.
        _ = FileManager.default.createFile(atPath: work + "/" + hostile, contents: Data())
        for args in [["generate", "--style", hostile], ["show", hostile + ".png"], ["gallery", "list", "--gallery", work + "/" + hostile]] {
            let result = try run(args)
            XCTAssertEqual(result.status, 1, "\(args)")
            XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err)
            assertClean(result.err, "\(args[0])")
        }
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "1").status, 0)
        let gallery = work + "/pictures/ganvas/"
        let name = "x\u{9B}\u{202E}\u{7F}y.png"
        try FileManager.default.copyItem(atPath: gallery + "tiny-1.png", toPath: gallery + name)
        let list = try ganvas("gallery", "list")
        XCTAssertEqual(list.out.split(separator: "\n").count, 2)
        assertClean(list.out, "gallery list")
        let json = try ganvas("gallery", "list", "--json")
        assertClean(json.out, "gallery list --json")
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        XCTAssertTrue(objects.contains { ($0["file"] as? String)?.hasSuffix(name) == true }, "the escapes decode to the real name")
    }

    /// `show` as text under TERM=xterm: block elements every font has, no sextants (boxes in
    /// DejaVu Sans Mono) unless asked for.
    func testShowTextUsesCommonSymbolsUnlessAsked() throws {
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "5", "--out", "a.png").status, 0)
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = nil
        func scalars(_ args: String...) throws -> [UInt32] {
            let run = try self.run(["show", "a.png", "--cols", "12"] + args)
            XCTAssertEqual(run.status, 0, run.err)
            return run.out.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).unicodeScalars.map(\.value)
        }
        let sextants = UInt32(0x1FB00)...0x1FB3B
        let plain = try scalars("--format", "text")
        XCTAssertFalse(plain.contains { sextants.contains($0) })
        XCTAssertTrue(plain.allSatisfy { $0 == 0x20 || $0 == 0x0A || (0x2580...0x259F).contains($0) })
        XCTAssertTrue(try scalars("--format", "text", "--symbols", "sextants").contains { sextants.contains($0) })
        XCTAssertTrue(try scalars("--format", "sextants").contains { sextants.contains($0) })
    }

    func testShowDrawsAndBenchTimes() throws {
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "5", "--out", "a.png").status, 0)
        let text = try ganvas("show", "a.png", "--format", "sextants", "--cols", "10")
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertEqual(text.out.split(separator: "\n").count, 5)
        XCTAssertTrue(text.out.contains("\u{1B}[38;2;"))
        let sixel = try ganvas("show", "a.png", "--format", "sixel")
        XCTAssertTrue(sixel.out.hasPrefix("\u{1B}P") && sixel.out.contains("\"1;1;16;16"))
        environment["NO_COLOR"] = "1"
        XCTAssertFalse(try ganvas("show", "a.png", "--format", "quadrants").out.contains("\u{1B}["))
        XCTAssertEqual(try ganvas("show", "a.png", "--format", "bogus").status, 2)
        XCTAssertEqual(try ganvas("show", "a.png", "--format", "quadrants", "--symbols", "blocks").status, 2)
        XCTAssertEqual(try ganvas("show", "a.png", "--symbols", "bogus").status, 2)
        XCTAssertEqual(try ganvas("show", "missing.png").status, 1)
        let bench = try ganvas("bench", "--style", "tiny", "--seconds", "0.1", "--json")
        XCTAssertEqual(bench.status, 0, bench.err)
        let json = try JSONSerialization.jsonObject(with: Data(bench.out.utf8)) as? [String: Any]
        XCTAssertGreaterThan(json?["ms_per_image"] as? Double ?? 0, 0)
    }

    func testGalleryListExportAndInterpolate() throws {
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--count", "2", "--seed", "1").status, 0)
        let list = try ganvas("gallery", "list")
        XCTAssertEqual(list.out.split(separator: "\n").count, 2)
        XCTAssertTrue(list.out.contains("tiny-1.png  tiny  seed 1"))
        let json = try JSONSerialization.jsonObject(with: Data(try ganvas("gallery", "list", "--json").out.utf8)) as? [[String: Any]]
        XCTAssertEqual(json?.count, 2)
        let gallery = work + "/pictures/ganvas/"
        let export = try ganvas("export", gallery + "tiny-1.png", gallery + "tiny-2.png", "--to", "out", "--scale", "3", "--sheet")
        XCTAssertEqual(export.status, 0, export.err)
        XCTAssertEqual(export.out.split(separator: "\n").map { ($0 as NSString).lastPathComponent },
            ["tiny-1-x3.png", "tiny-2-x3.png", "contact-sheet.png"])
        XCTAssertEqual(try ganvas("regen", "out/tiny-1-x3.png", "--verify").status, 0)
        // Pictures made at another size than the model's, exported sharp and smooth, and exports
        // of exports: each file's recipe remakes it exactly.
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "9", "--size", "25", "--out", "odd.png").status, 0)
        for (from, flags, made) in [("odd.png", ["--scale", "4"], "out2/odd-x4.png"),
            ("odd.png", ["--scale", "3", "--smooth"], "out3/odd-x3.png"),
                                    ("out2/odd-x4.png", ["--scale", "2", "--smooth"], "out4/odd-x4-x2.png")] {
            let folder = (made as NSString).deletingLastPathComponent
            XCTAssertEqual(try run(["export", from, "--to", folder] + flags).status, 0, made)
            let verify = try ganvas("regen", made, "--verify")
            XCTAssertEqual(verify.status, 0, "\(made): \(verify.err)")
        }
        let walk = try ganvas("interpolate", "--from", "1", "--to", gallery + "tiny-2.png", "--frames", "4", "--out", "walk")
        XCTAssertEqual(walk.status, 0, walk.err)
        XCTAssertTrue(walk.out.hasSuffix(".gif\n"))
        let gif = [UInt8](try XCTUnwrap(contents(walk.out.trimmingCharacters(in: .whitespacesAndNewlines))))
        XCTAssertEqual(Array(gif.prefix(6)), Array("GIF89a".utf8))
        XCTAssertEqual(gif.last, 0x3B)
        let frames = try FileManager.default.contentsOfDirectory(atPath: work + "/walk").filter { !$0.hasSuffix(".gif") }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work + "/walk/" + frames[0]).count, 4)
        XCTAssertEqual(try ganvas("interpolate", "--from", "x", "--to", "2").status, 2)
        let both = try ganvas("interpolate", "--from", "1", "--to", "2", "--frames", "3", "--format", "both", "--size", "20", "--out",
            "walk2")
        XCTAssertEqual(both.status, 0, both.err)
        XCTAssertEqual(both.out.split(separator: "\n").map { ($0 as NSString).pathExtension }, ["gif", "apng"])
        XCTAssertEqual(try ganvas("interpolate", "--from", "1", "--to", "2", "--format", "webp").status, 2)
        XCTAssertEqual(try ganvas("export", "missing.png", "--to", "out").status, 1)
    }

    func testStylesHelpAndVersion() throws {
        let styles = try ganvas("styles")
        XCTAssertEqual(styles.status, 0)
        XCTAssertTrue(styles.out.split(separator: "\n").contains { $0.hasPrefix("tiny ") && $0.contains("16px") }, styles.out)
        for verb in ["generate", "regen", "styles", "show", "bench", "gallery", "export", "interpolate", "studio"] {
            let help = try ganvas(verb, "--help")
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.out.hasPrefix("usage: ganvas") && help.out.split(separator: "\n")[0].contains(verb), help.out)
        }
        XCTAssertTrue(try ganvas("--version").out.hasPrefix("ganvas "))
    }
}

extension CLIProcessTests {
    /// A picture whose name is not UTF-8: listed with the byte escaped, and `show` opens it when
    /// the shell passes the raw name.
    func testNonUTF8FileNamesAreListedAndOpen() throws {
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "4").status, 0)
        let rename = try shell("mv pictures/ganvas/tiny-4.png \"pictures/ganvas/$(printf 'b\\377d').png\"")
        XCTAssertEqual(rename.status, 0, rename.err)
        let list = try ganvas("gallery", "list")
        XCTAssertTrue(list.out.contains("b\\xFFd.png  tiny  seed 4"), list.out)
        let show = try shell("\"$GANVAS\" show --format halfblocks --cols 8 --rows 4 \"pictures/ganvas/$(printf 'b\\377d')\".png")
        XCTAssertEqual(show.status, 0, show.err)
        XCTAssertFalse(show.out.isEmpty)
        let missing = try shell("\"$GANVAS\" show \"$(printf 'x\\377')\".png")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("x\\xFF.png"), missing.err)
    }

    /// Runs a shell line in the work folder, with $GANVAS naming the executable.
    func shell(_ line: String) throws -> Result {
        try launch("/bin/sh", ["-c", line], environment: environment.merging(["GANVAS": Self.executable]) { $1 })
    }
}

extension CLIProcessTests {
    static let tinyUpscaler = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NeuralTests/Fixtures/upscaler.safetensors").path

    /// With an upscaler beside the style: larger pictures go through it, their recipes say so and
    /// verify, exports are made again through it, `--enhance off` resamples, and `enhance`
    /// enlarges any picture.
    func testUpscalerIsUsedWhereverAPictureIsLarger() throws {
        try FileManager.default.copyItem(atPath: Self.tinyUpscaler, toPath: work + "/models/tiny.upscaler.safetensors")
        XCTAssertEqual(try ganvas("styles").out.split(separator: "\n").filter { $0.contains("tiny") }.count, 1,
            "an upscaler is not a style")
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "5", "--size", "32", "--out", "big.png").status, 0)
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "5", "--size", "32", "--enhance", "off", "--out",
            "plain.png").status, 0)
        XCTAssertNotEqual(contents("big.png"), contents("plain.png"))
        let recipe = try ganvas("regen", "big.png", "--verify")
        XCTAssertEqual(recipe.status, 0, recipe.err)
        XCTAssertTrue(String(decoding: contents("big.png")!, as: UTF8.self).contains("\"upscaler\":{"))
        XCTAssertFalse(String(decoding: contents("plain.png")!, as: UTF8.self).contains("\"upscaler\":{"))
        // Exports of the model-size picture and of the enlarged one, sharp and smooth: all verify.
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "6", "--out", "small.png").status, 0)
        for (file, flags) in [("small.png", ["--scale", "2"]), ("big.png", ["--scale", "2", "--smooth"]),
            ("small.png", ["--scale", "3", "--enhance", "off"]),
                              ("big.png", ["--scale", "2", "--enhance", "off"])] {
            let export = try run(["export", file, "--to", "ex-\(flags.count)"] + flags)
            XCTAssertEqual(export.status, 0, export.err)
            let made = export.out.trimmingCharacters(in: .whitespacesAndNewlines)
            let verify = try ganvas("regen", made, "--verify")
            XCTAssertEqual(verify.status, 0, "\(made): \(verify.err)")
        }
        // enhance: a Ganvas picture is made again (and verifies); a foreign one is labelled.
        XCTAssertEqual(try ganvas("enhance", "small.png", "--out", "small-x2.png").status, 0)
        XCTAssertEqual(try ganvas("regen", "small-x2.png", "--verify").status, 0)
        let plainPNG = try XCTUnwrap(contents("plain.png"))
        let imageData = plainPNG.range(of: Data("IDAT".utf8))!.lowerBound - 4
        try Data(plainPNG.prefix(33) + plainPNG.suffix(from: imageData)).write(to: URL(fileURLWithPath: work + "/foreign.png"))
        let foreign = try ganvas("enhance", "foreign.png", "--style", "tiny", "--scale", "3", "--out", "foreign-x3.png")
        XCTAssertEqual(foreign.status, 0, foreign.err)
        let enlarged = String(decoding: try XCTUnwrap(contents("foreign-x3.png")), as: UTF8.self)
        XCTAssertTrue(enlarged.contains("compositeWithTrainedAlgorithmicMedia"))
        XCTAssertEqual(try ganvas("enhance", "foreign.png", "--out", "x.png").status, 2, "a foreign picture needs --style")
        XCTAssertEqual(try ganvas("enhance", "foreign.png", "--style", "second", "--out", "x.png").status, 1)
    }

    /// What enhance and an enhanced export write must verify, or be refused before work: x8 of a
    /// 600 px picture is 4,800 px, past the 4,096 a recipe says (issue 25.7).
    func testEnhancedExportsPastWhatARecipeSaysStillVerifyAndEnhanceRefusesThem() throws {
        try FileManager.default.copyItem(atPath: Self.tinyUpscaler, toPath: work + "/models/tiny.upscaler.safetensors")
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "5", "--size", "600", "--out", "six.png").status, 0)
        let export = try ganvas("export", "six.png", "--scale", "8", "--to", "out")
        XCTAssertEqual(export.status, 0, export.err)
        let made = export.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let verify = try ganvas("regen", made, "--verify")
        XCTAssertEqual(verify.status, 0, verify.err)
        XCTAssertEqual(try ganvas("generate", "--style", "tiny", "--seed", "5", "--size", "1024", "--out", "big.png").status, 0)
        let refused = try ganvas("enhance", "big.png", "--scale", "8", "--out", "big-x8.png")
        XCTAssertEqual(refused.status, 2, refused.err)
        XCTAssertTrue(refused.err.contains("a recipe remakes at most 4096 px: use --scale 4 or less"), refused.err)
        XCTAssertEqual(refused.err.split(separator: "\n").count, 1)
        XCTAssertNil(contents("big-x8.png"))
    }

    /// `--count 3 --out y.png` made a folder named y.png; `ganvas --symbols sextants`, as the
    /// README says, was an unknown command (issue 23.15, 23.6).
    func testAPNGNameIsOnePictureAndStudioOptionsOpenTheStudio() throws {
        let many = try ganvas("generate", "--style", "tiny", "--count", "3", "--out", "y.png")
        XCTAssertEqual(many.status, 2, many.err)
        XCTAssertTrue(many.err.contains("names one PNG, but 3 pictures need a folder"), many.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work + "/y.png"))
        for option in [["--symbols", "sextants"], ["--symbols=blocks"], ["--style", "tiny"], ["--theme", "light"], ["--gallery", "g"]] {
            let studio = try run(option)
            XCTAssertEqual(studio.status, 1, "\(option): \(studio.err)")
            XCTAssertTrue(studio.err.contains("the studio needs a terminal"), "\(option): \(studio.err)")
        }
    }

    /// `gallery list` on a new install lists nothing (it said "no gallery" and exited 1), and
    /// `bench --gallery` on a missing folder fails instead of timing 0 items (issue 23.13).
    func testAMissingGalleryIsEmptyToListAndAnErrorToBench() throws {
        let list = try ganvas("gallery", "list", "--gallery", work + "/nothing-yet")
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertEqual(list.out, "")
        _ = FileManager.default.createFile(atPath: work + "/a-file", contents: Data())
        XCTAssertEqual(try ganvas("gallery", "list", "--gallery", work + "/a-file").status, 1)
        let bench = try ganvas("bench", "--gallery", work + "/nothing-yet")
        XCTAssertEqual(bench.status, 1, bench.out)
        XCTAssertTrue(bench.err.contains("no gallery folder"), bench.err)
    }

    /// An emoji picture enlarged with the glyphs upscaler still says which GAN made it and which
    /// upscaler enlarged it; it was labelled a composite with no word of the GAN (issue 23.14).
    func testEnhancingWithAnotherStylesUpscalerKeepsTheGANInTheLabel() throws {
        try FileManager.default.copyItem(atPath: Self.tinyUpscaler, toPath: work + "/models/tiny.upscaler.safetensors")
        // A second style: the tiny model under another name (so another SHA-256).
        try SafetensorsHeaderEdit.renamedCopy(of: Self.tinyModel, to: "second", at: work + "/models/second.safetensors")
        XCTAssertEqual(try ganvas("generate", "--style", "second", "--seed", "3", "--out", "second.png").status, 0)
        let result = try ganvas("enhance", "second.png", "--style", "tiny", "--out", "second-x2.png")
        XCTAssertEqual(result.status, 0, result.err)
        let file = String(decoding: try XCTUnwrap(contents("second-x2.png")), as: UTF8.self)
        XCTAssertTrue(file.contains("made by Ganvas with the GAN style 'second'") && file.contains("upscaler of the style 'tiny'"),
            file.prefix(600).description)
        XCTAssertTrue(file.contains("digitalsourcetype/trainedAlgorithmicMedia") && !file.contains("composite"))
        XCTAssertTrue(file.contains("ganvas:source-recipe\u{0}") && file.contains("\"style\":\"second\""))
        XCTAssertFalse(file.contains("ganvas:recipe\u{0}"), "its pixels are not the recipe's: no recipe to regenerate")
    }
}
