import Foundation
import Testing

@testable import MADE

@Suite struct NHSNumberTests {
  @Test(arguments: [
    "9434765919", "4010232137", "4505577104", "6384512092", "943 476 5919", "943-476-5919",
    " 943 476 5919 ", "'9434765919", "943\u{00A0}476\u{00A0}5919", "943\u{2009}476\u{2009}5919",
    "943\u{200B}476\u{200B}5919", "943\u{2013}476\u{2013}5919", "９４３４７６５９１９",
    "9434 765 919",
    // With the "NHS" prefix, spaced or not: the digits still decide.
    "NHS9434765919", "NHS 9434765919",
  ])
  func recognisesAnNHSNumberHoweverItIsSpaced(_ value: String) {
    #expect(NHSNumber.matches(value), "\(value.unicodeScalars.map(\.value))")
  }

  @Test(arguments: [
    // A wrong check digit; a check digit of 10 (never valid); 9 and 11 digits.
    "9434765910", "1000000019", "943476591", "94347659190",
    // Other things made of ten digits: a decimal, a date and time, a phone number with a plus.
    "94347.65919", "2025-01-03 09:30", "+943 476 5919", "943/476/5919", "NHSX9434765919",
    "9434765919x", "", "          ",
  ])
  func refusesWhatIsNotOne(_ value: String) {
    #expect(!NHSNumber.matches(value))
  }

  @Test func recognisesTheWindows1252NoBreakSpace() {
    var bytes = Array("943".utf8) + [0xA0] + Array("476".utf8) + [0xA0] + Array("5919".utf8)
    #expect(bytes.withUnsafeMutableBufferPointer { NHSNumber.matches(UnsafeBufferPointer($0)) })
  }

  @Test func checksTheModulus11RuleAsTheDataDictionaryStatesIt() {
    // 9434765919: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299;
    // 299 mod 11 = 2; 11 − 2 = 9, the tenth digit.
    #expect(NHSNumber.isValidCheckDigit(sum: 299, check: 9))
    #expect(!NHSNumber.isValidCheckDigit(sum: 299, check: 0))
    // A remainder of 0 gives 11, which means a check digit of 0.
    #expect(NHSNumber.isValidCheckDigit(sum: 110, check: 0))
    // A remainder of 1 gives 10: no number with these nine digits is valid.
    for check in 0...9 { #expect(!NHSNumber.isValidCheckDigit(sum: 111, check: check)) }
  }
}
