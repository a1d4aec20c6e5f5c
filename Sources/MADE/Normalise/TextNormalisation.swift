import Foundation

/// The one normalisation every compared value goes through: natural-key and replace-by fields,
/// codes (ONS GSS, ODS, URN, offence codes), postcodes, and identifiers before HMAC.
///
/// Partners' exports carry the same value in many spellings: `rxr01` for `RXR01`, a no-break
/// space (U+00A0, or byte 0xA0 in Windows-1252) for a space, full-width digits from East Asian
/// keyboards, a zero-width space pasted from a web page. Each form below is Unicode NFKC
/// (compatibility composition: full-width `１` is `1`, U+00A0 and U+2000–U+200A are a space),
/// with every Unicode space (`White_Space`: tab, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000…) folded and every invisible character (format characters
/// such as U+200B–U+200F, U+2060, U+FEFF, U+00AD; default-ignorable code points; controls)
/// removed, repeated until nothing changes so that normalising twice is normalising once.
///
/// ASCII values, nearly all of them, take byte loops that give the same result without
/// building a String. Related specification: <https://unicode.org/reports/tr15/> (NFKC).
enum TextNormalisation {
  /// How a code's letters are written in its canonical form.
  enum Case: Sendable {
    case upper, lower
  }

  // MARK: Unicode forms (any text)

  /// A code's canonical form: NFKC, no spaces, no invisible characters, one case
  /// (` e05 012345\u{200B}` → `E05012345`). Codes (GSS, ODS, URN, offence codes, postcodes,
  /// identifiers) never contain a space, so every space is dropped, not only the ends.
  static func code(_ text: String, case letterCase: Case = .upper) -> String {
    fixedPoint(text) { value in
      var result = String.UnicodeScalarView()
      for scalar in value.precomposedStringWithCompatibilityMapping.unicodeScalars
      where !isSpace(scalar) && !isInvisible(scalar) {
        result.append(scalar)
      }
      let joined = String(result)
      return letterCase == .upper ? joined.uppercased() : joined.lowercased()
    }
  }

  /// Text with canonical spacing, case kept: NFKC, every run of Unicode spaces one U+0020,
  /// invisible characters removed, no space at either end (`Street\u{00A0}/ public` →
  /// `Street / public`). What enum, pattern, number and date fields are cast from.
  static func spaced(_ text: String) -> String {
    fixedPoint(text) { value in spacedOnce(value) }
  }

  /// The form free text is compared in: `spaced`, then case-folded (upper then lower case,
  /// so that `ß` and `SS` fold alike). `Lancashire  CONSTABULARY` and `lancashire
  /// constabulary` have one text key.
  static func textKey(_ text: String) -> String {
    fixedPoint(text) { value in spacedOnce(value).uppercased().lowercased() }
  }

