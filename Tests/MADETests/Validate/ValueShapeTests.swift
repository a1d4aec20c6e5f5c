import Foundation
import Testing

@testable import MADE

@Suite struct ValueShapeTests {
  @Test(arguments: [
    ("9434765919", "10 digits"),
    ("943 476 5919", "12 characters: 3 digits, a space, 3 digits, a space, 4 digits"),
    ("15/06/1990", "10 characters: 2 digits/2 digits/4 digits"),
    ("A123456789012", "13 characters: 1 letter, 12 digits"),
    ("PR1 8XB", "7 characters: 2 letters, 1 digit, a space, 1 digit, 2 letters"),
    ("-1", "2 characters: '-', 1 digit"),
    ("Male", "4 letters"),
    ("x", "1 letter"),
    ("7", "1 digit"),
    ("Zoë", "3 letters"),
    ("jo.bloggs@example.com", "21 characters: 2 letters.6 letters@7 letters.3 letters"),
    ("stabbed outside the Red Lion", "text of 28 characters"),
    ("9434765919\u{200B}", "text of 11 characters"),
    ("", "an empty value"),
  ])
  func describesAValueByItsShapeNotItsCharacters(_ value: String, _ shape: String) {
    #expect(ValueShape.describe(value) == shape)
  }

  @Test func neverHoldsALetterOrDigitOfTheValue() {
    for value in ["9434765919", "15/06/1990", "A123456789012", "PR1 8XB", "Jane Smith"] {
      let shape = ValueShape.describe(value)
      let words = shape.split { !$0.isLetter }.map(String.init)
      let known: Set = [
        "digit", "digits", "letter", "letters", "a", "space", "spaces", "characters",
        "character", "text", "of",
      ]
      #expect(words.allSatisfy(known.contains), "\(value): \(shape)")
    }
  }
}
