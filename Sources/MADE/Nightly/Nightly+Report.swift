import Foundation

extension Nightly {
  /// What one nightly run did: the run report.
  public struct Report: Codable, Sendable {
    public struct File: Codable, Sendable {
      public var name: String
      public var feed: String?
      public var status: String
      public var rowsRead: Int
      public var rowsLoaded: Int
      public var rowsRejected: Int
      /// Rows loaded that repeat a key of an earlier row of the file (a warning, not a reject).
      public var rowsRepeatedKey: Int
      public var reason: String?
      public var message: String?
      /// Loaded, but every row was rejected (see `FileOutcome.everyRowRejected`).
      public var everyRowRejected: Bool
      /// Committed by an earlier run that stopped before moving the file; filed by this one.
      public var filedAfterInterruption: Bool
      /// Where the file is now (archive/, quarantine/, or still in the inbox).
      public var movedTo: String
      /// Why it is still in the inbox although it was processed (`FileOutcome.filingProblem`).
      public var notFiled: String?
    }

    public var runID: Int64
    public var startedAt: String
    public var finishedAt: String
    /// Earlier runs that never finished (killed, or the machine went down): this run finished
    /// what they left.
    public var interruptedRuns: [String]
    public var files: [File]
    /// Rejected rows of this run's files by reason code.
    public var rejectsByReason: [String: Int]
    /// Inbox files left for the next run because they were still being written.
    public var notSettled: Int
    /// Those files: where, when last modified, and after when a run takes them.
    public var leftForNextRun: [LeftFile]

    public struct LeftFile: Codable, Sendable, Equatable {
      /// Its path in the workspace (`inbox/police-uk/2025-04.csv`).
      public var name: String
      public var modifiedAt: String
      /// The first run after this time takes it, if it is not modified again.
      public var takenAfter: String
    }
    /// Folders in the inbox that no feed reads: what they hold was not taken.
    public var strayFolders: [StrayInboxFolder]
    public var indicatorValuesWritten: Int
    public var indicatorValuesTotal: Int
    /// For each record table counted again, the months counted.
    public var monthsRecounted: [String: [String]]
    public var packsWritten: [String]
    /// Packs left as they were: their figures had not changed (`PackExport`).
    public var packsUnchanged: Int
    /// Packs that could not be written, and why (a folder in their place); exit code 2.
    public var packsNotWritten: [String]
    /// Records deleted past their retention, by record table.
    public var recordsPurged: [String: Int]
    /// Feeds with no delivery within their expected cadence, with their last delivery.
    public var overdueFeeds: [String: String]
    /// Why no packs were written although values changed (nothing complete yet), if so.
    public var exportNote: String?
    /// Seconds spent ingesting, aggregating and exporting.
    public var timings: [String: Double]
    /// The `MADEExitCode`: 0, 2 (a feed the workspace is not ready for, or a pack that could
    /// not be written) or 3 (a file quarantined).
    public var exitCode: Int32
  }
}
