import Crypto
import Foundation

/// Turns one CSV record into one warehouse row (or one reject): casts and checks every field,
/// pseudonymises identifiers, places the record in ward / district, computes its natural key
/// and content hash.
///
/// Cell layout of each row: record_key, content_hash, line, the stored columns in schema
/// order, period_month, ward_code, lad_code, geo_method, geo_status.
///
/// One concern per file: casting here; the row checks and reject messages in `RowValidator`;
/// placing in `+Geography`, the key and content hash in `+Key`, dates and ages in `+Dates`. The per-file state those share
/// is internal rather than private for that reason only: nothing outside this type uses it.
final class RecordNormaliser {
  static let leadingCells = 3
  static let trailingColumns = [
    "period_month", "ward_code", "lad_code", "geo_method", "geo_status",
  ]

  let feed: FeedSpec
  let mapping: HeaderMapping
  let context: NormaliseContext
  private let plans: [FieldPlan]
  private let missingValues: [[UInt8]]
  let geographyRules: [GeoMethod]
  let feedNameBytes: [UInt8]
  private(set) var decoder = TextDecoder()

  private var decoded: [UInt8] = []
  /// A non-ASCII value after trimming or spacing, and a value in canonical code form.
  private var normalised: [UInt8] = []
  private var canonical: [UInt8] = []
  var scratch: [UInt8] = []
  private var pseudonym: [UInt8] = []
  private var upper: [UInt8] = []
  var geographyValues: [[UInt8]]
  var keyValues: [[UInt8]]
  /// The row's month, yyyy-mm (read by `+Key` for month-first keys).
  var periodMonth: [UInt8] = []
  /// Per derived age column: the row's date of birth and event date (year, month, day).
  private var birthDates: [(Int, Int, Int)?]
  private var eventDates: [(Int, Int, Int)?]
  /// Numeric values of the fields row checks use, by field index (reset each row).
  private var checkedNumbers: [Int: Double] = [:]
  private let checkedFields: Set<Int>
  /// The row checks and reject messages.
  let validator: RowValidator
  /// For termly feeds: the indexes of the academic year and term fields.
  private let academicYearField: Int
  private let termField: Int
  private var academicYearStart = 0
  private var academicYearEnd = -1
  private var termName: [UInt8] = []
  /// Per classified field: its rule, and the row's category.
  private let classifications: [FieldSpec.Classification]
  private var categories: [String]
  /// Occurrences so far of each keyless row content in this file, by the first 8 bytes of its
  /// digest: ~16 bytes a distinct keyless row (a 1M-row police.uk month: ~5 MB).
  var blankKeyOccurrences: [UInt64: UInt32] = [:]
  /// Rows left unplaced although they gave a location, by why the first one could not be used
  /// (reported per file: a postcode that cannot be placed is never silent).
  var unplacedWithLocation: [UnplacedReason: Int] = [:]
  /// Postcodes looked up in the warehouse so far (bounded).
  var lookedUpPostcodes: [CodeKey: GeographyIndex.Place?] = [:]

  /// Cells of the delivered (stored) fields in each row.
  let storedCount: Int
  /// How record keys are laid out, and for `monthFirst` the replace-by-period sources that tag
  /// them: each source's position among the stored cells and the form it is compared in.
  let keyLayout: RecordKeyLayout
  let partitionSources: [(storedIndex: Int, form: FieldNormalisation)]
  var partitionForm: [UInt8] = []
  /// For a feed that refuses columns of NHS numbers (health): its guard, which every row's
  /// fields pass through (`refuseIdentifiers`).
  private let identifierGuard: IdentifierGuard?

  var width: Int {
    Self.leadingCells + storedCount + feed.derivedColumns.count + Self.trailingColumns.count
  }

