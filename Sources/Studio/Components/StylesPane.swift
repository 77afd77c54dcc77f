/// The left pane: styles, then presets, under one cursor.
enum StylesPane {
    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        let last = max(state.styles.count + state.presets.count - 1, 0)
        switch key {
        case .up, .char("k"): state.styleCursor = max(state.styleCursor - 1, 0)
        case .down, .char("j"): state.styleCursor = min(state.styleCursor + 1, last)
        case .home, .pageUp: state.styleCursor = 0
        case .end, .pageDown: state.styleCursor = last
        case .enter, .char(" "), .right, .char("l"): return pick(state.styleCursor, &state)
        default: break
        }
        return []
    }

    /// Uses the style or preset at `index` of the list.
    static func pick(_ index: Int, _ state: inout StudioState) -> [Effect] {
        if index >= state.styles.count { return applyPreset(index - state.styles.count, &state) }
        return chooseStyle(index, &state)
    }

    static func chooseStyle(_ index: Int, _ state: inout StudioState) -> [Effect] {
        guard state.styles.indices.contains(index), index != state.activeStyle else { return [] }
        let name = state.styles[index].name
        state.status = "style \(name)"
        // Directions belong to a model: another style starts from a clean slate, same seed.
        let levels = state.styles[index].colourLevels
        return Editing.edit(&state) { picture in
            picture.style = name
            picture.edits = picture.edits.map { _ in 0 }
            picture.mixes = []
            // Another seed's colours carry over to a style whose generator has that gate level.
            if let level = picture.colours?.level, level >= levels { picture.colours = nil }
        }
    }

    static func applyPreset(_ index: Int, _ state: inout StudioState) -> [Effect] {
        guard state.presets.indices.contains(index) else { return [] }
        let preset = state.presets[index]
        if let style = preset.style, !state.styles.contains(where: { $0.name == style }) {
            state.status = "preset \(preset.name) needs the style \(style), which is not installed"
            return []
        }
        let style = preset.style ?? state.picture.style
        if preset.names.contains(where: { $0 != nil }) {
            var names = state.directionNames[style] ?? StudioState.defaultNames
            for (i, name) in preset.names.enumerated() { if let name { names[i] = name } }
            state.directionNames[style] = names
        }
        state.status = "preset \(preset.name)"
        let levels = state.colourLevels(of: style)
        return Editing.edit(&state) { picture in
            if style != picture.style { picture.style = style; picture.mixes = []; picture.colours = nil }
            if let seed = preset.seed { picture.seed = seed; picture.mixes = [] }
            if let psi = preset.psi { picture.psi = psi }
            for (i, value) in preset.values.enumerated() { picture.edits[i] = value ?? 0 }
            if !preset.mixes.isEmpty { picture.mixes = preset.mixes }
            if let colours = preset.colours { picture.colours = colours.level < levels ? colours : nil }
        }
    }
}

/// `P`: the picture as a preset (style, seed, ψ, sliders, names, seed mixes, a seed's colours).
enum PresetSaving {
    static func save(named name: String, _ state: inout StudioState) -> [Effect] {
        guard state.picture.mixes.allSatisfy({ $0.latent == nil }), state.picture.colours?.latent == nil else {
            state.status = "a crossbreed with a gallery picture or its colours can't go in a preset (a picture is no seed); " +
                "s saves the picture"
            return []
        }
        var preset = Preset(name: name)
        preset.style = state.picture.style
        preset.seed = state.picture.seed
        preset.psi = state.picture.psi
        preset.values = state.picture.edits.map { $0 == 0 ? nil : $0 }
        preset.names = zip(state.sliderNames, StudioState.defaultNames).map { $0 == $1 ? nil : $0 }
        preset.mixes = Array(state.picture.mixes.suffix(Preset.maxMixes))
        preset.colours = state.picture.colours
        if state.presets.contains(where: { $0.name == name }) {
            TextEntry.ask(.replacePreset(preset), "a preset named \(name) exists: replace it? (y/n)", &state)
            return []
        }
        return [.savePreset(preset)]
    }
}
