import Crypto

/// What a feed's normalisation needs from outside the file: lookups and the key.
struct NormaliseContext: Sendable {
  var geography: GeographyIndex
  /// Reference code sets by name (`offences`), codes upper-case.
  var referenceCodes: [String: Set<CodeKey>]
  var pseudonymiser: Pseudonymiser?
}

/// Turns one CSV record into one warehouse row (or one reject): casts and checks every field,
/// pseudonymises identifiers, places the record in ward / district, computes its natural key
/// and content hash.
///
/// Cell layout of each row: record_key, content_hash, line, the stored columns in schema
/// order, period_month, ward_code, lad_code, geo_method, geo_status.
final class RecordNormaliser {
  static let leadingCells = 3
  static let trailingColumns = [
    "period_month", "ward_code", "lad_code", "geo_method", "geo_status",
  ]

  let feed: FeedSpec
  let mapping: HeaderMapping
  private let context: NormaliseContext
  private let casters: [FieldCaster]
  private let missingValues: [[UInt8]]
  private let periodFieldIndex: Int
  private let keyFieldIndexes: [Int]
  private let geographyRules: [(method: String, fieldIndex: Int)]
  private let feedNameBytes: [UInt8]
  private(set) var decoder = TextDecoder()

  private var decoded: [UInt8] = []
  private var scratch: [UInt8] = []
  private var pseudonym: [UInt8] = []
  private var upper: [UInt8] = []
  private var geographyValues: [[UInt8]]
  private var keyValues: [[UInt8]]
  private var periodMonth: [UInt8] = []
  private var blankKeyOccurrences: [SHA256Digest: Int] = [:]

  var width: Int {
    Self.leadingCells + feed.storedFields.count + Self.trailingColumns.count
  }

  init(feed: FeedSpec, mapping: HeaderMapping, context: NormaliseContext) throws {
    self.feed = feed
    self.mapping = mapping
    self.context = context
    casters = try feed.fields.map { try FieldCaster(spec: $0) }
    missingValues = feed.missingValues.map { Array($0.utf8) }
    let index = { (name: String) in feed.fields.firstIndex { $0.name == name }! }
    periodFieldIndex = index(feed.periodField)
    keyFieldIndexes = feed.primaryKey.map(index)
    geographyRules = feed.geography.map { ($0.method, index($0.field)) }
    geographyValues = Array(repeating: [], count: feed.geography.count)
    keyValues = Array(repeating: [], count: feed.primaryKey.count)
    feedNameBytes = Array(feed.name.utf8)
  }

