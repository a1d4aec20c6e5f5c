/// The kinds of problem that stop a command, or stop one file of an ingest: each error type
/// says which it is, so that callers handle a kind, never a message. A bad row is none of
/// these: it is data, recorded as a reject with its reason code.
public enum ErrorKind: String, Sendable, CaseIterable {
  /// The command was asked for something that cannot be: a file that is not there, an
  /// unknown feed or file id, a folder that is not a workspace (`UsageError`).
  case usage
  /// made.toml, a feed schema, the indicator catalogue or the workspace's own files say
  /// something MADE cannot run with; the message names the file, key or line and what to
  /// write (`ConfigurationError`).
  case configuration
  /// The workspace is not ready for one feed (no key, a reference table empty, its table held
  /// by another feed): that feed's files stay where they are and the others load
  /// (`WorkspaceNotReady`).
  case notReady = "not-ready"
  /// A file given to MADE cannot be used as a whole (a reference file without its columns):
  /// `ReferenceError`. (A named delivery that cannot be read, `ExtractError`, is caught on its
  /// own in `runReportingErrors` and exits 2 too.)
  case data

  /// Every kind stops the command with exit code 2, a problem the operator can fix.
  public var exitCode: MADEExitCode { .usageOrConfiguration }
}

/// An error that says which kind of problem it is, with a message that says what, where and
/// what to do next.
public protocol KindedError: Error, CustomStringConvertible {
  var kind: ErrorKind { get }
}

extension ReferenceError: KindedError {
  public var kind: ErrorKind { .data }
}
