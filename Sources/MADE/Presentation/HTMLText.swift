/// Text for HTML pages MADE writes (pack reports, the data dictionary).
enum HTMLText {
  /// Text as HTML, in content or in an attribute: `&`, `<`, `>`, `"` and `'` escaped.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
