// libFuzzer entry point for `TextNormalisation` and `Postcode`: the one normalisation every
// compared value goes through. Built by `scripts/fuzz`, which compiles this file together with
// the Sources files it needs; not part of the package.
//
// Input: any bytes, read as a delivered field is (UTF-8 when valid, else Windows-1252). Checks
// that nothing crashes, that every form is a fixed point (normalising twice is normalising
// once), that the ASCII byte loops agree with the Unicode path, and that a canonical code or
// compact postcode holds no space or invisible character.

import Foundation

/// Stops the run with a message libFuzzer shows next to the stack (`precondition` drops its
/// message in optimised builds).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("TextNormalisation fuzz invariant broken: " + message()) }
}

func scalars(_ text: String) -> String {
  text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
}

func bytesForm(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void)
  -> String
{
  var output: [UInt8] = []
  Array(text.utf8).withUnsafeBufferPointer { body($0, &output) }
  return String(decoding: output, as: UTF8.self)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var decoder = TextDecoder()
  var utf8: [UInt8] = []
  decoder.appendUTF8(of: UnsafeBufferPointer(start: data, count: size), to: &utf8)
  let text = String(decoding: utf8, as: UTF8.self)

  for letterCase in [TextNormalisation.Case.upper, .lower] {
    let code = TextNormalisation.code(text, case: letterCase)
    check(
      TextNormalisation.code(code, case: letterCase) == code,
      "code(\(letterCase)) not idempotent: [\(scalars(text))] -> [\(scalars(code))] -> "
        + "[\(scalars(TextNormalisation.code(code, case: letterCase)))]")
    check(
      !code.unicodeScalars.contains {
        TextNormalisation.isSpace($0) || TextNormalisation.isInvisible($0)
      }, "code [\(scalars(code))] holds a space or an invisible character")
    let fromBytes = bytesForm(text) { TextNormalisation.appendCode($0, case: letterCase, to: &$1) }
    check(fromBytes == code, "appendCode [\(scalars(fromBytes))] != code [\(scalars(code))]")
    let ascii = Array(code.utf8).withUnsafeBufferPointer {
      TextNormalisation.isCanonicalASCIICode($0, case: letterCase)
    }
    check(
      !ascii || code.utf8.allSatisfy { $0 < 0x80 },
      "a non-ASCII code [\(scalars(code))] passed as canonical ASCII")
  }

  let key = TextNormalisation.textKey(text)
  check(TextNormalisation.textKey(key) == key, "textKey not idempotent: [\(scalars(text))]")
  check(
    bytesForm(text) { TextNormalisation.appendTextKey($0, to: &$1) } == key,
    "appendTextKey disagrees with textKey for [\(scalars(text))]")
  let spaced = TextNormalisation.spaced(text)
  check(TextNormalisation.spaced(spaced) == spaced, "spaced not idempotent: [\(scalars(text))]")
  check(TextNormalisation.textKey(spaced) == key, "textKey(spaced) != textKey: [\(scalars(text))]")
  let trimmed = TextNormalisation.trimmed(text)
  check(TextNormalisation.trimmed(trimmed) == trimmed, "trimmed not idempotent: [\(scalars(text))]")

  if let compact = Postcode.compact(text) {
    check(Postcode.compact(compact) == compact, "compact postcode not a fixed point: \(compact)")
    check(
      compact.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) },
      "compact postcode [\(scalars(compact))] is not upper-case letters and digits")
  }
  _ = TextNormalisation.shape(of: text)
  _ = TextNormalisation.visible(text)
  return 0
}
