// libFuzzer entry point for `CSVReader` and `TextDecoder`. Built by `scripts/fuzz`, which
// compiles this file together with the Sources files it needs; not part of the package.

/// Hands out bytes held in memory, in reads of the given sizes (cycling), as `read(2)` on a pipe
/// or a slow disk may return fewer bytes than asked for.
final class MemorySource: ByteSource {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let readSizes: [Int]
  private var offset = 0
  private var readCount = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>, readSizes: [Int] = []) {
    self.bytes = bytes
    self.readSizes = readSizes
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    var count = min(bytes.count - offset, buffer.count)
    if !readSizes.isEmpty {
      count = min(count, readSizes[readCount % readSizes.count])
      readCount += 1
    }
    guard count > 0, let start = bytes.baseAddress else { return 0 }
    UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
      .copyMemory(from: UnsafeRawBufferPointer(start: start + offset, count: count))
    offset += count
    return count
  }
}

/// One record as the reader reported it.
struct ReadRecord: Equatable {
  var fields: [[UInt8]]
  var line: Int
  var endLine: Int
  var problem: RecordProblem?
}

/// One record as a plain whole-buffer reading of RFC 4180 (with the reader's documented
/// leniencies) finds it: no size limits, line numbers counted from the bytes before it.
struct ExpectedRecord {
  var fields: [[UInt8]]
  var line: Int
  var unterminatedQuote: Bool
}

/// Stops the run with a message libFuzzer shows next to the stack (`precondition` drops its
/// message in optimised builds).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("CSVReader fuzz invariant broken: " + message()) }
}

/// Line breaks before each offset of `bytes` (one more entry than bytes), as an editor counts
/// them: CR, LF, and CRLF as one.
func lineBreaksBefore(_ bytes: [UInt8]) -> [Int] {
  var counts = [0]
  counts.reserveCapacity(bytes.count + 1)
  var previous: UInt8 = 0
  for byte in bytes {
    let isBreak = byte == 0x0D || (byte == 0x0A && previous != 0x0D)
    counts.append(counts[counts.count - 1] + (isBreak ? 1 : 0))
    previous = byte
  }
  return counts
}

/// Reads `bytes` the slow obvious way, for comparison with the streaming state machine.
func expectedRecords(_ bytes: [UInt8], lineBreaksBefore: [Int]) -> [ExpectedRecord] {
  let quote: UInt8 = 0x22
  let comma: UInt8 = 0x2C
  let count = bytes.count
  var index = 0
  if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
  var records: [ExpectedRecord] = []
  while index < count {
    let first = bytes[index]
    if first == 0x0A || first == 0x0D {
      // A blank line holds no record.
      index += 1
      if first == 0x0D, index < count, bytes[index] == 0x0A { index += 1 }
      continue
    }
    var record = ExpectedRecord(
      fields: [], line: 1 + lineBreaksBefore[index], unterminatedQuote: false)
    fields: while true {
      var field: [UInt8] = []
      if index < count, bytes[index] == quote {
        index += 1
        while true {
          guard index < count else {
            record.unterminatedQuote = true
            record.fields.append(field)
            break fields
          }
          let byte = bytes[index]
          index += 1
          if byte == quote {
            if index < count, bytes[index] == quote {
              field.append(quote)
              index += 1
              continue
            }
            break
          }
          field.append(byte)
        }
      }
      // Unquoted text, or text after a closing quote (kept, as the reader documents).
      while index < count, bytes[index] != comma, bytes[index] != 0x0A, bytes[index] != 0x0D {
        field.append(bytes[index])
        index += 1
      }
      record.fields.append(field)
      guard index < count else { break }
      let separator = bytes[index]
      index += 1
      if separator == comma { continue }
      if separator == 0x0D, index < count, bytes[index] == 0x0A { index += 1 }
      break
    }
    records.append(record)
  }
  return records
}