  init(feed: FeedSpec, mapping: HeaderMapping, context: NormaliseContext) throws {
    self.feed = feed
    self.mapping = mapping
    self.context = context
    let births = feed.fields.filter { $0.role == .dateOfBirth }
    let classified = feed.fields.filter { $0.classify != nil }
    plans = try feed.fields.enumerated().map { fieldIndex, field in
      try FieldPlan(
        spec: field, normalisation: feed.normalisation(of: field),
        column: mapping.columnForField[fieldIndex] ?? -1,
        isPeriod: field.name == feed.periodField,
        keyPosition: feed.primaryKey.firstIndex(of: field.name) ?? -1,
        geographyRules: feed.geography.indices.filter { feed.geography[$0].field == field.name },
        referenceCodes: try field.reference.map {
          guard let codes = context.referenceCodes[$0] else {
            throw WorkspaceNotReady("feed \(feed.name): reference table '\($0)' is not loaded")
          }
          return codes
        },
        dateOfBirthSlot: births.firstIndex { $0.name == field.name } ?? -1,
        eventDateSlots: births.indices.filter { births[$0].ageAt == field.name },
        classifier: try field.classify.map {
          guard let classifier = context.classifiers[$0.rules] else {
            throw WorkspaceNotReady("feed \(feed.name): rules '\($0.rules)' are not loaded")
          }
          return classifier
        },
        classificationSlot: classified.firstIndex { $0.name == field.name } ?? -1,
        dateWindow: feed.plausibleDates(for: field)?.bounds(deliveredAt: context.deliveredAt))
    }
    validator = RowValidator(feed: feed, deliveredAt: context.deliveredAt)
    classifications = classified.compactMap(\.classify)
    checkedFields = validator.checkedFields
    academicYearField =
      feed.academicTerm.flatMap { term in
        feed.fields.firstIndex { $0.name == term.year }
      } ?? -1
    termField =
      feed.academicTerm.flatMap { term in
        feed.fields.firstIndex { $0.name == term.term }
      } ?? -1
    categories = Array(repeating: MethodClassifier.unknown, count: classified.count)
    birthDates = Array(repeating: nil, count: births.count)
    eventDates = Array(repeating: nil, count: births.count)
    missingValues = feed.missingValues.map { Array($0.utf8) }
    // FeedSpec.check has allowed only the methods GeoMethod names.
    geographyRules = feed.geography.map { GeoMethod(rawValue: $0.method) ?? .none }
    geographyValues = Array(repeating: [], count: feed.geography.count)
    keyValues = Array(repeating: [], count: feed.primaryKey.count)
    feedNameBytes = Array(feed.name.utf8)
    storedCount = feed.storedFields.count
    keyLayout = feed.recordKeyLayout
    let stored = feed.storedFields
    partitionSources = (feed.replaceByPeriod ?? []).compactMap { name in
      guard let index = stored.firstIndex(where: { $0.name == name }) else { return nil }
      return (index, feed.normalisation(of: stored[index]))
    }
    let identifierGuard = IdentifierGuard(feed: feed)
    self.identifierGuard = identifierGuard.refusesNHSNumbers ? identifierGuard : nil
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
  func process(_ reader: CSVReader, into batch: RowBatch) throws {
    batch.recordsRead += 1
    let line = reader.line
    if identifierGuard != nil { try refuseIdentifiers(in: reader, line: line) }
    if let problem = reader.problem {
      let reject = validator.unreadable(
        problem, line: line, endLine: reader.endLine, columnName: columnName)
      batch.rejects.append(reject)
      return
    }
    guard reader.fieldCount == mapping.columnCount else {
      batch.rejects.append(
        validator.wrongFieldCount(
          expected: mapping.columnCount, found: reader.fieldCount, line: line))
      return
    }
    let cellStart = batch.cells.count
    let arenaStart = batch.arena.count
    if let reject = try fill(reader, into: batch, line: line) {
      batch.truncate(toCellCount: cellStart, arenaCount: arenaStart)
      batch.rejects.append(reject)
    }
  }

  /// Throws `IdentifierInRows` when any field of the record, in the schema or not, holds an
  /// NHS number: the file is then refused whole (see `FileIngestor`). A byte scan, run only
  /// for feeds that refuse such columns.
  private func refuseIdentifiers(in reader: CSVReader, line: Int) throws {
    guard let identifierGuard,
      let column = IdentifierGuard.columnHoldingNHSNumber(in: reader)
    else { return }
    throw IdentifierInRows(
      message: identifierGuard.nhsNumberMessage(
        line: line, column: column, shownHeader: mapping.shownHeader))
  }

  /// Remembers the row's academic year or term (for termly feeds), read as it is cast.
  private func noteAcademicTerm(fieldIndex: Int, value: UnsafeBufferPointer<UInt8>) {
    if fieldIndex == academicYearField {
      academicYearStart = value.prefix(4).reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
      academicYearEnd =
        value.count == 7
        ? value.suffix(2).reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) } : -1
    } else if fieldIndex == termField {
      termName = value.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }
  }

  private func columnName(_ column: Int) -> String? {
    if let fieldIndex = mapping.columnForField.firstIndex(of: column) {
      return feed.fields[fieldIndex].name
    }
    return "column \(column + 1)"
  }

  private func fill(_ reader: CSVReader, into batch: RowBatch, line: Int) throws -> Reject? {
    let cellStart = batch.cells.count
    batch.appendZeroBlob(count: 16)
    batch.appendInteger(0)
    batch.appendInteger(Int64(line))
    for index in geographyValues.indices { geographyValues[index].removeAll(keepingCapacity: true) }
    for index in keyValues.indices { keyValues[index].removeAll(keepingCapacity: true) }
    periodMonth.removeAll(keepingCapacity: true)
    for slot in birthDates.indices {
      birthDates[slot] = nil
      eventDates[slot] = nil
    }
    for slot in categories.indices { categories[slot] = MethodClassifier.unknown }
    if !checkedFields.isEmpty { checkedNumbers.removeAll(keepingCapacity: true) }

    for (fieldIndex, plan) in plans.enumerated() {
      var raw = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
      if plan.column >= 0 { raw = trimmed(reader.field(plan.column)) }
      // UTF-8 as delivered, or decoded from Windows-1252.
      var isASCII = true
      for byte in raw where byte >= 0x80 {
        isASCII = false
        break
      }
      if isASCII {
        noteAcademicTerm(fieldIndex: fieldIndex, value: raw)
        if checkedFields.contains(fieldIndex) {
          checkedNumbers[fieldIndex] = FieldCaster.parseNumber(raw)
        }
        if let reject = cast(raw, plan: plan, line: line, batch: batch) { return reject }
      } else {
        decoded.removeAll(keepingCapacity: true)
        decoder.appendUTF8(of: raw, to: &decoded)
        normalised.removeAll(keepingCapacity: true)
        decoded.withUnsafeBufferPointer {
          if plan.castsSpaced {
            TextNormalisation.appendSpaced($0, to: &normalised)
          } else {
            TextNormalisation.appendTrimmed($0, to: &normalised)
          }
        }
        normalised.withUnsafeBufferPointer { noteAcademicTerm(fieldIndex: fieldIndex, value: $0) }
        if checkedFields.contains(fieldIndex) {
          // Checked as cast: full-width digits or a no-break space are the number they show.
          checkedNumbers[fieldIndex] = normalised.withUnsafeBufferPointer {
            FieldCaster.parseNumber($0)
          }
        }
        let reject = normalised.withUnsafeBufferPointer {
          cast($0, plan: plan, line: line, batch: batch)
        }
        if let reject { return reject }
      }
    }

    if let reject = validator.checkSums(checkedNumbers, line: line) { return reject }
    for slot in birthDates.indices {
      guard let birth = birthDates[slot], let event = eventDates[slot] else {
        batch.appendNull()
        continue
      }
      let age = Self.age(born: birth, at: event)
      if let reject = validator.checkAge(age, slot: slot, line: line) { return reject }
      batch.appendInteger(Int64(age))
    }
    for (slot, rule) in classifications.enumerated() {
      batch.appendText(Array(categories[slot].utf8))
      if rule.flagColumn != nil {
        batch.appendInteger(categories[slot] == rule.flagCategory ? 1 : 0)
      }
    }
    if let reject = validator.checkKey(allBlank: keyValues.allSatisfy(\.isEmpty), line: line) {
      return reject
    }
    if academicYearField >= 0,
      let reject = validator.termMonth(
        yearStart: academicYearStart, yearEnd: academicYearEnd, term: termName, line: line,
        into: &periodMonth)
    {
      return reject
    }
    batch.appendText(periodMonth)
    try appendGeography(to: batch)
    finishKeyAndHash(batch: batch, cellStart: cellStart)
    return nil
  }

  /// A blank (missing) value: a reject when the field is required, else a NULL cell.
  private func missing(plan: FieldPlan, line: Int, batch: RowBatch) -> Reject? {
    if plan.isRequired {
      return validator.requiredButBlank(plan.spec.name, line: line)
    }
    if plan.isStored { batch.appendNull() }
    return nil
  }

  /// Casts one field and appends its cell (when stored); a code is first put in canonical
  /// form (`TextNormalisation.appendCode`), so that what is checked, looked up, keyed and
  /// stored is one spelling.
  private func cast(
    _ value: UnsafeBufferPointer<UInt8>, plan: FieldPlan, line: Int, batch: RowBatch
  ) -> Reject? {
    if isMissing(value) { return missing(plan: plan, line: line, batch: batch) }
    guard let codeCase = plan.codeCase,
      !TextNormalisation.isCanonicalASCIICode(value, case: codeCase)
    else { return castPresent(value, plan: plan, line: line, batch: batch) }
    canonical.removeAll(keepingCapacity: true)
    TextNormalisation.appendCode(value, case: codeCase, to: &canonical)
    if canonical.isEmpty { return missing(plan: plan, line: line, batch: batch) }
    return canonical.withUnsafeBufferPointer {
      castPresent($0, plan: plan, line: line, batch: batch)
    }
  }

  /// Casts one present value. Straight-line on purpose: this runs for every field of every row.
  private func castPresent(
    _ value: UnsafeBufferPointer<UInt8>, plan: FieldPlan, line: Int, batch: RowBatch
  ) -> Reject? {
    let result: FieldCaster.Value
    do {
      result = try plan.caster.cast(value, scratch: &scratch)
    } catch {
      return validator.typeReject(value, field: plan.spec, failure: error, line: line)
    }
    // From here on `castBytes` are the field's bytes after casting.
    var rewritten = false
    if case .rewritten = result { rewritten = true }
    if let window = plan.dateWindow, rewritten,
      let reject = RowValidator.implausibleDate(
        scratch, window: window, field: plan.spec.name, line: line)
    {
      return reject
    }
    if let codes = plan.referenceCodes {
      upper.removeAll(keepingCapacity: true)
      if rewritten {
        for byte in scratch { upper.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte) }
      } else {
        for byte in value { upper.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte) }
      }
      let known = upper.withUnsafeBufferPointer { CodeKey($0) }.map { codes.contains($0) }
      guard known == true else {
        return validator.unknownCode(value, field: plan.spec, line: line)
      }
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: upper)
      rewritten = true
    }
    if let classifier = plan.classifier {
      categories[plan.classificationSlot] =
        rewritten
        ? scratch.withUnsafeBufferPointer { classifier.category(of: $0) }
        : classifier.category(of: value)
    }
    if plan.dateOfBirthSlot >= 0 || !plan.eventDateSlots.isEmpty, rewritten {
      let date = Self.isoDate(scratch)
      if plan.dateOfBirthSlot >= 0 { birthDates[plan.dateOfBirthSlot] = date }
      for slot in plan.eventDateSlots { eventDates[slot] = date }
    }
    if plan.isPeriod {
      if rewritten {
        periodMonth.append(contentsOf: scratch.prefix(7))
      } else {
        periodMonth.append(contentsOf: value.prefix(7))
      }
    }
    for rule in plan.geographyRules {
      if rewritten {
        geographyValues[rule].append(contentsOf: scratch)
      } else {
        geographyValues[rule].append(contentsOf: value)
      }
    }
    if plan.isIdentifier {
      guard let pseudonymiser = context.pseudonymiser else {
        return validator.noPseudonymisationKey(plan.spec.name, line: line)
      }
      pseudonym.removeAll(keepingCapacity: true)
      if rewritten {
        scratch.withUnsafeBufferPointer { pseudonymiser.pseudonym(of: $0, into: &pseudonym) }
      } else {
        pseudonymiser.pseudonym(of: value, into: &pseudonym)
      }
      if plan.keyPosition >= 0 { keyValues[plan.keyPosition].append(contentsOf: pseudonym) }
      if plan.isStored { batch.appendText(pseudonym) }
      return nil
    }
    if plan.keyPosition >= 0 {
      if plan.keyFoldsText {
        if rewritten {
          scratch.withUnsafeBufferPointer {
            TextNormalisation.appendTextKey($0, to: &keyValues[plan.keyPosition])
          }
        } else {
          TextNormalisation.appendTextKey(value, to: &keyValues[plan.keyPosition])
        }
      } else if rewritten {
        keyValues[plan.keyPosition].append(contentsOf: scratch)
      } else {
        keyValues[plan.keyPosition].append(contentsOf: value)
      }
    }
    guard plan.isStored else { return nil }
    switch result {
    case .null: batch.appendNull()
    case .integer(let number): batch.appendInteger(number)
    case .real(let number): batch.appendReal(number)
    case .text, .rewritten:
      if rewritten { batch.appendText(scratch) } else { batch.appendText(value) }
    }
    return nil
  }

  /// The file's text encoding as seen so far.
  var encoding: TextEncoding { decoder.encoding }
}
