/// A compiled Table Schema `pattern` for the subset our schemas use: literals, `.`, `\d`,
/// `[...]` classes with ranges, and the quantifiers `?`, `*`, `+`, `{n}`, `{n,m}`; matched
/// against the whole value, byte by byte.
///
/// Measured reason: Swift `Regex.wholeMatch` costs microseconds per value, which is seconds
/// on a million-row file; this costs nanoseconds. Patterns outside the subset are refused when
/// the schema is loaded, so a schema author finds out at once.
///
/// Matching never backtracks: it costs at most one step per element per byte of the value
/// (see `matches`), and a pattern has at most `maximumElements` elements. A backtracking
/// matcher ran for over a minute, holding the workspace lock, on `a*a*…a*b` against 34 `a`s.
struct SimplePattern: Sendable {
  /// The most elements (an atom with its quantifier) a pattern may have: matching costs up to
  /// this many steps per byte of a value. Our schemas' patterns have four at most.
  static let maximumElements = 128

  private struct Element: Sendable {
    var accepts: [Bool]  // 256 entries
    var minimum: Int
    var maximum: Int
  }

  private let elements: [Element]
  let source: String

  init(_ pattern: String) throws {
    source = pattern
    var elements: [Element] = []
    let bytes = Array(pattern.utf8)
    var index = 0
    func fail(_ why: String) -> ConfigurationError {
      ConfigurationError(
        "pattern '\(pattern)': \(why) (supported: literals, ., \\d, [a-z], ?, *, +, {n}, {n,m})")
    }
    while index < bytes.count {
      var accepts = [Bool](repeating: false, count: 256)
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "["):
        index += 1
        var negate = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") {
          negate = true
          index += 1
        }
        var closed = false
        while index < bytes.count {
          let member = bytes[index]
          if member == UInt8(ascii: "]") {
            closed = true
            index += 1
            break
          }
          if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"),
            bytes[index + 2] != UInt8(ascii: "]")
          {
            guard member <= bytes[index + 2] else {
              throw fail(
                "the range in '[\(String(decoding: [member, bytes[index + 1], bytes[index + 2]], as: UTF8.self))]' runs backwards"
              )
            }
            for value in member...bytes[index + 2] { accepts[Int(value)] = true }
            index += 3
          } else {
            accepts[Int(member)] = true
            index += 1
          }
        }
        guard closed else { throw fail("unclosed [") }
        if negate { accepts = accepts.map { !$0 } }
      case UInt8(ascii: "."):
        accepts = [Bool](repeating: true, count: 256)
        index += 1
      case UInt8(ascii: "\\"):
        guard index + 1 < bytes.count else { throw fail("trailing backslash") }
        let escaped = bytes[index + 1]
        if escaped == UInt8(ascii: "d") {
          for value in UInt8(ascii: "0")...UInt8(ascii: "9") { accepts[Int(value)] = true }
        } else {
          accepts[Int(escaped)] = true
        }
        index += 2
      case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "^"),
        UInt8(ascii: "$"):
        throw fail("'\(Character(UnicodeScalar(byte)))' is not supported")
      default:
        accepts[Int(byte)] = true
        index += 1
      }
      var minimum = 1
      var maximum = 1
      if index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "?"):
          (minimum, maximum) = (0, 1)
          index += 1
        case UInt8(ascii: "*"):
          (minimum, maximum) = (0, Int.max)
          index += 1
        case UInt8(ascii: "+"):
          (minimum, maximum) = (1, Int.max)
          index += 1
        case UInt8(ascii: "{"):
          guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
            throw fail("unclosed {")
          }
          let inside = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
          let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
          guard let low = Int(parts[0]) else { throw fail("bad quantifier {\(inside)}") }
          minimum = low
          if parts.count == 1 {
            maximum = low
          } else if parts[1].isEmpty {
            maximum = Int.max
          } else if let high = Int(parts[1]) {
            maximum = high
          } else {
            throw fail("bad quantifier {\(inside)}")
          }
          index = close + 1
          guard minimum >= 0, minimum <= maximum else {
            throw fail("bad quantifier {\(inside)}: it must be {n} or {n,m} where n is at most m")
          }
        default: break
        }
      }
      guard elements.count < Self.maximumElements else {
        throw fail(
          "more than \(Self.maximumElements) elements; each one costs a pass over every value")
      }
      elements.append(Element(accepts: accepts, minimum: minimum, maximum: maximum))
    }
    self.elements = elements
  }

  /// True when the whole value matches. Linear in the value whatever the pattern: the positions
  /// the value can be matched up to are carried from element to element as a set (one flag per
  /// position), each element one pass over the value, so a value costs at most
  /// `elements.count × (value.count + 1)` steps, never a search over ways to split it.
  func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    let positions = value.count + 1
    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * positions) { flags in
      var before = UnsafeMutableBufferPointer(rebasing: flags[0..<positions])
      var after = UnsafeMutableBufferPointer(rebasing: flags[positions...])
      before.initialize(repeating: false)
      before[0] = true
      for element in elements {
        guard Self.advance(element, over: value, from: before, to: after) else { return false }
        swap(&before, &after)
      }
      return before[value.count]
    }
  }

  func matches(_ value: String) -> Bool {
    var bytes = Array(value.utf8)
    return bytes.withUnsafeMutableBufferPointer { matches(UnsafeBufferPointer($0)) }
  }

  /// Marks in `after` each position `element` can end at having started at a position marked
  /// in `before`; false when it marks none. Position `end` is reachable when some marked
  /// `start` has `minimum ≤ end − start ≤ maximum` and the element accepts every byte between:
  /// the latest marked start at or before `end − minimum` is the best candidate for both
  /// conditions, so one pass keeping it (and where the current run of accepted bytes began)
  /// decides every position.
  private static func advance(
    _ element: Element, over value: UnsafeBufferPointer<UInt8>,
    from before: UnsafeMutableBufferPointer<Bool>, to after: UnsafeMutableBufferPointer<Bool>
  ) -> Bool {
    var latestStart = -1
    var runStart = 0  // value[runStart..<end] are all accepted by the element
    var reachedAny = false
    for end in 0...value.count {
      if end > 0, !element.accepts[Int(value[end - 1])] { runStart = end }
      let start = end - element.minimum
      if start >= 0, before[start] { latestStart = start }
      let reached =
        latestStart >= runStart && latestStart >= 0 && end - latestStart <= element.maximum
      after[end] = reached
      reachedAny = reachedAny || reached
    }
    return reachedAny
  }
}
