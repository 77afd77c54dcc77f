import Recipes

/// A studio picture is a recipe without the model's particulars: these turn one into the other.
/// (The recipe is the file format; the picture is what the sliders and undo move.)
extension Picture {
    /// The recipe that remakes this picture with a model: its digest, how many of its edit
    /// directions were solved (edits beyond them are dropped) and the generator's size.
    public func recipe(modelSHA256: String, directions: Int, size: Int) -> Recipe {
        let kept = edits.enumerated().filter { $0.element != 0 && $0.offset < directions }
            .map { Recipe.Edit(direction: $0.offset, amount: $0.element) }
        let blends = mixes.map { mix in
            mix.latent.map { Recipe.Mix(latent: Recipe.encodeLatent($0), t: mix.t) } ?? Recipe.Mix(seed: mix.seed, t: mix.t)
        }
        var recipe = Recipe(style: style, modelSHA256: modelSHA256, seed: base == nil ? seed : nil, latent: base, psi: psi,
                            mixes: blends, edits: kept, size: size)
        recipe.colours = colours.map {
            Recipe.Colours(seed: $0.latent == nil ? $0.seed : nil, latent: $0.latent, level: $0.level, t: $0.t < 1 ? $0.t : nil)
        }
        return recipe
    }

    /// A gallery recipe as a studio picture, when it is one: its edits fit the sliders and its
    /// latents read (the style checks their length when it renders).
    public init?(recipe: Recipe) {
        guard recipe.edits.allSatisfy({ $0.direction < StudioState.sliderCount }) else { return nil }
        var base: [Float]?
        if let text = recipe.latent {
            guard let z = Recipe.decodeLatent(text) else { return nil }
            base = z
        }
        var edits = [Float](repeating: 0, count: StudioState.sliderCount)
        for edit in recipe.edits { edits[edit.direction] = edit.amount }
        var mixes: [Mix] = []
        for mix in recipe.mixes {
            if let seed = mix.seed {
                mixes.append(Mix(seed: seed, t: mix.t))
            } else if let text = mix.latent, let z = Recipe.decodeLatent(text) {
                mixes.append(Mix(seed: 0, t: mix.t, latent: z))
            } else {
                return nil
            }
        }
        var colours: Colours?
        if let source = recipe.colours {
            let latent = source.latent.flatMap(Recipe.decodeLatent)
            guard source.seed != nil || latent != nil else { return nil }
            colours = Colours(seed: source.seed ?? 0, level: source.level, latent: latent, t: source.t ?? 1)
        }
        self.init(style: recipe.style, seed: recipe.seed ?? 0, base: base, psi: recipe.psi, edits: edits, mixes: mixes, colours: colours)
    }
}
