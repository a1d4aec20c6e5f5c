import ArgumentParser
import Foundation
import Logging
import MADE

/// The `made` command line: parses arguments, sets up logging, maps errors to exit codes.
/// Everything else is in the MADE library.
@main
struct Made: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "made",
    abstract: "MADE: multi-agency data exchange for a Violence Reduction Network.",
    discussion: """
      Partners' CSV extracts are checked against agreed schemas, pseudonymised, placed in \
      ward and district, loaded into a SQLite warehouse with full lineage, and turned into \
      violence indicators.

      Examples:
        made demo my-demo
        made init /srv/made
        made reference load wards WD24_LAD24_UK_LU.csv --workspace /srv/made
        made ingest --workspace /srv/made

      Exit codes:
      \(MADEExitCode.helpText)
      """,
    version: MADEVersion.string,
    subcommands: [
      Init.self, Reference.self, Ingest.self, Aggregate.self, Export.self, Nightly.self,
      Check.self, Status.self, Rejects.self, Purge.self, Verify.self, Backup.self, Restore.self,
      Demo.self, Docs.self,
    ]
  )

  /// Runs the command, with usage errors exiting `MADEExitCode.usageOrConfiguration` (2)
  /// rather than argument-parser's 64.
  static func main() {
    if let message = unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
      FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
      Foundation.exit(MADEExitCode.usageOrConfiguration.rawValue)
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(MADEExitCode.usageOrConfiguration.rawValue)
      }
      exit(withError: error)
    }
  }
}

extension Made {
  /// `made help X [Y]` where X (or Y, under X) names no command: what to say, as a usage
  /// error, instead of the general help with exit 0 (a script asking for a command that a
  /// later version renamed should hear so).
  static func unknownHelpTopic(_ arguments: [String]) -> String? {
    guard arguments.first == "help" else { return nil }
    var commands = configuration.subcommands
    var path = "made"
    for word in arguments.dropFirst() where !word.hasPrefix("-") {
      let names = commands.map { $0._commandName }
      guard let match = commands.first(where: { $0._commandName == word }) else {
        guard !names.isEmpty else { return "'\(path)' has no subcommand '\(word)'" }
        let nearest = Spelling.nearest(to: word, among: names).map { "; did you mean \($0)?" }
        return "'\(path)' has no command '\(word)'\(nearest ?? ".") The commands: "
          + names.joined(separator: ", ") + "."
      }
      commands = match.configuration.subcommands
      path += " \(word)"
    }
    return nil
  }
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The workspace folder (default: $MADE_WORKSPACE, else the current directory).",
      valueName: "dir"))
  var workspace: String?

  @Flag(name: .shortAndLong, help: "Only print errors (cron-friendly).")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Print debugging detail.")
  var verbose = false

  /// How diagnostics are written.
  enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(
    help: ArgumentHelp(
      "text, or json: one JSON object per line on stderr for log shippers (made nightly also "
        + "prints its run report as one JSON line).", valueName: "format"))
  var logFormat: LogFormat = .text

  func setUpLogging() -> Logger {
    let level: Logger.Level = verbose ? .debug : (quiet ? .error : .info)
    let json = logFormat == .json
    ErrorOutput.json = json
    ErrorOutput.workspace = resolvedWorkspace
    LoggingSystem.bootstrap { label in
      if json { return JSONLogHandler(label: label, logLevel: level) }
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = level
      return handler
    }
    return Logger(label: "made")
  }

  var resolvedWorkspace: Workspace { Workspace.resolve(option: workspace) }

  /// Runs `body` on the workspace while holding its lock for `command`: a command that writes
  /// to the warehouse or packs/ never runs beside another (one holding it: exit 4).
  func withLockedWorkspace(_ command: String, _ body: (Workspace) throws -> Void) throws {
    let workspace = resolvedWorkspace
    let lock = try WorkspaceLock(workspace: workspace, command: command)
    try withExtendedLifetime(lock) { try body(workspace) }
  }
}

/// Writes the errors `runReportingErrors` reports: a line of text, or with `--log-format json`
/// one JSON object (`level`, `message`, `exit_code`, `time`).
enum ErrorOutput {
  nonisolated(unsafe) static var json = false
  /// The command's workspace, to name the warehouse in an access error.
  nonisolated(unsafe) static var workspace: Workspace?

