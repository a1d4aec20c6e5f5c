import Foundation
import Testing

@testable import MADE

/// A byte source over an in-memory buffer, handing out at most `chunk` bytes a call so that
/// records cross buffer boundaries.
final class MemorySource: ByteSource {
  private let bytes: [UInt8]
  private var position = 0
  private let chunk: Int

  init(_ bytes: [UInt8], chunk: Int = 7) {
    self.bytes = bytes
    self.chunk = chunk
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let count = min(chunk, buffer.count, bytes.count - position)
    for index in 0..<count { buffer[index] = bytes[position + index] }
    position += count
    return count
  }
}

struct ParsedRecord: Equatable {
  var line: Int
  var fields: [String]
  var problem: RecordProblem?
}

func parse(_ text: [UInt8], maxFieldBytes: Int = 1 << 20, chunk: Int = 7) throws
  -> [ParsedRecord]
{
  let reader = CSVReader(
    source: MemorySource(text, chunk: chunk), maxFieldBytes: maxFieldBytes, chunkSize: 16)
  var records: [ParsedRecord] = []
  while try reader.next() {
    records.append(
      ParsedRecord(line: reader.line, fields: reader.decodedFields(), problem: reader.problem))
  }
  return records
}

@Suite struct CSVReaderTests {
  @Test func skipsAByteOrderMarkAndReadsCRLF() throws {
    let records = try parse(Array("\u{FEFF}a,b\r\n1,2\r\n".utf8))
    #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
    #expect(records.map(\.line) == [1, 2])
  }

  @Test func readsLFAndLoneCRLineEnds() throws {
    let records = try parse(Array("a,b\n1,2\r3,4".utf8))
    #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func keepsCommasDoubledQuotesAndNewlinesInsideQuotes() throws {
    let text = "h1,h2\r\n\"a, b\",\"say \"\"hi\"\"\"\r\n\"line one\r\nline two\",x\r\nlast,row\r\n"
    let records = try parse(Array(text.utf8))
    #expect(
      records.map(\.fields) == [
        ["h1", "h2"], ["a, b", "say \"hi\""], ["line one\r\nline two", "x"], ["last", "row"],
      ])
    // The record after the embedded newline starts on line 5, as an editor counts.
    #expect(records.map(\.line) == [1, 2, 3, 5])
  }

  @Test func countsLineBreaksInsideQuotesInACROnlyFile() throws {
    let records = try parse(Array("a,b\r\"x\ry\",1\rc,2\r".utf8))
    #expect(records.map(\.fields) == [["a", "b"], ["x\ry", "1"], ["c", "2"]])
    #expect(records.map(\.line) == [1, 2, 4])
  }

  @Test func skipsBlankLinesButCountsThem() throws {
    let records = try parse(Array("a\n\n\nb\n".utf8))
    #expect(records.map(\.fields) == [["a"], ["b"]])
    #expect(records.map(\.line) == [1, 4])
  }

  @Test func flagsAQuoteLeftOpenAtTheEndOfTheFile() throws {
    let records = try parse(Array("a,b\n1,2\n3,\"never closed\n4,5\n".utf8))
    #expect(records.count == 3)
    #expect(records[1].problem == nil)
    #expect(records[2].problem == .unterminatedQuote)
    #expect(records[2].line == 3)
  }

  @Test func flagsANulByteWithItsField() throws {
    let records = try parse([0x61, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x00, 0x32, 0x0A])
    #expect(records[1].problem == .nulByte(field: 1))
  }

  @Test func dropsTheBytesOfAnOversizedFieldAndKeepsMemoryFlat() throws {
    let big = [UInt8](repeating: 0x78, count: 5_000_000)
    let text = Array("a,b\n1,".utf8) + big + Array("\n2,3\n".utf8)
    let reader = CSVReader(source: MemorySource(text, chunk: 1 << 16), maxFieldBytes: 1024)
    #expect(try reader.next())
    #expect(try reader.next())
    #expect(reader.problem == .fieldTooLarge(field: 1))
    #expect(reader.field(1).count == 1024)
    #expect(try reader.next())
    #expect(reader.decodedFields() == ["2", "3"])
    #expect(reader.line == 3)
  }

  @Test func returnsTheSameRecordsWhateverTheChunkSize() throws {
    let text = Array("x,\"y\r\nz\",w\r\n\"q\"\"\",r\r\n".utf8)
    let reference = try parse(text, chunk: 1 << 20)
    for chunk in [1, 2, 3, 5, 8] {
      #expect(try parse(text, chunk: chunk) == reference)
    }
  }
}

@Suite struct TextDecoderTests {
  @Test func decodesWindows1252WhenBytesAreNotUTF8() {
    var decoder = TextDecoder()
    var output: [UInt8] = []
    let bytes: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x80]
    bytes.withUnsafeBufferPointer { decoder.appendUTF8(of: $0, to: &output) }
    #expect(String(decoding: output, as: UTF8.self) == "Café – €")
    #expect(decoder.encoding == .windows1252)
  }

  @Test func keepsValidUTF8AsItIs() {
    var decoder = TextDecoder()
    var output: [UInt8] = []
    let bytes = Array("Café – €".utf8)
    bytes.withUnsafeBufferPointer { decoder.appendUTF8(of: $0, to: &output) }
    #expect(output == bytes)
    #expect(decoder.encoding == .utf8)
  }
}

@Suite struct CSVReaderLimitTests {
  @Test func flagsARowOfManySmallFieldsThatIsTooLargeAsAWhole() throws {
    let row = Array(repeating: "xxxxxxxxx", count: 2_000).joined(separator: ",")
    let text = Array("a\n\(row)\nb\n".utf8)
    let reader = CSVReader(source: MemorySource(text, chunk: 1 << 16), maxFieldBytes: 1024)
    #expect(try reader.next())
    #expect(try reader.next())
    #expect(reader.problem == .recordTooLarge)
    #expect(try reader.next())
    #expect(reader.decodedFields() == ["b"])
  }
}
