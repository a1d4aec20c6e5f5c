/// made.toml, a feed schema, the indicator catalogue or a file of the workspace's own set-up
/// cannot be used: the message names the file, the key or line where known, and what to
/// write instead. Exit code 2.
public struct ConfigurationError: KindedError, Sendable {
  public let description: String
  public var kind: ErrorKind { .configuration }
  public init(_ description: String) { self.description = description }
}