/// Reads every record of `bytes` with a `CSVReader`, checking what must hold of each one, and
/// returns them with the reader's line count at the end of the stream.
func readAll(
  _ bytes: UnsafeBufferPointer<UInt8>, maxFieldBytes: Int, chunkSize: Int, readSizes: [Int],
  configuration: String, checksDecodedFields: Bool = false
) -> (records: [ReadRecord], finalLine: Int) {
  let reader = CSVReader(
    source: MemorySource(bytes, readSizes: readSizes), maxFieldBytes: maxFieldBytes,
    chunkSize: chunkSize)
  var records: [ReadRecord] = []
  var storedBytes = 0
  do {
    while try reader.next() {
      let (number, line) = (records.count + 1, reader.line)
      let context = { "\(configuration), record \(number) (line \(line))" }
      check(records.count < bytes.count, "\(context()): more records than input bytes")
      check(reader.fieldCount >= 1, "\(context()): a record with no fields")
      check(reader.line >= 1, "\(context()): line \(reader.line) is not a line number")
      check(
        reader.endLine >= reader.line, "\(context()): ends on \(reader.endLine), before it starts")
      if let previous = records.last {
        check(
          reader.line > previous.line && reader.line >= previous.endLine,
          "\(context()): starts on line \(reader.line), not after the previous record "
            + "(lines \(previous.line)–\(previous.endLine))")
      }
      var fields: [[UInt8]] = []
      for index in 0..<reader.fieldCount {
        let field = Array(reader.field(index))
        storedBytes += field.count
        fields.append(field)
      }
      check(storedBytes <= bytes.count, "\(context()): fields hold more bytes than the input")
      if reader.problem == nil {
        for (index, field) in fields.enumerated() {
          check(
            field.count <= maxFieldBytes, "\(context()): field \(index) over the limit, no problem")
          check(!field.contains(0), "\(context()): field \(index) holds NUL, no problem reported")
        }
        check(
          fields.reduce(0) { $0 + $1.count } <= 4 * maxFieldBytes,
          "\(context()): record over the size limit, no problem reported")
      }
      if case .nulByte(let field)? = reader.problem {
        check(field < reader.fieldCount, "\(context()): NUL reported in field \(field) of none")
      }
      if case .fieldTooLarge(let field)? = reader.problem {
        check(field < reader.fieldCount, "\(context()): oversized field \(field) of none")
      }
      if checksDecodedFields {
        var decoder = TextDecoder()
        let decoded = fields.map {
          var output: [UInt8] = []
          $0.withUnsafeBufferPointer { decoder.appendUTF8(of: $0, to: &output) }
          return String(decoding: output, as: UTF8.self)
        }
        check(reader.decodedFields() == decoded, "\(context()): decodedFields() differs")
      }
      records.append(
        ReadRecord(
          fields: fields, line: reader.line, endLine: reader.endLine, problem: reader.problem))
    }
  } catch {
    check(false, "\(configuration): reading from memory threw \(error)")
  }
  return (records, reader.endLine)
}

/// Checks what the reader returned against the whole-buffer reading of the same bytes.
func compare(
  _ read: (records: [ReadRecord], finalLine: Int), with expected: [ExpectedRecord],
  bytes: [UInt8], lineBreaksBefore: [Int], maxFieldBytes: Int, configuration: String
) {
  let editorLines = 1 + lineBreaksBefore[bytes.count]
  check(
    read.finalLine == editorLines,
    "\(configuration): \(read.finalLine) lines counted at the end, an editor shows \(editorLines)")
  check(
    read.records.count == expected.count,
    "\(configuration): \(read.records.count) records read, \(expected.count) expected")
  for (got, want) in zip(read.records, expected) {
    let context = { "\(configuration), record on line \(want.line)" }
    check(got.line == want.line, "\(context()): reported as line \(got.line)")
    check(
      got.fields.count == want.fields.count,
      "\(context()): \(got.fields.count) fields read, \(want.fields.count) expected")
    let total = want.fields.reduce(0) { $0 + $1.count }
    let withinLimits =
      total <= 4 * maxFieldBytes
      && want.fields.allSatisfy {
        $0.count <= maxFieldBytes
      }
    for (index, (field, wanted)) in zip(got.fields, want.fields).enumerated() {
      if withinLimits {
        check(field == wanted, "\(context()): field \(index) is \(field), expected \(wanted)")
      } else {
        // Bytes over a limit are dropped, never changed.
        check(wanted.starts(with: field), "\(context()): field \(index) is not a prefix")
      }
    }
    let hasNul = want.fields.contains { $0.contains(0) }
    let clean = withinLimits && !hasNul && !want.unterminatedQuote
    check(
      (got.problem == nil) == clean,
      "\(context()): problem \(String(describing: got.problem)), expected "
        + (clean ? "none" : "one"))
    check(
      (got.problem == .unterminatedQuote) == want.unterminatedQuote,
      "\(context()): problem \(String(describing: got.problem)), unterminated quote expected: "
        + "\(want.unterminatedQuote)")
    switch got.problem {
    case .nulByte(let field)?:
      check(want.fields[field].contains(0), "\(context()): NUL reported in field \(field)")
    case .fieldTooLarge(let field)?:
      check(
        want.fields[field].count > maxFieldBytes, "\(context()): field \(field) is not too large")
    case .recordTooLarge?:
      check(total > 4 * maxFieldBytes, "\(context()): record is not too large (\(total) bytes)")
    case .unterminatedQuote?:
      // The record runs to the end of the file; an editor shows a final line break as one more,
      // empty, line that holds nothing of it.
      let endsWithLineBreak = bytes.last == 0x0A || bytes.last == 0x0D
      let lastLine = editorLines - (endsWithLineBreak ? 1 : 0)
      check(
        got.endLine == lastLine,
        "\(context()): unterminated quote said to end on line \(got.endLine), the file's last "
          + "line is \(lastLine)")
    case nil:
      break
    }
  }
}

