/// The workspace is not ready for one feed: no pseudonymisation key, a reference table or
/// rule set it needs is empty, no geography is loaded, its record table is held by another
/// feed, or its schema holds a pattern that cannot be compiled. Nothing of the file is
/// recorded; ingest reports it as not loaded, leaves it where it is, and goes on with the
/// other feeds (exit code 2). The message says what to load or change first.
public struct WorkspaceNotReady: KindedError, Sendable {
  public let description: String
  public var kind: ErrorKind { .notReady }
  public init(_ description: String) { self.description = description }
}
