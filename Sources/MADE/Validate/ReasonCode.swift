/// A stable, kebab-case code saying why a row was rejected or a file quarantined.
///
/// The README lists every case; a test keeps that list complete. Analysts and partners see
/// these codes in `rejects.reason` and `files.reason`: never rename one.
public enum ReasonCode: String, CaseIterable, Sendable, Codable {
  // Row-level: the row is recorded in `rejects`, the rest of the file loads.
  case wrongFieldCount = "wrong-field-count"
  case missingValue = "missing-value"
  case typeError = "type-error"
  case constraintError = "constraint-error"
  case unknownCode = "unknown-code"
  case fieldTooLarge = "field-too-large"
  case nulByte = "nul-byte"
  case unterminatedQuote = "unterminated-quote"
  case duplicateKey = "duplicate-key"
  case implausibleDate = "implausible-date"

  // File-level: the file is quarantined, nothing from it is loaded.
  case emptyFile = "empty-file"
  case noDataRows = "no-data-rows"
  case binaryFile = "binary-file"
  case missingRequiredColumn = "missing-required-column"
  case duplicateColumn = "duplicate-column"
  case truncatedGzip = "truncated-gzip"
  case corruptGzip = "corrupt-gzip"
  case unreadableFile = "unreadable-file"
  case unknownFeed = "unknown-feed"
  case identifierInHealthFeed = "identifier-in-health-feed"
  case notARegularFile = "not-a-regular-file"
  case gzipTooLarge = "gzip-too-large"

  /// One sentence for the README and `--help`.
  public var explanation: String {
    switch self {
    case .wrongFieldCount: return "the row has more or fewer fields than the header"
    case .missingValue: return "a required field is blank"
    case .typeError: return "a value is not of the field's type (date, integer, number…)"
    case .constraintError:
      return "a value breaks a constraint (allowed values, pattern, minimum, maximum)"
    case .unknownCode: return "a code is not in the reference table it must come from"
    case .fieldTooLarge: return "a field is longer than the limit (default 1 MiB)"
    case .nulByte: return "a field holds a NUL byte"
    case .unterminatedQuote: return "the file ends inside a quoted field"
    case .duplicateKey: return "the row repeats the natural key of an earlier row in the file"
    case .implausibleDate:
      return "a date is before the feed's earliest plausible date or after the delivery date "
        + "plus its tolerance (schema property plausibleDates)"
    case .emptyFile: return "the file has no bytes"
    case .noDataRows: return "the file has a header but no rows"
    case .binaryFile: return "the file is not text (a spreadsheet, an archive, binary junk)"
    case .missingRequiredColumn: return "a required column is not in the header"
    case .duplicateColumn: return "two header columns map to the same field"
    case .truncatedGzip: return "a .gz file ends before its end-of-stream marker"
    case .corruptGzip: return "a .gz file is not a valid gzip stream"
    case .unreadableFile: return "the file cannot be opened or read"
    case .unknownFeed: return "no feed could be identified for the file"
    case .identifierInHealthFeed:
      return "a health feed carries an identifier column (NHS number, name, date of birth…), "
        + "however its name is spelt, or a column of NHS numbers whatever its name"
    case .notARegularFile:
      return
        "the inbox entry is a symbolic link, FIFO, socket or device: moved without being opened"
    case .gzipTooLarge:
      return "a .gz file inflates past [ingest] max_inflated_bytes (default 32 GiB)"
    }
  }
}

/// One rejected row: where it is, which field, why.
///
/// Grain of `rejects`: one row per rejected row (its first problem). Never holds a delivered
/// value: messages describe a value by its shape ("10 digits"; see `ValueShape`).
public struct Reject: Equatable, Sendable {
  public var line: Int
  public var field: String?
  public var reason: ReasonCode
  public var message: String

  /// The compact form tests compare: "line 3, Postcode: unknown-code".
  public var compactLine: String {
    if let field { return "line \(line), \(field): \(reason.rawValue)" }
    return "line \(line): \(reason.rawValue)"
  }
}