  /// The text with Unicode spaces and invisible characters removed from both ends only: what
  /// free text is stored as (the delivered text, trimmed).
  static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) && !isInvisible($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) && !isInvisible($0) })
    else { return "" }
    return String(scalars[first...last])
  }

  /// True for a Unicode space (`White_Space`: tab, line breaks, U+00A0, U+2000–U+200A…).
  @inline(__always)
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value == 0x20 || scalar.properties.isWhitespace
  }

  /// True for a character that shows nothing: format characters (Cf: U+00AD, U+200B–U+200F,
  /// U+2060–U+2064, U+FEFF…), other default-ignorable code points (U+034F, variation
  /// selectors…) and controls that are not spaces.
  @inline(__always)
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar.value < 0x20 && !isSpace(scalar) || scalar.value == 0x7F }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .format, .control: return !properties.isWhitespace
    default: return properties.isDefaultIgnorableCodePoint && !properties.isWhitespace
    }
  }

  private static func spacedOnce(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
      if isSpace(scalar) {
        pendingSpace = !result.isEmpty
      } else if !isInvisible(scalar) {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Applies `step` until the text stops changing (at most four times: NFKC after a case
  /// mapping, or after an invisible character between a letter and its accent is removed,
  /// can compose once more).
  private static func fixedPoint(_ text: String, _ step: (String) -> String) -> String {
    var current = step(text)
    for _ in 0..<4 {
      let next = step(current)
      if next == current { break }
      current = next
    }
    return current
  }

  // MARK: Bytes (the ingest hot path)

  /// Appends the canonical code of UTF-8 `value` to `output`.
  static func appendCode(
    _ value: UnsafeBufferPointer<UInt8>, case letterCase: Case = .upper, to output: inout [UInt8]
  ) {
    guard isASCII(value) else {
      output.append(contentsOf: code(String(decoding: value, as: UTF8.self), case: letterCase).utf8)
      return
    }
    for byte in value where byte > 0x20 && byte != 0x7F {
      output.append(changingCase(byte, letterCase))
    }
  }

  /// True when ASCII `value` is already a canonical code (no rewrite needed).
  @inline(__always)
  static func isCanonicalASCIICode(_ value: UnsafeBufferPointer<UInt8>, case letterCase: Case)
    -> Bool
  {
    for byte in value {
      if byte <= 0x20 || byte >= 0x7F { return false }
      if changingCase(byte, letterCase) != byte { return false }
    }
    return true
  }

  /// Appends the text key of UTF-8 `value` to `output`.
  static func appendTextKey(_ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    guard isASCII(value) else {
      output.append(contentsOf: textKey(String(decoding: value, as: UTF8.self)).utf8)
      return
    }
    let start = output.count
    var pendingSpace = false
    for byte in value {
      if byte == 0x20 || (0x09...0x0D).contains(byte) {
        pendingSpace = output.count > start
      } else if byte > 0x20 && byte != 0x7F {
        if pendingSpace { output.append(0x20) }
        pendingSpace = false
        output.append(changingCase(byte, .lower))
      }
    }
  }

  /// Appends `value` with canonical spacing (`spaced`) to `output`.
  static func appendSpaced(_ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(contentsOf: spaced(String(decoding: value, as: UTF8.self)).utf8)
  }

  /// Appends `value` trimmed of Unicode spaces and invisible characters at its ends.
  static func appendTrimmed(_ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(contentsOf: trimmed(String(decoding: value, as: UTF8.self)).utf8)
  }

  @inline(__always)
  static func isASCII(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in value where byte >= 0x80 { return false }
    return true
  }

  @inline(__always)
  private static func changingCase(_ byte: UInt8, _ letterCase: Case) -> UInt8 {
    switch letterCase {
    case .upper: return (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
    case .lower: return (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
  }

  // MARK: Shapes

  /// An ONS GSS code: a letter and eight digits (`E05012345`, `W01000001`), in canonical form.
  static func isGSSCode(_ code: String) -> Bool {
    let bytes = Array(code.utf8)
    return bytes.count == 9 && (0x41...0x5A).contains(bytes[0])
      && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
  }

  /// The shape of a value for a message that must not repeat it or cannot show it plainly:
  /// "9 characters: letters and digits, with a zero-width or format character".
  static func shape(of text: String) -> String {
    var kinds: [String] = []
    let scalars = text.unicodeScalars
    if scalars.contains(where: { $0.properties.isUppercase }) { kinds.append("upper-case letters") }
    if scalars.contains(where: { $0.properties.isLowercase }) { kinds.append("lower-case letters") }
    if scalars.contains(where: { $0.properties.numericType != nil }) { kinds.append("digits") }
    if scalars.contains(where: { $0 == " " }) { kinds.append("spaces") }
    if scalars.contains(where: { $0 != " " && isSpace($0) }) { kinds.append("Unicode spaces") }
    if scalars.contains(where: isInvisible) { kinds.append("invisible characters") }
    if scalars.contains(where: {
      !$0.properties.isAlphabetic && $0.properties.numericType == nil && !isSpace($0)
        && !isInvisible($0)
    }) {
      kinds.append("punctuation or symbols")
    }
    let count = text.count
    return "\(count) character\(count == 1 ? "" : "s")"
      + (kinds.isEmpty ? "" : ": " + kinds.joined(separator: ", "))
  }

  /// `text` with every character outside printable ASCII written as `U+XXXX`, so that a
  /// message shows what an invisible character hid (`E05\u{200B}12345` → `E05<U+200B>12345`).
  static func visible(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.value >= 0x21 && scalar.value < 0x7F || scalar == " " {
        result.unicodeScalars.append(scalar)
      } else {
        result += "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
      }
    }
    return result
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
