/// A line being typed. While it is open every key goes to it, and the status line shows it.
public struct TextInput: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case renameSlider(Int), seed, value(SliderRow), savePreset, tags(path: String), saveTo, galleryFilter, openPicture, openSketch
    }
    public var purpose: Purpose
    public var prompt: String
    public var text: String
    /// The text is still what the prompt opened with (the last folder, the old filter): typing
    /// a new one replaces it (for a path, a typed / or ~ starts afresh) instead of adding to it.
    public var prefilled: Bool
    public init(purpose: Purpose, prompt: String, text: String = "") {
        self.purpose = purpose
        self.prompt = prompt
        self.text = text
        prefilled = !text.isEmpty
    }

    /// Whether typing `c` first replaces a prefilled text.
    func replacesPrefill(_ c: Character) -> Bool {
        guard prefilled else { return false }
        switch purpose {
        case .openPicture, .openSketch, .saveTo: return c == "/" || c == "~"
        case .galleryFilter: return true
        default: return false
        }
    }

    /// Which characters this entry takes: each purpose its own, so a stray key can't sneak in.
    func accepts(_ c: Character) -> Bool {
        guard text.count < 200 else { return false }
        switch purpose {
        case .seed: return c.isASCII && c.isNumber
        case .value: return c.isASCII && (c.isNumber || c == "." || c == "-")
        case .savePreset: return c.isLetter || c.isNumber || "-_".contains(c)
        case .saveTo, .openPicture, .openSketch: return !c.isControlCharacter
        // A slider's name is shown, never a file name: any printable character ("smile ☺").
        case .renameSlider: return !c.isControlCharacter
        case .tags, .galleryFilter: return c.isLetter || c.isNumber || "-_ ".contains(c)
        }
    }
}

extension Character {
    /// C0 and C1 controls and DEL: never typed into a line.
    var isControlCharacter: Bool { unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
}

/// A yes/no question; `y` answers yes, any other key no.
public struct Question: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case quit, replacePreset(Preset) }
    public var purpose: Purpose
    public var text: String
}

/// What holds the keyboard: a line of text or a question.
public enum Prompt: Equatable, Sendable {
    case text(TextInput)
    case question(Question)
}

/// Keys while a prompt is open: Enter confirms, Esc cancels; nothing else in the studio sees them.
enum TextEntry {
    static func open(_ purpose: TextInput.Purpose, _ prompt: String, text: String = "", _ state: inout StudioState) {
        state.prompt = .text(TextInput(purpose: purpose, prompt: prompt, text: text))
    }

    static func ask(_ purpose: Question.Purpose, _ text: String, _ state: inout StudioState) {
        state.prompt = .question(Question(purpose: purpose, text: text))
    }

    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch state.prompt {
        case .text(let input)?: return typing(key, input, &state)
        case .question(let question)?: return answer(key, question, &state)
        case nil: return []
        }
    }

    static func typing(_ key: Key, _ input: TextInput, _ state: inout StudioState) -> [Effect] {
        var input = input
        state.status = ""  // a hint (Tab's choices) answers the key before
        switch key {
        case .char(let c) where input.accepts(c):
            if input.replacesPrefill(c) { input.text = "" }
            input.text.append(c)
            input.prefilled = false
        case .backspace:
            if !input.text.isEmpty { input.text.removeLast() }
            input.prefilled = false
        case .ctrl("u"):
            input.text = ""  // as readline and every shell do
            input.prefilled = false
        case .tab where input.purpose == .openPicture || input.purpose == .openSketch:
            state.prompt = .text(input)
            return [.completePath(input.text)]
        case .escape, .ctrl("c"):
            state.prompt = nil
            return []
        case .enter:
            state.prompt = nil
            return confirm(input.purpose, input.text.trimmedSpaces(), &state)
        default: break
        }
        state.prompt = .text(input)
        return []
    }

    static func answer(_ key: Key, _ question: Question, _ state: inout StudioState) -> [Effect] {
        state.prompt = nil
        if question.purpose == .quit && key == .char("s") {
            state.quitAfterSave = true
            state.status = "saving, then quitting…"
            return [.save(picture: state.picture)]
        }
        guard key == .char("y") || key == .char("Y") || (question.purpose == .quit && (key == .char("q") || key == .ctrl("c"))) else {
            state.status = "kept going"
            return []
        }
        switch question.purpose {
        case .quit: state.quit = true; return []
        case .replacePreset(let preset): return [.savePreset(preset)]
        }
    }

    /// What Enter does with the typed text.
    static func confirm(_ purpose: TextInput.Purpose, _ text: String, _ state: inout StudioState) -> [Effect] {
        if case .tags(let path) = purpose { return [.setTags(path: path, tags: text.split(separator: " ").map(String.init))] }
        if purpose == .galleryFilter { return GalleryMode.filter(text, &state) }
        guard !text.isEmpty else { return [] }
        switch purpose {
        case .tags, .galleryFilter: return []
        case .openPicture: return PictureOpening.open(path: text, &state)
        case .openSketch:
            if let slash = text.lastIndex(of: "/") { state.openFolder = String(text[...slash]) }
            return CanvasMode.open(.file(path: text, picture: state.picture), &state)
        case .saveTo:
            state.status = "saving…"
            return [.saveTo(picture: state.picture, directory: text)]
        case .renameSlider(let i):
            var names = state.sliderNames
            names[i] = String(text.prefix(10))
            state.directionNames[state.picture.style] = names
            return [.saveDirectionNames(style: state.picture.style, names: names)]
        case .seed:
            guard let seed = UInt64(text) else { state.status = "a seed is a whole number from 0 to \(UInt64.max)"; return [] }
            return Editing.edit(&state) { $0.seed = seed; $0.mixes = [] }
        case .value(let row):
            guard let value = Float(text), value.isFinite else { state.status = "not a number: \(text)"; return [] }
            return SlidersPane.set(row, to: value, &state)
        case .savePreset:
            return PresetSaving.save(named: text, &state)
        }
    }
}
