import Imaging

/// The text every PNG Ganvas writes carries: who made it, that it is AI-generated, and the recipe.
public enum Provenance {
    public static let version = "0.1.0"
    public static let recipeKey = "ganvas:recipe"

    public static func text(for recipe: Recipe) -> [(key: String, value: String)] {
        [("Software", "ganvas \(version)"),
         ("Description", "AI-generated image, made by Ganvas with the GAN style '\(recipe.style)' (model sha256 \(recipe.modelSHA256.prefix(12)))."),
         (recipeKey, recipe.json())]
    }

    public static func png(_ image: RGBImage, recipe: Recipe) throws -> [UInt8] {
        try PNGCodec.encode(image, text: text(for: recipe))
    }

    /// The recipe inside a PNG's text entries.
    public static func recipe(in text: [(key: String, value: String)]) throws -> Recipe {
        guard let json = text.first(where: { $0.key == recipeKey })?.value else {
            throw RecipeError("no Ganvas recipe in this PNG")
        }
        return try Recipe.decode(json)
    }
}
