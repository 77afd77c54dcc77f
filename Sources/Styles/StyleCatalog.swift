import Foundation
import Neural
import SafeFiles

/// An installed style: a model file and the card in its header (weights are not loaded).
public struct Style: Sendable {
    public let path: String
    public let card: ModelCard
    /// Gate levels another picture's colours can fill (`Generator.mixedPixels`); 0: it cannot mix.
    public let mixingLevels: Int
    public var name: String { card.name }

    /// Reads and checks the header only.
    public init(path: String) throws {
        self.path = path
        let header = try SafetensorsFile.readHeader(path: path)
        card = try ModelCard(metadata: header.metadata)
        mixingLevels = header.mixingLevels(latentDim: card.latentDim)
    }

    /// The style's upscaler, `NAME.upscaler.safetensors` beside its model file, when there is one.
    public var upscalerPath: String? { companion(StyleCatalog.upscalerSuffix) }

    /// The style's encoder (picture → latent), `NAME.encoder.safetensors`, when there is one.
    public var encoderPath: String? { companion(StyleCatalog.encoderSuffix) }

    private func companion(_ suffix: String) -> String? {
        guard path.hasSuffix(".safetensors") else { return nil }
        let candidate = String(path.dropLast(".safetensors".count)) + suffix
        return access(candidate, F_OK) == 0 ? candidate : nil
    }

    /// SHA-256 of the model file: recipes name the exact weights they were made with.
    public func sha256() throws -> String {
        SHA256.hex(try ReadableFile.contents(of: path, limit: SafetensorsFile.maxFileBytes))
    }

    /// Loads the weights (the whole file is validated against the architecture) and the file's
    /// SHA-256 from one read, the digest computed on another thread while the weights are unpacked
    /// (it was a fifth of `ganvas generate`'s start-up).
    public func loadWithDigest() throws -> (generator: Generator, sha256: String) {
        let bytes = try ReadableFile.contents(of: path, limit: SafetensorsFile.maxFileBytes)
        let digest = DigestJob(bytes)
        let generator = try Generator(file: SafetensorsFile(bytes: bytes))
        return (generator, digest.wait())
    }
}

/// A SHA-256 running on a background thread.
private final class DigestJob: @unchecked Sendable {
    private let group = DispatchGroup()
    private var hex = ""  // written once by the job, read after `group.wait()`

    init(_ bytes: [UInt8]) {
        DispatchQueue.global(qos: .userInitiated).async(group: group) { self.hex = SHA256.hex(bytes) }
    }

    func wait() -> String {
        group.wait()
        return hex
    }
}

/// Folders that ship with Ganvas (models/, themes/, presets/), found from the executable, never
/// from where it was built (a copied or installed binary lost its styles and themes that way):
/// an install's `PREFIX/share/ganvas/NAME` beside `PREFIX/bin/ganvas`; the checkout a
/// `.build/…/ganvas` (or `swift run`, or the tests) runs from; then the system's data folders,
/// `$XDG_DATA_DIRS/ganvas/NAME` (default /usr/local/share and /usr/share). Only folders that
/// exist are listed, so a message naming them names real places.
public enum ShippedFolders {
    public static func candidates(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                                  executable: String? = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                                  -> [String] {
        var found: [String] = []
        if let executable {
            let bin = URL(fileURLWithPath: executable).deletingLastPathComponent()
            found.append(bin.deletingLastPathComponent().appendingPathComponent("share/ganvas/" + name).path)
            if let checkout = checkout(above: bin) { found.append(checkout.appendingPathComponent(name).path) }
        }
        let system = (environment["XDG_DATA_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/share:/usr/share")
        found += system.split(separator: ":").filter { $0.hasPrefix("/") }.map { $0 + "/ganvas/" + name }
        var seen = Set<String>()
        return found.filter { isFolder($0) && seen.insert($0).inserted }
    }

    /// The nearest folder holding Package.swift, up to six levels above `dir` (.build/release/).
    static func checkout(above dir: URL) -> URL? {
        var dir = dir
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// The user's own folder for `name` under $XDG_CONFIG_HOME/ganvas (or ~/.config/ganvas).
    public static func userConfig(_ name: String, environment: [String: String]) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/ganvas/" + name }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/ganvas/" + name
    }
}

/// Why a style could not be found or opened: one line.
public struct StyleError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Finds styles in, by priority: $GANVAS_MODELS (colon-separated folders),
/// $XDG_DATA_HOME/ganvas/models (~/.local/share/ganvas/models), and the `models/` folder that
/// ships with Ganvas. A style in an earlier folder hides one of the same name in a later one.
public struct StyleCatalog: Sendable {
    public static let defaultStyleName = "emoji"
    /// Upscalers sit beside their styles under this suffix; they are not styles themselves.
    public static let upscalerSuffix = ".upscaler.safetensors"
    /// Encoders likewise.
    public static let encoderSuffix = ".encoder.safetensors"
    static let companionSuffixes = [upscalerSuffix, encoderSuffix]
    public let directories: [String]

    public init(directories: [String]) { self.directories = directories }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var dirs: [String] = []
        if let custom = environment["GANVAS_MODELS"] { dirs += custom.split(separator: ":").map(String.init) }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            dirs.append(data + "/ganvas/models")
        } else if let home = environment["HOME"] {
            dirs.append(home + "/.local/share/ganvas/models")
        }
        dirs += ShippedFolders.candidates("models", environment: environment)
        var seen = Set<String>()
        directories = dirs.filter { seen.insert($0).inserted }
    }

    /// Every readable style, sorted by name, plus the files that were refused and why.
    public func list() -> (styles: [Style], refused: [(path: String, reason: String)]) {
        var byName: [String: Style] = [:]
        var refused: [(String, String)] = []
        for dir in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for file in names.sorted() where file.hasSuffix(".safetensors") && !Self.companionSuffixes.contains(where: file.hasSuffix) {
                let path = dir + "/" + file
                do {
                    let style = try Style(path: path)
                    if byName[style.name] == nil { byName[style.name] = style }
                } catch {
                    refused.append((path, "\(error)"))
                }
            }
        }
        return (byName.values.sorted { $0.name < $1.name }, refused)
    }

    /// The installed style whose model file has this SHA-256, trying those named `name` first
    /// (a recipe names both; the digest decides).
    public func style(sha256: String, preferring name: String) -> Style? {
        let styles = list().styles
        let candidates = styles.filter { $0.name == name } + styles.filter { $0.name != name }
        return candidates.first { (try? $0.sha256()) == sha256 }
    }

    /// A style by name, or by path when the argument names a file.
    public func style(_ nameOrPath: String?) throws -> Style {
        let wanted = nameOrPath ?? Self.defaultStyleName
        if wanted.contains("/") || wanted.hasSuffix(".safetensors") {
            do { return try Style(path: wanted) } catch { throw StyleError("\(wanted): \(error)") }
        }
        let styles = list().styles
        if let style = styles.first(where: { $0.name == wanted }) { return style }
        if nameOrPath == nil, let first = styles.first { return first }
        let known = styles.map(\.name).joined(separator: ", ")
        throw StyleError("no style named '\(wanted)'" + (known.isEmpty ? " (no styles are installed)" : "; installed: \(known)"))
    }
}
