/// A command was asked for something that cannot be (a named file that is not there or not
/// a regular file, an unknown feed or file id, a folder that is not a workspace): the
/// message says what to pass instead. Exit code 2.
public struct UsageError: KindedError, Sendable {
  public let description: String
  public var kind: ErrorKind { .usage }
  public init(_ description: String) { self.description = description }
}
