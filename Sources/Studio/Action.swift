import Imaging

/// Everything that can happen to the studio.
public enum Action: Sendable {
    case start
    case key(Key)
    case resize(width: Int, height: Int)
    /// The engine finished request `request`.
    case rendered(request: Int, image: RGBImage)
    case failed(request: Int, message: String)
    case saved(path: String)
    case saveFailed(message: String)
}

/// Work the reducer asks the runtime to do; results come back as actions.
public enum Effect: Equatable, Sendable {
    /// Render `picture`; newer requests supersede older ones.
    case render(request: Int, picture: Picture)
    case save(picture: Picture)
}
