/// The frame of an HTML page MADE writes (a pack's report, the data dictionary): UTF-8, a
/// viewport for phones, the title, and the page's stylesheet inline, so the page is one file
/// that fetches nothing.
enum HTMLPage {
  /// Everything up to and including `<body>`.
  static func opening(language: String, title: String, stylesheet: String) -> [String] {
    [
      "<!DOCTYPE html>",
      "<html lang=\"\(language)\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(HTMLText.escape(title))</title>",
      "<style>",
      stylesheet,
      "</style>",
      "</head>",
      "<body>",
    ]
  }

  /// The end of the page, and the empty line that ends the file with a newline.
  static let closing = ["</body>", "</html>", ""]

  /// A stylesheet embedded from a `.css` file of the package (`PackageResources`), without the
  /// file's last newline: the page puts each of its lines on a line of its own.
  static func stylesheet(_ bytes: [UInt8]) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