/// Checks `TextDecoder` on one field: the result is valid UTF-8, equal to the input when the
/// input is valid UTF-8, else the input read as Windows-1252 byte by byte.
func checkDecoding(_ field: [UInt8], decoder: inout TextDecoder) {
  let valid = String(validating: field, as: UTF8.self) != nil
  let claimed = field.withUnsafeBufferPointer { TextDecoder.isValidUTF8($0) }
  check(claimed == valid, "isValidUTF8(\(field)) is \(claimed), the standard library says \(valid)")
  var output: [UInt8] = []
  field.withUnsafeBufferPointer { decoder.appendUTF8(of: $0, to: &output) }
  guard let text = String(validating: output, as: UTF8.self) else {
    check(false, "decoding \(field) gave invalid UTF-8 \(output)")
    return
  }
  if valid {
    check(output == field, "valid UTF-8 \(field) was changed to \(output)")
  } else {
    let expected = field.map { $0 < 0x80 ? UInt32($0) : TextDecoder.windows1252[Int($0) - 0x80] }
    check(
      text.unicodeScalars.map(\.value) == expected,
      "\(field) read as Windows-1252 gave \(text.unicodeScalars.map(\.value))")
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeBufferPointer(start: data, count: size)
  let bytes = Array(input)
  let breaks = lineBreaksBefore(bytes)
  let expected = expectedRecords(bytes, lineBreaksBefore: breaks)

  // As ingest reads a file: the whole input in one read, the default limit. (A chunk larger
  // than -max_len reads it in one go, as ingest's 1 MiB chunk does, for less mmap per input.)
  let whole = readAll(
    input, maxFieldBytes: 1 << 20, chunkSize: max(1 << 13, size), readSizes: [],
    configuration: "one read", checksDecodedFields: true)
  compare(
    whole, with: expected, bytes: bytes, lineBreaksBefore: breaks, maxFieldBytes: 1 << 20,
    configuration: "one read")

  // Short reads into a small chunk: records must not depend on where reads split the bytes.
  let chunkSize = 3 + size % 6
  let split = readAll(
    input, maxFieldBytes: 1 << 20, chunkSize: chunkSize, readSizes: [1, 2, 3, 5, 1, 8],
    configuration: "short reads, chunk \(chunkSize)")
  check(split.finalLine == whole.finalLine, "short reads: final line differs from one read")
  check(split.records.count == whole.records.count, "short reads: record count differs")
  for (got, want) in zip(split.records, whole.records) {
    check(got == want, "short reads, chunk \(chunkSize): \(got) differs from one read's \(want)")
  }

  // Small field limits, so that oversized fields and rows are met often.
  let limit = [1, 3, 16, 64][size % 4]
  let limited = readAll(
    input, maxFieldBytes: limit, chunkSize: 64, readSizes: [7, 64],
    configuration: "field limit \(limit)")
  compare(
    limited, with: expected, bytes: bytes, lineBreaksBefore: breaks, maxFieldBytes: limit,
    configuration: "field limit \(limit)")

  var decoder = TextDecoder()
  var sawInvalid = false
  var sawNonASCIIValid = false
  for record in whole.records {
    for field in record.fields {
      checkDecoding(field, decoder: &decoder)
      if String(validating: field, as: UTF8.self) == nil {
        sawInvalid = true
      } else if field.contains(where: { $0 >= 0x80 }) {
        sawNonASCIIValid = true
      }
    }
  }
  let encoding: TextEncoding =
    switch (sawNonASCIIValid, sawInvalid) {
    case (true, true): .mixed
    case (false, true): .windows1252
    default: .utf8
    }
  check(decoder.encoding == encoding, "encoding \(decoder.encoding), expected \(encoding)")
  return 0
}
