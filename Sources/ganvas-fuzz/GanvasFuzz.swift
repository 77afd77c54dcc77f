import FuzzTargets

#if FUZZING
// Built by bench/fuzz.sh with -sanitize=fuzzer,address -D FUZZING: libFuzzer owns main and calls
// this for every input; the target comes from GANVAS_FUZZ_TARGET.
import Glibc

nonisolated(unsafe) let fuzzTarget: String = {
    let name = getenv("GANVAS_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard FuzzTargets.names.contains(name) else {
        print("ganvas-fuzz: set GANVAS_FUZZ_TARGET to one of \(FuzzTargets.names.joined(separator: ", "))")
        exit(2)
    }
    return name
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.run(fuzzTarget, data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<FuzzArguments>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`: hand the process to libFuzzer's driver.
@_cdecl("ganvas_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
    var count = argc, arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
import Foundation

/// Without the fuzzer: `ganvas-fuzz TARGET FILE|DIR...` replays inputs through a target (a crasher
/// found by bench/fuzz.sh, say) and says how many were accepted and refused.
@main
struct GanvasFuzz {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let target = args.first, FuzzTargets.names.contains(target), args.count > 1 else {
            print("usage: ganvas-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE|DIR...")
            exit(2)
        }
        var accepted = 0, refused = 0
        for path in args.dropFirst() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted().map { path + "/" + $0 } ?? [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                if FuzzTargets.run(target, [UInt8](data)) { accepted += 1 } else { refused += 1 }
            }
        }
        print("\(target): \(accepted) accepted, \(refused) refused")
    }
}
#endif
