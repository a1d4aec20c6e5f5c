import Foundation
import Testing

@testable import MADE

@Suite struct FieldCasterTests {
  func parse(_ text: String, _ format: String) -> FieldCaster.DateParts? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer {
      FieldCaster.parseDate(UnsafeBufferPointer($0), format: Array(format.utf8))
    }
  }

  @Test func acceptsRealDatesOnly() {
    #expect(parse("29/02/2024", "%d/%m/%Y")?.day == 29)
    #expect(parse("29/02/2023", "%d/%m/%Y") == nil)
    #expect(parse("31/04/2024", "%d/%m/%Y") == nil)
    #expect(parse("1/3/2025", "%d/%m/%Y")?.month == 3)
    #expect(parse("2025-13", "%Y-%m") == nil)
    #expect(parse("24:00", "%H:%M") == nil)
    #expect(parse("2025-01-01x", "%Y-%m-%d") == nil)
    #expect(parse("01/01/0000", "%d/%m/%Y") == nil)
    #expect(parse("23:59", "%H:%M")?.minute == 59)
  }
}

@Suite struct DigitTests {
  @Test func padsDigitsToTheWidth() {
    for (value, width, expected) in [
      (7, 2, "07"), (2025, 4, "2025"), (0, 2, "00"), (123, 2, "123"),
    ] {
      var output: [UInt8] = []
      FieldCaster.appendDigits(value, width, to: &output)
      #expect(String(decoding: output, as: UTF8.self) == expected)
    }
  }
}
