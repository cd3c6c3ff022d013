/// A file that could not be opened or read, as opposed to one with a bad row (``ImportError``);
/// the description names the file and says why.
public struct UnreadableFile: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
