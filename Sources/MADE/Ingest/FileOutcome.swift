import Foundation

/// What became of one delivered file.
public struct FileOutcome: Sendable {
  public enum Status: String, Sendable {
    case loaded, duplicate, quarantined
    /// The workspace was not ready for the file's feed; nothing recorded, file left in place.
    case notLoaded = "not-loaded"
  }

  public var path: String
  public var feed: String?
  public var status: Status
  public var reason: ReasonCode?
  public var message: String?
  public var fileID: Int64?
  public var rowsRead = 0
  public var rowsLoaded = 0
  public var rowsRejected = 0
  public var rowsInserted = 0
  public var rowsUpdated = 0
  public var rowsUnchanged = 0
  /// Keyless records of the periods this file covers that it superseded (`replaceByPeriod`).
  public var rowsReplaced = 0
  /// Rows loaded that repeat a key of an earlier row of the file (`"repeatedKeys": "keep"`):
  /// records with `key_occurrence` > 1, each one a warning in `row_warnings`.
  public var rowsRepeatedKey = 0
  public var encoding: TextEncoding?
  public var ignoredColumns: [String] = []
  /// Rows loaded unplaced although they gave a location, by why (`UnplacedReason`).
  public var unplacedWithLocation: [UnplacedReason: Int] = [:]
  /// Where the file was delivered, when `path` is where it was moved to.
  public var deliveredPath: String?
  /// Loaded (or refused) by an earlier run that stopped before moving it; filed by this one.
  public var filedAfterInterruption = false
  /// Why the file could not be moved out of the inbox (it is recorded, and stays there until
  /// a later run can file it): something in the way under archive/ or quarantine/, or
  /// permissions. Nil when it was filed (or was not from the inbox).
  public var filingProblem: String?

  /// Loaded, but not one of its rows: most likely a broken export the partner should check
  /// (`made rejects --file ID --csv` is the list to send them).
  public var everyRowRejected: Bool { status == .loaded && rowsRead > 0 && rowsLoaded == 0 }

  /// The file's name as delivered.
  public var deliveredName: String {
    URL(fileURLWithPath: deliveredPath ?? path).lastPathComponent
  }
}

/// Reports progress of a long load (bytes of the delivered file read so far).
public protocol ProgressReporter: Sendable {
  func update(file: String, bytesRead: Int, totalBytes: Int, rows: Int)
  func finish(file: String)
}
