/// A compiled Table Schema `pattern` for the subset our schemas use: literals, `.`, `\d`,
/// `[...]` classes with ranges, and the quantifiers `?`, `*`, `+`, `{n}`, `{n,m}`; matched
/// against the whole value, byte by byte.
///
/// Measured reason: Swift `Regex.wholeMatch` costs microseconds per value, which is seconds
/// on a million-row file; this costs nanoseconds. Patterns outside the subset are refused when
/// the schema is loaded, so a schema author finds out at once.
struct SimplePattern: Sendable {
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
        default: break
        }
      }
      elements.append(Element(accepts: accepts, minimum: minimum, maximum: maximum))
    }
    self.elements = elements
  }

  /// True when the whole value matches.
  func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    matches(value, from: 0, element: 0)
  }

  func matches(_ value: String) -> Bool {
    var bytes = Array(value.utf8)
    return bytes.withUnsafeMutableBufferPointer { matches(UnsafeBufferPointer($0)) }
  }

  private func matches(_ value: UnsafeBufferPointer<UInt8>, from start: Int, element: Int)
    -> Bool
  {
    if element == elements.count { return start == value.count }
    let current = elements[element]
    var count = 0
    while count < current.maximum, start + count < value.count,
      current.accepts[Int(value[start + count])]
    {
      count += 1
    }
    // Greedy, then back off as far as the minimum allows.
    while count >= current.minimum {
      if matches(value, from: start + count, element: element + 1) { return true }
      if count == 0 { break }
      count -= 1
    }
    return false
  }
}
