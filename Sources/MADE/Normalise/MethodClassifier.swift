/// Classifies free text typed by reception staff ("stabbed", "glass bottle", "punched",
/// "knfe") into a category by keyword rules kept as reference data (`ref_method_rules`).
///
/// Each word of the text is compared with each keyword: equal; or the keyword with a word
/// ending (keywords of 4+ letters: "stab" matches "stabbed", "stabbing", not "stable"); or
/// one edit away (keywords
/// of 5+ letters, words of 4+: "knfe", "kinfe", "botle" → knife, bottle; short keywords such
/// as "shot" or "bat" must match exactly, or "hot" would be a firearm). Of the rules that
/// match, the highest priority wins (a firearm outranks a knife outranks a bottle…). Words
/// listed as `not_a_method` ("grass", "swore", "stable") are skipped. Blank text, or text no
/// rule matches, is `unknown`.
struct MethodClassifier: Sendable {
  struct Rule: Sendable {
    var keyword: [UInt8]
    var category: String
    var priority: Int
  }

  static let unknown = "unknown"
  /// The category of rules that name everyday words near a weapon ("grass", "swore"): such
  /// a word is never matched.
  static let notAMethod = "not_a_method"
  private let rules: [Rule]
  private let ignored: Set<[UInt8]>

  init(rules: [Rule]) {
    let lowered = rules.map {
      Rule(keyword: $0.keyword.map(Self.lower), category: $0.category, priority: $0.priority)
    }
    self.rules = lowered.filter { $0.category != Self.notAMethod }
    ignored = Set(lowered.filter { $0.category == Self.notAMethod }.map(\.keyword))
  }

  func category(of text: UnsafeBufferPointer<UInt8>) -> String {
    var best: Rule?
    var word: [UInt8] = []
    func consider() {
      guard !word.isEmpty else { return }
      if ignored.contains(word) {
        word.removeAll(keepingCapacity: true)
        return
      }
      for rule in rules where (best?.priority ?? Int.min) < rule.priority {
        if Self.matches(word, rule.keyword) { best = rule }
      }
      word.removeAll(keepingCapacity: true)
    }
    for byte in text {
      let lower = Self.lower(byte)
      if (0x61...0x7A).contains(lower) {
        word.append(lower)
      } else {
        consider()
      }
    }
    consider()
    return best?.category ?? Self.unknown
  }

  func category(of text: String) -> String {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { category(of: UnsafeBufferPointer($0)) }
  }

  private static func lower(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
  }

  static func matches(_ word: [UInt8], _ keyword: [UInt8]) -> Bool {
    if word == keyword { return true }
    guard keyword.count >= 4 else { return false }
    if word.starts(with: keyword) {
      // Only word endings: "stab" → stabs, stabbed, stabbing; not "stable".
      let rest = String(decoding: word[keyword.count...], as: UTF8.self)
      if ["s", "es", "ed", "d", "ing", "er", "ers", "y"].contains(rest) { return true }
      let last = Character(UnicodeScalar(keyword[keyword.count - 1]))
      return rest.first == last && ["ed", "ing", "er", "ers"].contains(String(rest.dropFirst()))
    }
    return keyword.count >= 5 && word.count >= 4 && withinOneEdit(word, keyword)
  }

  /// True when one insertion, deletion, substitution or swap of neighbours turns `a` into `b`.
  static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    if abs(a.count - b.count) > 1 { return false }
    var i = 0
    while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
    if i == a.count && i == b.count { return true }
    if a.count == b.count {
      if a[(i + 1)...] == b[(i + 1)...] { return true }  // substitution
      // Neighbours swapped.
      return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i]
        && a[(i + 2)...] == b[(i + 2)...]
    }
    if a.count > b.count { return a[(i + 1)...] == b[i...] }  // a has one extra letter
    return a[i...] == b[(i + 1)...]
  }
}
