import Foundation
import Testing

@testable import MADE

/// Holds the maps of a pack's `report.html` against the pack's rows and the stored
/// boundaries: each map draws exactly the children that have a boundary, each filled as its
/// published row says, and a withheld child carries no number, in its tooltip, the map's
/// description or a label. Called on every demo pack by `EndToEndTests`.
enum MapAudit {
  struct Seen {
    var maps = 0
    var withheldDrawn = 0
    var missingNoted = 0
  }

  /// One `<figure class="map">`: its indicator, colouring, description and drawn children.
  struct Figure {
    var indicator, colouring, description: String
    /// code → (css class, tooltip)
    var drawn: [String: (cssClass: String, title: String)]
    var labels: [String]
  }

  static func figures(in html: String) -> [Figure] {
    html.components(separatedBy: "<figure class=\"map\"").dropFirst().map { chunk in
      let figure = chunk.components(separatedBy: "</figure>")[0]
      func first(_ pattern: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(figure.startIndex..., in: figure)
        guard let match = regex.firstMatch(in: figure, range: range) else { return "" }
        return String(figure[Range(match.range(at: 1), in: figure)!])
      }
      var drawn: [String: (String, String)] = [:]
      let use = try! NSRegularExpression(
        pattern:
          ##"<use href="#map-([A-Z0-9]+)" class="([a-z0-9-]+)"><title>([^<]*)</title></use>"##)
      for match in use.matches(in: figure, range: NSRange(figure.startIndex..., in: figure)) {
        let text = { (n: Int) in String(figure[Range(match.range(at: n), in: figure)!]) }
        drawn[text(1)] = (text(2), text(3))
      }
      let label = try! NSRegularExpression(pattern: #"<text class="m-label"[^>]*>([^<]*)</text>"#)
      let labels = label.matches(in: figure, range: NSRange(figure.startIndex..., in: figure))
        .map { String(figure[Range($0.range(at: 1), in: figure)!]) }
      return Figure(
        indicator: first(#"data-indicator="([^"]+)""#),
        colouring: first(#"data-colouring="([^"]+)""#),
        description: first(#"<desc id="[^"]+">([^<]*)</desc>"#), drawn: drawn, labels: labels)
    }
  }

  /// Text as a reader sees it: the report's five escapes undone (`&#39;` is not a number).
  static func unescaped(_ html: String) -> String {
    [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
      .reduce(html) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
  }

  /// `boundaries`: the codes of the stored boundaries of the pack's children's level.
  static func check(_ pack: Pack, boundaries: Set<String>, seen: inout Seen) {
    let html = PackReport.html(pack)
    let report = PackReport.Report(pack: pack)
    let place = "\(pack.area.geoName) \(pack.period)"
    let expected = Set(pack.children.map(\.geoCode)).intersection(boundaries)
    let figures = figures(in: html)
    guard !expected.isEmpty else {
      #expect(figures.isEmpty, "\(place): a map with no boundary to draw")
      return
    }
    let colouring = pack.map?.colouring ?? .comparison
    #expect(
      figures.contains { $0.colouring == (colouring == .quintiles ? "quintiles" : "comparison") },
      "\(place): no map of the children")
    let missing = pack.children.filter { !boundaries.contains($0.geoCode) }
    #expect(html.contains("class=\"map-missing\"") == !missing.isEmpty, "\(place)")
    if !missing.isEmpty { seen.missingNoted += 1 }
    for figure in figures {
      seen.maps += 1
      let where_ = "\(place) \(figure.indicator) \(figure.colouring)"
      #expect(Set(figure.drawn.keys) == expected, "\(where_): drawn \(figure.drawn.keys.sorted())")
      var withheld = 0
      for child in pack.children where expected.contains(child.geoCode) {
        guard let (cssClass, title) = figure.drawn[child.geoCode] else { continue }
        let row = report.row(figure.indicator, child, period: pack.period)
        let name = HTMLText.escape(child.geoName)
        #expect(title.hasPrefix(name + ":"), "\(where_): \(title)")
        if row?.value == .suppressed {
          withheld += 1
          #expect(cssClass == "m-withheld", "\(where_) \(child.geoName): \(cssClass)")
          // No number in its words, here or in the map's description.
          let titleHasNumber = unescaped(title).contains { $0.isNumber }
          #expect(!titleHasNumber, "\(where_): \(title)")
          let described =
            figure.description.components(separatedBy: "; ")
            .first { $0.hasPrefix(name + ":") } ?? ""
          let describedHasNumber = unescaped(described).contains { $0.isNumber }
          #expect(!describedHasNumber, "\(where_): \(described)")
          continue
        }
        guard let row, let value = row.value.number else {
          #expect(cssClass == "m-none", "\(where_) \(child.geoName): \(cssClass)")
          continue
        }
        switch figure.colouring {
        case "comparison":
          let verdict = PackReport.Report.Verdict(row.comparison)
          let want: [PackReport.Report.Verdict: String] = [
            .better: "m-better", .worse: "m-worse", .similar: "m-similar", .higher: "m-higher",
            .lower: "m-lower", .notCompared: "m-none",
          ]
          #expect(cssClass == want[verdict], "\(where_) \(child.geoName): \(cssClass)")
          #expect(title.hasSuffix(verdict.label.lowercased()), "\(where_): \(title)")
        case "quintiles":
          #expect(cssClass.hasPrefix("m-q"), "\(where_) \(child.geoName): \(cssClass)")
        case "partner-types":
          #expect(cssClass == "m-h\(min(Int(value), 4))", "\(where_): \(cssClass)")
        default:
          Issue.record("\(where_): unknown colouring")
        }
        let definition = pack.indicators.first { $0.id == figure.indicator }!
        #expect(
          title.contains(report.number(value, definition)), "\(where_): \(value) in \(title)")
      }
      seen.withheldDrawn += withheld
      // Labels: a `c` on each withheld child (and the count on the hotspot map).
      #expect(figure.labels.filter { $0 == "c" }.count == withheld, "\(where_)")
      if figure.colouring == "partner-types" {
        let labelled = figure.drawn.values.filter { $0.cssClass != "m-none" }.count
        #expect(figure.labels.count == labelled, "\(where_)")
      }
    }
  }
}