  static func write(_ message: String, exitCode: Int32) {
    if json {
      let object: [String: Any] = [
        "level": "error", "message": message, "exit_code": Int(exitCode),
        "time": ISO8601DateFormatter().string(from: Date()), "label": "made",
      ]
      let data =
        (try? JSONSerialization.data(
          withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
      FileHandle.standardError.write(data + Data("\n".utf8))
    } else {
      FileHandle.standardError.write(Data("made: \(message)\n".utf8))
    }
  }
}

/// swift-log to stderr as JSON lines.
struct JSONLogHandler: LogHandler {
  let label: String
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  init(label: String, logLevel: Logger.Level) {
    self.label = label
    self.logLevel = logLevel
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var object: [String: Any] = [
      "level": event.level.rawValue, "message": "\(event.message)", "label": label,
      "time": ISO8601DateFormatter().string(from: Date()),
    ]
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
      object[key] = "\(value)"
    }
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    FileHandle.standardError.write(data + Data("\n".utf8))
  }
}

/// Maps errors to `MADEExitCode`s (docs/design.md § "Exit codes"), saying what failed and
/// what to do.
func runReportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let exit as ExitCode {
    throw exit
  } catch let busy as WorkspaceLock.Busy {
    throw failure(busy.description, .workspaceLocked)
  } catch let error as any KindedError {
    // Usage, configuration, a workspace not ready, a reference file that cannot be used.
    throw failure("error: \(error.description)", error.kind.exitCode)
  } catch let error as ExtractError {
    // A file named on the command line that cannot be read (not a regular file, unreadable).
    throw failure("error: \(error.message)", .usageOrConfiguration)
  } catch let error
    where AccessProblem.recognise(
      error, workspace: ErrorOutput.workspace ?? Workspace.resolve(option: nil)) != nil
  {
    // Permissions or a read-only mount: what is wrong and what to do, never "internal error".
    let problem = AccessProblem.recognise(
      error, workspace: ErrorOutput.workspace ?? Workspace.resolve(option: nil))!
    throw failure("error: \(problem.description)", .usageOrConfiguration)
  } catch {
    throw failure(
      "internal error: \(error)\nThe warehouse was left as it was before the step that failed "
        + "(each file, reference load and aggregation is one transaction). Please report this "
        + "with the command you ran.", .internalFailure)
  }
}

/// Writes `message` and returns the exit for `code`.
func failure(_ message: String, _ code: MADEExitCode) -> ExitCode {
  ErrorOutput.write(message, exitCode: code.rawValue)
  return ExitCode(code)
}

extension ExitCode {
  /// The exit of one of `made`'s codes.
  init(_ code: MADEExitCode) { self.init(code.rawValue) }
}

/// Shows a progress line on a terminal; silent otherwise (cron).
final class TerminalProgress: ProgressReporter, @unchecked Sendable {
  private var lastDraw = Date.distantPast
  private let lock = NSLock()

  static func ifTerminal(quiet: Bool) -> TerminalProgress? {
    (!quiet && isatty(STDERR_FILENO) == 1) ? TerminalProgress() : nil
  }

  func update(file: String, bytesRead: Int, totalBytes: Int, rows: Int) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
    lastDraw = now
    let fraction = totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 0
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let line = String(
      format: "\r  %@ [%@] %3d%%  %d rows", file, bar, Int(fraction * 100), rows)
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish(file: String) {
    lock.lock()
    defer { lock.unlock() }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

func describe(_ outcome: FileOutcome) -> String {
  let name = outcome.deliveredName
  switch outcome.status {
  case .loaded where outcome.everyRowRejected:
    return
      "NO ROWS     \(name) [\(outcome.feed ?? "?")]: every one of its \(outcome.rowsRead) rows "
      + "was rejected; ask the partner to check the export"
      + (outcome.fileID.map { " (made rejects --file \($0) --csv is the list to send them)" } ?? "")
  case .loaded:
    var text =
      "loaded      \(name) [\(outcome.feed ?? "?")]: \(outcome.rowsRead) rows read, "
      + "\(outcome.rowsLoaded) loaded (\(outcome.rowsInserted) new, \(outcome.rowsUpdated) "
      + "updated, \(outcome.rowsUnchanged) unchanged), \(outcome.rowsRejected) rejected"
    if outcome.rowsReplaced > 0 {
      text += "; \(outcome.rowsReplaced) earlier records it did not deliver again replaced"
    }
    if outcome.rowsRepeatedKey > 0 {
      let count = outcome.rowsRepeatedKey
      text +=
        "; WARNING: \(count) loaded \(count == 1 ? "row repeats" : "rows repeat") the key of an "
        + "earlier row (as published; key_occurrence > 1"
        + (outcome.fileID.map { "; made rejects --file \($0)" } ?? "") + ")"
    }
    if let unplaced = UnplacedReason.summary(outcome.unplacedWithLocation) {
      text += "; " + unplaced
    }
    if let encoding = outcome.encoding, encoding != .utf8 {
      text += "; encoding \(encoding.rawValue)"
    }
    if !outcome.ignoredColumns.isEmpty {
      text +=
        "; columns not in the schema, not stored: "
        + outcome.ignoredColumns.joined(separator: ", ")
    }
    if outcome.rowsRejected > 0, let id = outcome.fileID {
      text += " (see: made rejects --file \(id))"
    }
    return text
  case .duplicate:
    return "duplicate   \(name): \(outcome.message ?? "already loaded")"
  case .quarantined:
    return "QUARANTINED \(name) (\(outcome.reason?.rawValue ?? "?")): \(outcome.message ?? "")"
  case .notLoaded:
    return "NOT LOADED  \(name): \(outcome.message ?? ""); the file was left where it is"
  }
}

/// The line for a file that was processed but could not be moved out of the inbox.
func describeFilingProblem(_ outcome: FileOutcome) -> String? {
  outcome.filingProblem.map { "NOT FILED   \(outcome.deliveredName): \($0)" }
}

func print(outcomes: [FileOutcome], quiet: Bool) {
  for outcome in outcomes {
    if let line = describeFilingProblem(outcome) {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    let needsAttention =
      outcome.status == .quarantined || outcome.status == .notLoaded || outcome.everyRowRejected
    guard !quiet || needsAttention else { continue }
    let line = describe(outcome)
    if needsAttention {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    } else {
      print(line)
    }
  }
}
