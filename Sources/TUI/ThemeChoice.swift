extension Theme {
    /// The theme's name: the person's choice (`--theme`, `$GANVAS_THEME`) wins; otherwise `light`
    /// on a light background (the default theme's greys vanish on white) and `default` elsewhere.
    public static func choice(_ chosen: String?, lightBackground: Bool?) -> String {
        chosen ?? (lightBackground == true ? "light" : "default")
    }
}
