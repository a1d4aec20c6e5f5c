/// The dictionary as GitHub-flavoured Markdown, for reading in a repository or a terminal.
extension DataDictionary {
  /// GitHub-flavoured Markdown.
  public var markdown: String {
    var lines: [String] = []
    for block in document {
      switch block {
      case .heading(let level, let text, _):
        lines += [String(repeating: "#", count: level) + " " + Self.markdown(text), ""]
      case .paragraph(let text):
        lines += [Self.markdown(text), ""]
      case .list(let items):
        lines += items.map { "- " + Self.markdown($0) } + [""]
      case .table(let header, let rows):
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: header.count))
        for row in rows {
          lines.append(
            "| " + row.map { Self.markdown($0, inTable: true) }.joined(separator: " | ") + " |")
        }
        lines.append("")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func markdown(_ spans: [Span], inTable: Bool = false) -> String {
    spans.map { span in
      switch span {
      case .plain(let text): return escapeMarkdown(text)
      case .code(let code):
        var text = code.replacingOccurrences(of: "\n", with: " ")
        // GitHub ends a table cell at `|` even inside a code span, unless it is escaped.
        if inTable { text = text.replacingOccurrences(of: "|", with: "\\|") }
        let fence = text.contains("`") ? "``" : "`"
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
      case .link(let text, _):
        // Plain Markdown has no stable heading anchors to link to.
        return markdown(text, inTable: inTable)
      }
    }.joined()
  }

  /// Plain text as Markdown: characters that would start markup are backslash-escaped;
  /// underscores inside a word (`ref_wards`) are left alone, as GitHub never reads them as
  /// emphasis.
  static func escapeMarkdown(_ text: String) -> String {
    let characters = Array(text)
    func isWord(_ position: Int) -> Bool {
      characters.indices.contains(position)
        && (characters[position].isLetter || characters[position].isNumber)
    }
    var escaped = ""
    for (index, character) in characters.enumerated() {
      switch character {
      case "_" where isWord(index - 1) && isWord(index + 1): escaped.append(character)
      case "\\", "`", "*", "_", "<", ">", "[", "]", "|": escaped += "\\\(character)"
      case "\n", "\r": escaped += " "
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
