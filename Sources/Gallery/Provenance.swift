import Imaging
import Recipes

/// The text every PNG Ganvas writes carries: who made it, that it is AI-generated (in words, and
/// as IPTC's Digital Source Type in an XMP packet, which exiftool and photo tools read), and the
/// recipe.
public enum Provenance {
    public static let version = "0.1.0"
    public static let recipeKey = "ganvas:recipe"
    /// The recipe of the picture a file was made from when its own pixels are not that recipe's
    /// (enlarged by another style's upscaler): provenance, not something `regen` remakes.
    public static let sourceRecipeKey = "ganvas:source-recipe"
    public static let xmpKey = "XML:com.adobe.xmp"
    /// IPTC NewsCodes: "created by a model trained on sampled content" — a GAN's pictures.
    public static let digitalSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    /// A picture of other origin with AI-made parts: what an upscaler's detail makes of one.
    public static let compositeSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"

    public static func text(for recipe: Recipe) -> [(key: String, value: String)] {
        let model = "the GAN style '\(recipe.style)' (model sha256 \(recipe.modelSHA256.prefix(12)))"
        return label("AI-generated image, made by Ganvas with \(model).",
            model: "Ganvas GAN style \(recipe.style), model sha256 \(recipe.modelSHA256)")
            + [(recipeKey, recipe.json())]
    }

    /// Software, description and the XMP packet, for any picture Ganvas writes.
    public static func label(_ description: String, model: String,
        sourceType: String = digitalSourceType) -> [(key: String, value: String)] {
        [("Software", "ganvas \(version)"), ("Description", description),
            (xmpKey, xmp(description: description, model: model, sourceType: sourceType))]
    }

    /// The label for a GIF's comment extension (GIF has no XMP of its own that tools agree on).
    public static func gifComment(style: String, modelSHA256: String) -> String {
        "AI-generated animation (IPTC digital source type: trainedAlgorithmicMedia, \(digitalSourceType)), "
            + "made by ganvas \(version) with the GAN style '\(style)' (model sha256 \(modelSHA256.prefix(12)))."
    }

    /// An XMP packet: IPTC Extension's DigitalSourceType and AISystemUsed, the creator tool, and
    /// the description.
    static func xmp(description: String, model: String, sourceType: String) -> String {
        """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            Iptc4xmpExt:DigitalSourceType="\(sourceType)"
            Iptc4xmpExt:AISystemUsed="\(escaped(model))"
            xmp:CreatorTool="ganvas \(version)">
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escaped(description))</rdf:li></rdf:Alt></dc:description>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="r"?>
        """
    }

    /// Text as XML character data or an attribute value.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 has no place for other C0 controls; a style name can't bring one in.
                if c.value < 0x20 && c != "\n" && c != "\t" { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
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
