/// What a delivered value looks like, without the value: "10 digits", "10 characters:
/// 2 digits/2 digits/4 digits", "13 characters: 1 letter, 12 digits", "text of 24 characters".
///
/// Messages that reach the warehouse (`rejects.message`, `files.message`,
/// `files.ignored_columns`), the `.reason.txt` notes and the terminal describe a delivered value
/// by its shape and never quote it. STYLE.md's example quotes the value; MADE departs from it
/// because a partner can put anything in any column (an NHS number in an age, a date of birth
/// in a sex, a pupil number in a school URN), and a quoted value would then sit in the
/// warehouse and in every report sent back. The partner has the file and the line number, so
/// the shape and what was expected are enough to find and fix the value.
enum ValueShape {
  /// Longer values, or values with more parts than this, are described by length alone.
  static let maximumDescribedCharacters = 40
  static let maximumParts = 7

  /// The shape of UTF-8 `bytes` (invalid sequences count as one character each).
  static func describe(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    describe(String(decoding: bytes, as: UTF8.self))
  }

  static func describe(_ value: String) -> String {
    let characters = Array(value)
    guard !characters.isEmpty else { return "an empty value" }
    let length = "\(characters.count) character\(characters.count == 1 ? "" : "s")"
    guard characters.count <= maximumDescribedCharacters, let parts = parts(of: characters),
      parts.count <= maximumParts
    else { return "text of \(length)" }
    let described = joined(parts)
    return parts.count == 1 ? described : "\(length): \(described)"
  }

  private enum Kind: Equatable {
    case digits, letters, spaces
    /// One ASCII punctuation character, shown as itself (separators carry no identity).
    case mark(Character)
  }

  private struct Part {
    var kind: Kind
    var count: Int
  }

  /// Runs of ASCII digits, letters (any script) and spaces, and single ASCII marks; nil when
  /// a character is none of these (a symbol, a control, a digit of another script).
  private static func parts(of characters: [Character]) -> [Part]? {
    var parts: [Part] = []
    for character in characters {
      let kind: Kind
      if character.isASCII, character.isNumber {
        kind = .digits
      } else if character.isLetter {
        kind = .letters
      } else if character.isWhitespace {
        kind = .spaces
      } else if character.isASCII, character.isPunctuation || character.isSymbol {
        kind = .mark(character)
      } else {
        return nil
      }
      if case .mark = kind {
        parts.append(Part(kind: kind, count: 1))
      } else if let last = parts.last, last.kind == kind {
        parts[parts.count - 1].count += 1
      } else {
        parts.append(Part(kind: kind, count: 1))
      }
    }
    return parts
  }

  /// "2 digits/2 digits/4 digits": a mark between two runs joins them; anything else is
  /// listed with commas ("'-', 1 digit", "1 letter, 12 digits", "3 letters, a space, …").
  private static func joined(_ parts: [Part]) -> String {
    var text = ""
    for index in parts.indices {
      let gluing = isGluingMark(parts, index)
      if index > 0, !gluing, !isGluingMark(parts, index - 1) { text += ", " }
      text += words(parts[index], glued: gluing)
    }
    return text
  }

  private static func isRun(_ parts: [Part], _ index: Int) -> Bool {
    guard parts.indices.contains(index) else { return false }
    switch parts[index].kind {
    case .digits, .letters: return true
    default: return false
    }
  }

  private static func isGluingMark(_ parts: [Part], _ index: Int) -> Bool {
    guard parts.indices.contains(index), case .mark = parts[index].kind else { return false }
    return isRun(parts, index - 1) && isRun(parts, index + 1)
  }

  private static func words(_ part: Part, glued: Bool) -> String {
    let plural = part.count == 1 ? "" : "s"
    switch part.kind {
    case .digits: return "\(part.count) digit\(plural)"
    case .letters: return "\(part.count) letter\(plural)"
    case .spaces: return part.count == 1 ? "a space" : "\(part.count) spaces"
    case .mark(let character): return glued ? String(character) : "'\(character)'"
    }
  }
}
