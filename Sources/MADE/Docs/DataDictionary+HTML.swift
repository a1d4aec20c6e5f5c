/// The dictionary as one HTML page, with links from the contents and the foreign keys to
/// the tables they name.
extension DataDictionary {
  /// One HTML page with its CSS inline and no scripts.
  public var html: String {
    var lines = HTMLPage.opening(
      language: "en", title: "MADE warehouse data dictionary", stylesheet: Self.css)
    for block in document {
      switch block {
      case .heading(let level, let text, let anchor):
        lines.append(
          "<h\(level) id=\"\(Self.escape(anchor))\">\(Self.html(text))</h\(level)>")
      case .paragraph(let text):
        lines.append("<p>\(Self.html(text))</p>")
      case .list(let items):
        lines.append("<ul>")
        for item in items { lines.append("<li>\(Self.html(item))</li>") }
        lines.append("</ul>")
      case .table(let header, let rows):
        lines.append("<table>")
        lines.append(
          "<thead><tr>" + header.map { "<th scope=\"col\">\(Self.escape($0))</th>" }.joined()
            + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows {
          lines.append("<tr>" + row.map { "<td>\(Self.html($0))</td>" }.joined() + "</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
      }
    }
    lines += HTMLPage.closing
    return lines.joined(separator: "\n")
  }

  static func html(_ spans: [Span]) -> String {
    spans.map { span in
      switch span {
      case .plain(let text): return escape(text)
      case .code(let code): return "<code>\(escape(code))</code>"
      case .link(let text, let anchor): return "<a href=\"#\(escape(anchor))\">\(html(text))</a>"
      }
    }.joined()
  }

  /// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped.
  static func escape(_ text: String) -> String { HTMLText.escape(text) }

  /// `data-dictionary.css`, embedded in the binary and written inline.
  static let css = HTMLPage.stylesheet(PackageResources.data_dictionary_css)
}
