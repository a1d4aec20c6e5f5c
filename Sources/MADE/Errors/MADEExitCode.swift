/// The exit codes of `made`, one meaning each: `made --help` and the README list them from
/// here (a test keeps the three in step).
public enum MADEExitCode: Int32, CaseIterable, Sendable {
  case success = 0
  case internalFailure = 1
  case usageOrConfiguration = 2
  case quarantined = 3
  case workspaceLocked = 4
  case overdueFeed = 5

  /// What the code means, as `made --help` and the README say it.
  public var meaning: String {
    switch self {
    case .success: return "success (row-level rejects allowed)"
    case .internalFailure: return "internal failure, or `made verify` found a problem"
    case .usageOrConfiguration:
      return "usage or configuration error, or a feed the workspace is not ready for"
    case .quarantined:
      return "at least one file quarantined (the others were still processed)"
    case .workspaceLocked: return "another run holds the workspace lock"
    case .overdueFeed: return "`made status --check` found an overdue feed"
    }
  }

  /// The list for `made --help`: one line per code.
  public static var helpText: String {
    allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n")
  }
}