  private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  private func isMissing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if bytes.isEmpty { return true }
    for missing in missingValues where missing.count == bytes.count {
      if missing.elementsEqual(bytes) { return true }
    }
    return false
  }

  /// Reads the reader's current record into `batch`: a row, or a reject.
  func process(_ reader: CSVReader, into batch: RowBatch) {
    batch.recordsRead += 1
    let line = reader.line
    if let problem = reader.problem {
      let reject: Reject
      switch problem {
      case .fieldTooLarge(let field):
        reject = Reject(
          line: line, field: columnName(field), reason: .fieldTooLarge,
          message: "a field is longer than the limit; the row was not read")
      case .nulByte(let field):
        reject = Reject(
          line: line, field: columnName(field), reason: .nulByte,
          message: "the field holds a NUL byte (binary data in a text file?)")
      case .unterminatedQuote:
        reject = Reject(
          line: line, field: nil, reason: .unterminatedQuote,
          message: "a quoted field opened here is never closed before the end of the file")
      }
      batch.rejects.append(reject)
      return
    }
    guard reader.fieldCount == mapping.columnCount else {
      batch.rejects.append(
        Reject(
          line: line, field: nil, reason: .wrongFieldCount,
          message:
            "expected \(mapping.columnCount) fields as in the header, found \(reader.fieldCount)"))
      return
    }
    let cellStart = batch.cells.count
    let arenaStart = batch.arena.count
    if let reject = fill(reader, into: batch, line: line) {
      batch.truncate(toCellCount: cellStart, arenaCount: arenaStart)
      batch.rejects.append(reject)
    }
  }

  private func columnName(_ column: Int) -> String? {
    if let fieldIndex = mapping.columnForField.firstIndex(of: column) {
      return feed.fields[fieldIndex].name
    }
    return "column \(column + 1)"
  }

  private func fill(_ reader: CSVReader, into batch: RowBatch, line: Int) -> Reject? {
    let cellStart = batch.cells.count
    batch.appendBlob(repeatElement(UInt8(0), count: 16))
    batch.appendInteger(0)
    batch.appendInteger(Int64(line))
    for index in geographyValues.indices { geographyValues[index].removeAll(keepingCapacity: true) }
    for index in keyValues.indices { keyValues[index].removeAll(keepingCapacity: true) }
    periodMonth.removeAll(keepingCapacity: true)

    for (fieldIndex, field) in feed.fields.enumerated() {
      var raw = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
      if let column = mapping.columnForField[fieldIndex] {
        raw = trimmed(reader.field(column))
      }
      // UTF-8 as delivered, or decoded from Windows-1252.
      var isASCII = true
      for byte in raw where byte >= 0x80 {
        isASCII = false
        break
      }
      if !isASCII {
        decoded.removeAll(keepingCapacity: true)
        decoder.appendUTF8(of: raw, to: &decoded)
      }
      let problem: Reject? = decoded.withUnsafeBufferPointer { decodedBuffer in
        let value = isASCII ? raw : decodedBuffer
        return cast(value, field: field, fieldIndex: fieldIndex, line: line, batch: batch)
      }
      if let problem { return problem }
    }

    batch.appendText(periodMonth)
    if let reject = appendGeography(to: batch, line: line) { return reject }
    finishKeyAndHash(batch: batch, cellStart: cellStart)
    return nil
  }

  private func cast(
    _ value: UnsafeBufferPointer<UInt8>, field: FieldSpec, fieldIndex: Int, line: Int,
    batch: RowBatch
  ) -> Reject? {
    if isMissing(value) {
      if field.isRequired {
        return Reject(
          line: line, field: field.name, reason: .missingValue,
          message: "column '\(field.name)' is required but blank")
      }
      if field.isStored { batch.appendNull() }
      return nil
    }
    let result: FieldCaster.Value
    do {
      result = try casters[fieldIndex].cast(value, scratch: &scratch)
    } catch {
      let shown =
        field.role == .identifier
        ? "the value" : "'\(String(decoding: value.prefix(80), as: UTF8.self))'"
      let what: String
      switch error.reason == .constraintError ? .string : field.type {
      case .date: what = "is not a date"
      case .time: what = "is not a time"
      case .yearmonth: what = "is not a year and month"
      case .integer: what = "is not a whole number"
      case .number: what = "is not a number"
      case .boolean: what = "is not a yes/no value"
      case .string: what = "is not allowed"
      }
      let expected =
        error.reason == .typeError ? "(expected \(error.expectation))" : "(\(error.expectation))"
      return Reject(
        line: line, field: field.name, reason: error.reason,
        message: "column '\(field.name)': \(shown) \(what) \(expected)")
    }

    // Which bytes this field contributes, after casting.
    func withCastBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
      if case .rewritten = result {
        return scratch.withUnsafeBufferPointer(body)
      }
      return body(value)
    }

    if fieldIndex == periodFieldIndex {
      withCastBytes { periodMonth.append(contentsOf: $0.prefix(7)) }
    }
    if let reference = field.reference {
      upper.removeAll(keepingCapacity: true)
      withCastBytes { bytes in
        for byte in bytes { upper.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte) }
      }
      let known = upper.withUnsafeBufferPointer { CodeKey($0) }.map {
        context.referenceCodes[reference]?.contains($0) ?? false
      }
      guard known == true else {
        return Reject(
          line: line, field: field.name, reason: .unknownCode,
          message:
            "column '\(field.name)': '\(String(decoding: upper.prefix(40), as: UTF8.self))' is "
            + "not in the \(reference) reference table (load it with `made reference load "
            + "\(reference)`)")
      }
      scratch = upper
    }
    for (ruleIndex, rule) in geographyRules.enumerated() where rule.fieldIndex == fieldIndex {
      withCastBytes { geographyValues[ruleIndex].append(contentsOf: $0) }
    }
    let storedBytes: () -> Void
    if field.role == .identifier {
      guard let pseudonymiser = context.pseudonymiser else {
        // The pipeline refuses such a feed before reading; this is a guard, not a path.
        return Reject(
          line: line, field: field.name, reason: .missingValue,
          message: "no pseudonymisation key")
      }
      pseudonym.removeAll(keepingCapacity: true)
      withCastBytes { pseudonymiser.pseudonym(of: $0, into: &pseudonym) }
      storedBytes = { batch.appendText(self.pseudonym) }
    } else {
      storedBytes = {
        switch result {
        case .null: batch.appendNull()
        case .integer(let number): batch.appendInteger(number)
        case .real(let number): batch.appendReal(number)
        case .text:
          if field.reference != nil {
            batch.appendText(self.scratch)
          } else {
            batch.appendText(value)
          }
        case .rewritten: batch.appendText(self.scratch)
        }
      }
    }
    if let keyPosition = keyFieldIndexes.firstIndex(of: fieldIndex) {
      if field.role == .identifier {
        keyValues[keyPosition].append(contentsOf: pseudonym)
      } else {
        withCastBytes { keyValues[keyPosition].append(contentsOf: $0) }
      }
    }
    if field.isStored { storedBytes() }
    return nil
  }

  private static let methodBytes: [String: [UInt8]] = [
    "postcode": Array("postcode".utf8), "lsoa": Array("lsoa".utf8), "none": Array("none".utf8),
  ]
  private static let statusBytes: [GeoStatus: [UInt8]] = [
    .inArea: Array(GeoStatus.inArea.rawValue.utf8),
    .outsideArea: Array(GeoStatus.outsideArea.rawValue.utf8),
    .unplaced: Array(GeoStatus.unplaced.rawValue.utf8),
  ]

  private func appendGeography(to batch: RowBatch, line: Int) -> Reject? {
    for (ruleIndex, rule) in geographyRules.enumerated() {
      let value = geographyValues[ruleIndex]
      if value.isEmpty { continue }
      var placeIndex: Int32?
      switch rule.method {
      case "postcode":
        let compactOK = value.withUnsafeBufferPointer { Postcode.compact($0, into: &scratch) }
        if compactOK {
          placeIndex = scratch.withUnsafeBufferPointer { CodeKey($0) }.flatMap {
            context.geography.byPostcode[$0]
          }
        }
      default:
        placeIndex = value.withUnsafeBufferPointer { CodeKey($0) }.flatMap {
          context.geography.byLSOA[$0]
        }
      }
      guard let placeIndex else { continue }
      let place = context.geography.places[Int(placeIndex)]
      if let ward = place.wardCode { batch.appendText(ward) } else { batch.appendNull() }
      batch.appendText(place.ladCode)
      batch.appendText(Self.methodBytes[rule.method]!)
      batch.appendText(Self.statusBytes[place.inArea ? .inArea : .outsideArea]!)
      return nil
    }
    batch.appendNull()
    batch.appendNull()
    batch.appendText(Self.methodBytes["none"]!)
    batch.appendText(Self.statusBytes[.unplaced]!)
    return nil
  }

  /// Fills the record_key (16 bytes) and content_hash placeholders of the row just written.
  private func finishKeyAndHash(batch: RowBatch, cellStart: Int) {
    // Content hash: FNV-1a over every cell after `line`, with type tags as separators.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) func mix(_ byte: UInt8) {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    let contentCells = batch.cells[(cellStart + Self.leadingCells)...]
    batch.arena.withUnsafeBufferPointer { arena in
      for cell in contentCells {
        mix(cell.tag.rawValue)
        switch cell.tag {
        case .null: break
        case .integer, .real:
          var bits = UInt64(bitPattern: cell.number)
          for _ in 0..<8 {
            mix(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
          }
        case .text, .blob:
          for byte in arena[Int(cell.offset)..<Int(cell.offset + cell.count)] { mix(byte) }
          mix(0xFF)
        }
      }
    }
    batch.cells[cellStart + 1].number = Int64(bitPattern: hash)

    var hasher = SHA256()
    hasher.update(data: feedNameBytes)
    let keyIsBlank = keyValues.isEmpty || keyValues.allSatisfy(\.isEmpty)
    if keyIsBlank {
      // Keyed by content and by how many identical rows came before it in this file, so a
      // re-delivery of the same month neither duplicates nor loses identical rows.
      var contentHasher = SHA256()
      withUnsafeBytes(of: hash) { contentHasher.update(bufferPointer: $0) }
      batch.arena.withUnsafeBufferPointer { arena in
        for cell in contentCells where cell.tag == .text {
          let slice = UnsafeBufferPointer(
            rebasing: arena[Int(cell.offset)..<Int(cell.offset + cell.count)])
          contentHasher.update(bufferPointer: UnsafeRawBufferPointer(slice))
          contentHasher.update(data: [0xFF])
        }
      }
      let digest = contentHasher.finalize()
      let occurrence = (blankKeyOccurrences[digest] ?? 0) + 1
      blankKeyOccurrences[digest] = occurrence
      hasher.update(data: [0x00])
      hasher.update(data: Array(digest))
      withUnsafeBytes(of: occurrence) { hasher.update(bufferPointer: $0) }
    } else {
      for value in keyValues {
        hasher.update(data: [0x01])
        hasher.update(data: value)
      }
    }
    let key = Array(hasher.finalize().prefix(16))
    let keyCell = batch.cells[cellStart]
    for index in 0..<16 { batch.arena[Int(keyCell.offset) + index] = key[index] }
  }

  /// The file's text encoding as seen so far.
  var encoding: TextEncoding { decoder.encoding }
}
