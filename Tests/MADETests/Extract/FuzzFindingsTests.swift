import Foundation
import Testing

@testable import MADE

/// What `scripts/fuzz` found, kept as regression tests (reproducers in Fixtures/fuzz/).
@Suite struct FuzzFindingsTests {
  func fixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: Fixtures.url("fuzz/\(name)")))
  }

  @Test func countsALineBreakAfterADoubledQuoteThatFollowsACarriageReturn() throws {
    // `"\r""\n` then `"` and a record on the next line: lines 1, 2, 3 inside quotes, next is 4.
    let reproducer = try fixture("cr-doubled-quote-lf-inside-quotes.csv")
    #expect(reproducer == Array("\"\r\"\"\n".utf8))
    let records = try parse(reproducer + Array("\"\nnext\n".utf8))
    #expect(records.map(\.line) == [1, 4])
    #expect(records[0].fields == ["\r\"\n"])
  }

  @Test func endsAnUnterminatedQuoteOnItsLastLineAfterADoubledQuote() throws {
    let reproducer = try fixture("unterminated-quote-ending-in-doubled-quote.csv")
    let reader = CSVReader(
      source: MemorySource(reproducer, chunk: 3), maxFieldBytes: 1024, chunkSize: 16)
    #expect(try reader.next())
    #expect(reader.problem == .unterminatedQuote)
    #expect(reader.line == 1 && reader.endLine == 2)
  }

  @Test func refusesAPatternWithABackwardsRangeWhenTheSchemaLoads() {
    #expect {
      try SimplePattern("[z-a]")
    } throws: { "\($0)".contains("runs backwards") }
  }

  func field(_ json: String) throws -> FieldSpec {
    try JSONDecoder().decode(FieldSpec.self, from: Data(json.utf8))
  }

  @Test func reportsAValueBeyondAHugeBoundAsARejectNotACrash() throws {
    let spec = try field(
      #"{"name": "N", "column": "n", "type": "integer", "constraints": {"minimum": 9e99}}"#)
    let caster = try FieldCaster(spec: spec)
    var scratch: [UInt8] = []
    let value = Array("1".utf8)
    let failure = value.withUnsafeBufferPointer { buffer -> FieldCaster.Failure? in
      do {
        _ = try caster.cast(buffer, scratch: &scratch)
        return nil
      } catch let failure {
        return failure as? FieldCaster.Failure
      }
    }
    #expect(failure?.reason == .constraintError)
    #expect(failure?.expectation == "at least 9e+99")
  }

  @Test func refusesABlankNumber() {
    #expect(FieldCaster.parseNumber(UnsafeBufferPointer(start: nil, count: 0)) == nil)
    let zero = Array("0".utf8)
    #expect(zero.withUnsafeBufferPointer { FieldCaster.parseNumber($0) } == 0)
  }
}
