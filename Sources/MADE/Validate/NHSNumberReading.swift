/// The digits of a field read as a candidate NHS number, with where its dots, commas and
/// exponent fell, so that `NHSNumber` can say which ten digits (if any) are the number.
///
/// Reading stops at the first byte that cannot belong to a number (a letter, most
/// punctuation): then the field is not one.
struct NHSNumberReading {
  /// The most digits kept: ten, zeros in front of them and a fraction of zeros after them.
  static let capacity = 32

  private let digits: UnsafeMutableBufferPointer<UInt8>
  private(set) var count = 0
  /// Where the decimal point or the two grouping dots fell (the number of digits before
  /// each); kept without an array, as the reading runs on every field of a health feed.
  private var firstDot: Int?
  private var secondDot: Int?
  private var commas = 0
  private var exponent: Int?
  private var exponentDigits = 0
  private var exponentSigned = false

  init(digits: UnsafeMutableBufferPointer<UInt8>) {
    self.digits = digits
  }

  /// The digit at `position`, or 0 past the digits read (an exponent's padding).
  func digit(_ position: Int) -> UInt8 { position < count ? digits[position] : 0 }

  /// Reads the character at `index` and returns the index after it, or nil when the field
  /// cannot be a number.
  mutating func read(_ field: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    let byte = field[index]
    let next = index + 1 < field.count ? field[index + 1] : 0
    let third = index + 2 < field.count ? field[index + 2] : 0
    if exponent != nil {
      return readExponent(byte) ? index + 1 : nil
    }
    switch byte {
    case 0x30...0x39:
      return take(byte - 0x30) ? index + 1 : nil
    case 0xEF where next == 0xBC && 0x90...0x99 ~= third:  // U+FF10–U+FF19 full-width digits
      return take(third - 0x90) ? index + 3 : nil
    case UInt8(ascii: "."):
      guard count > 0, secondDot == nil else { return nil }
      if firstDot == nil { firstDot = count } else { secondDot = count }
      return index + 1
    case UInt8(ascii: ","):
      // Thousands separators only: 9,434,765,919.
      guard firstDot == nil, count == 1 + 3 * commas else { return nil }
      commas += 1
      return index + 1
    case UInt8(ascii: "E"), UInt8(ascii: "e"):
      guard count > 0, secondDot == nil, commas == 0 else { return nil }
      exponent = 0
      return index + 1
    default:
      let width = Self.separatorWidth(byte, next, third)
      return width > 0 ? index + width : nil
    }
  }

  /// The position of the first of the ten digits that are the number, or nil when the
  /// digits are not a whole number of exactly ten significant digits (or ten digits, the
  /// first of which may be a zero, as a CHI number's is).
  var firstOfTenDigits: Int? {
    var whole = count
    if let exponent {
      guard exponentDigits > 0 else { return nil }
      whole = (firstDot ?? count) + exponent
    } else if let secondDot {
      // 943.476.5919: dots as the printed grouping, never a decimal point.
      guard firstDot == 3, secondDot == 6, count == 10, commas == 0 else { return nil }
    } else if let point = firstDot {
      guard point < count else { return nil }
      whole = point
    }
    guard commas == 0 || (commas == 3 && whole == 10) else { return nil }
    // A fraction after the whole number must be zeros: 9434765919.0, 9.4347659190E9.
    guard whole >= 10, (whole..<max(whole, count)).allSatisfy({ digits[$0] == 0 }) else {
      return nil
    }
    let first = whole - 10
    guard first == 0 || (digit(first) != 0 && (0..<first).allSatisfy({ digit($0) == 0 })) else {
      return nil
    }
    return first
  }

  private mutating func take(_ digit: UInt8) -> Bool {
    guard count < Self.capacity else { return false }
    digits[count] = digit
    count += 1
    return true
  }

  /// An exponent: an optional "+", then one or two digits.
  private mutating func readExponent(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "+") where exponentDigits == 0 && !exponentSigned:
      exponentSigned = true
      return true
    case 0x30...0x39 where exponentDigits < 2:
      exponent = (exponent ?? 0) * 10 + Int(byte - 0x30)
      exponentDigits += 1
      return true
    default:
      return false
    }
  }

  /// The width in bytes of a separator between digits at this byte (0 when it is not one):
  /// ASCII space, tab, hyphen; the no-break space (UTF-8, or the Windows-1252 byte alone);
  /// other Unicode spaces, dashes and zero-width characters; the full-width hyphen-minus.
  static func separatorWidth(_ byte: UInt8, _ next: UInt8, _ third: UInt8) -> Int {
    switch byte {
    case 0x20, 0x09, UInt8(ascii: "-"), 0xA0:
      return 1
    case 0xC2 where next == 0xA0:  // U+00A0 no-break space
      return 2
    case 0xE2 where next == 0x80 && (0x80...0x95 ~= third || third == 0xAF):
      // U+2000–U+200F: spaces, zero-width characters; U+2010–U+2015: hyphens and dashes;
      // U+202F narrow no-break space.
      return 3
    case 0xE2 where next == 0x81 && (third == 0x9F || third == 0xA0):  // U+205F, U+2060
      return 3
    case 0xE3 where next == 0x80 && third == 0x80:  // U+3000 ideographic space
      return 3
    case 0xEF where next == 0xBB && third == 0xBF:  // U+FEFF zero-width no-break space
      return 3
    case 0xEF where next == 0xBC && third == 0x8D:  // U+FF0D full-width hyphen-minus
      return 3
    default:
      return 0
    }
  }
}
