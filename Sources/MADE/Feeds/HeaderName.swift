import Foundation

/// A header cell as the identifier guard reads it: compatibility-normalised (NFKC, so
/// full-width `ＮＨＳ` and mathematical `𝐍𝐇𝐒` are `NHS`), accents, zero-width and other
/// invisible format characters removed, Cyrillic and Greek letters that look Latin read as
/// Latin (`NНS` with a Cyrillic `Н`), split into lower-case words at spaces, punctuation and
/// case changes (`PatientID` is `patient`, `id`).
///
/// A partner who renames a column to get it past the guard (`NHS\u{200B}Number`, `N.H.S. No`,
/// `Patient_ID`) still sends the column; this reading removes what makes the difference
/// invisible or trivial.
struct HeaderName {
  /// Lower-case words of letters and digits, in order.
  let words: [String]

  /// The words joined: "patientnhsnumber".
  var compact: String { words.joined() }

  init(_ cell: String) {
    var words: [String] = []
    var word: [Character] = []
    func endWord() {
      if !word.isEmpty { words.append(String(word).lowercased()) }
      word.removeAll()
    }
    for scalar in cell.decomposedStringWithCompatibilityMapping.unicodeScalars {
      let properties = scalar.properties
      switch properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark, .format:
        continue  // accents; zero-width and other invisible characters
      default: break
      }
      if properties.isDefaultIgnorableCodePoint { continue }
      let character = Self.latinLookAlikes[scalar] ?? Character(scalar)
      guard character.isLetter || character.isNumber else {
        endWord()
        continue
      }
      if let previous = word.last, Self.startsWord(character, after: previous) { endWord() }
      word.append(character)
      // "DOBDate": the upper-case run ends before the capital that starts "Date".
      if word.count >= 3, word[word.count - 1].isLowercase, word[word.count - 2].isUppercase,
        word[word.count - 3].isUppercase
      {
        let capital = Array(word.suffix(2))
        word.removeLast(2)
        endWord()
        word.append(contentsOf: capital)
      }
    }
    endWord()
    self.words = words
  }

  /// A new word starts at a capital after a small letter ("patientId") and where letters
  /// meet digits ("Address1").
  private static func startsWord(_ character: Character, after previous: Character) -> Bool {
    (previous.isLowercase && character.isUppercase)
      || (previous.isNumber && character.isLetter) || (previous.isLetter && character.isNumber)
  }

  /// True when `pattern` (already compact) is the concatenation of consecutive words:
  /// "dob" in "Patient D.O.B." or "Patient DoB"; "nhsno" in "NHS No".
  func hasWords(_ pattern: String) -> Bool {
    for start in words.indices {
      var joined = ""
      for word in words[start...] {
        joined += word
        if joined == pattern { return true }
        if joined.count >= pattern.count || !pattern.hasPrefix(joined) { break }
      }
    }
    return false
  }

  /// Letters of other scripts that look like Latin ones, read as the Latin letter (a small
  /// confusables table: Cyrillic, Greek, Latin small capitals and dotless letters).
  static let latinLookAlikes: [Unicode.Scalar: Character] = {
    let pairs: [(String, String)] = [
      // Cyrillic capitals and small letters.
      ("АВЕЅІЈКМНОРСТУХԁԛԜѴ", "ABESIJKMHOPCTYXdqWV"),
      ("авеѕіјкмнорстухһԝѵ", "abesijkmhopctyxhwv"),
      // Greek capitals and small letters.
      ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),
      ("αικνορτυχ", "aikvoptux"),
      // Latin small capitals, dotless i and j.
      ("ᴀʙᴄᴅᴇɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢıȷ", "abcdeghijklmnoprstuvwyzij"),
    ]
    var table: [Unicode.Scalar: Character] = [:]
    for (from, to) in pairs {
      for (scalar, latin) in zip(from.unicodeScalars, to) { table[scalar] = latin }
    }
    return table
  }()
}

/// How header cells are shown in messages, `files.ignored_columns` and the terminal.
enum HeaderCells {
  /// The cells as they may be shown: as delivered when the line reads as a header; each by
  /// its shape ("[10 characters: 2 digits/2 digits/4 digits]") when any cell looks like data
  /// (a file without a header row makes its first record the header; see `ValueShape`).
  static func shown(_ header: [String]) -> [String] {
    guard header.contains(where: looksLikeData) else {
      return header.map { String($0.prefix(80)) }
    }
    return header.map { "[\(ValueShape.describe($0))]" }
  }

  /// Three or more digits (a date, a time, an NHS number, a count), an `@` (an e-mail
  /// address) or a postcode: header names rarely hold these ("LSOA11CD" has two digits).
  static func looksLikeData(_ cell: String) -> Bool {
    cell.utf8.filter { (0x30...0x39).contains($0) }.count >= 3 || cell.contains("@")
      || Postcode.compact(cell) != nil
  }
}

extension HeaderCells {
  /// "column 3 'NHS Number'", from the cells as `shown` gives them.
  static func column(_ index: Int, _ shown: [String]) -> String {
    "column \(index + 1) '\(shown.indices.contains(index) ? shown[index] : "")'"
  }
}
