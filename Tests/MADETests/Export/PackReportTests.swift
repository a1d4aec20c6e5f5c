import Foundation
import Testing

@testable import MADE

/// `report.html`: escaped, self-contained, accessible and deterministic.
@Suite struct PackReportTests {
  static let preston = Pack.Area(geoType: .lad, geoCode: "E07000123", geoName: "Preston")
  static let lancashire = Pack.Area(geoType: .county, geoCode: "county", geoName: "Lancashire")
  static let fishwick = Pack.Area(geoType: .ward, geoCode: "E05000001", geoName: "Fishwick")
  static let script = Pack.Area(
    geoType: .ward, geoCode: "E05000002", geoName: "<script>alert(1)</script>")
  static let quotes = Pack.Area(geoType: .ward, geoCode: "E05000003", geoName: "Ward & \"Quotes\"")

  /// Preston and its three wards (one named like a script, one with `&` and quotes) over
  /// three financial years, on a police rate, an NHS-suppressed A&E rate and the hotspot.
  /// Preston's A&E value for 2022/23 and Ward & "Quotes"'s serious violence for 2024/25 are
  /// suppressed.
  static func pack(indicatorIDs: [String] = ["sv_offences", "ae_assault", "multi_agency_hotspot"])
    throws -> Pack
  {
    let indicators = try IndicatorCatalog.builtIn().indicators.filter {
      indicatorIDs.contains($0.id)
    }
    func row(
      _ id: String, _ area: Pack.Area, _ period: String, _ value: Pack.Cell,
      _ comparison: String = "not_compared"
    ) -> Pack.Row {
      let isCount = id == "multi_agency_hotspot"
      var lower = value
      var upper = value
      if let number = value.number {
        lower = isCount ? .missing : .number(number * 0.8)
        upper = isCount ? .missing : .number(number * 1.25)
      }
      return Pack.Row(
        indicatorID: id, indicatorTitle: id, area: area, periodType: .financialYear,
        period: period, numerator: value == .suppressed ? .suppressed : .number(40),
        denominator: .number(4000), value: value, lower95: lower, upper95: upper,
        lower998: lower, upper998: upper, comparison: comparison, trend: "not_calculated",
        suppressed: value == .suppressed)
    }
    var rows = [
      row("sv_offences", preston, "2022/23", .number(9.5), "similar"),
      row("sv_offences", preston, "2023/24", .number(10.25), "worse"),
      row("sv_offences", preston, "2024/25", .number(12.4), "worse"),
      row("sv_offences", lancashire, "2022/23", .number(8.1)),
      row("sv_offences", lancashire, "2023/24", .number(8.6)),
      row("sv_offences", lancashire, "2024/25", .number(9)),
      row("sv_offences", fishwick, "2024/25", .number(15.3), "worse"),
      row("sv_offences", script, "2024/25", .number(7.1), "similar"),
      row("sv_offences", quotes, "2024/25", .suppressed),
      row("ae_assault", preston, "2022/23", .suppressed),
      row("ae_assault", preston, "2023/24", .number(3.1), "similar"),
      row("ae_assault", preston, "2024/25", .number(2.8), "similar"),
      row("ae_assault", lancashire, "2022/23", .number(2.5)),
      row("ae_assault", lancashire, "2023/24", .number(2.9)),
      row("ae_assault", lancashire, "2024/25", .number(3)),
      row("ae_assault", fishwick, "2024/25", .number(4.5), "worse"),
      row("ae_assault", script, "2024/25", .number(1.2), "better"),
      row("ae_assault", quotes, "2024/25", .number(2.2), "similar"),
      row("multi_agency_hotspot", preston, "2023/24", .number(0)),
      row("multi_agency_hotspot", preston, "2024/25", .number(1)),
      row("multi_agency_hotspot", fishwick, "2024/25", .number(2)),
      row("multi_agency_hotspot", script, "2024/25", .number(0)),
      row("multi_agency_hotspot", quotes, "2024/25", .number(1)),
    ]
    rows.removeAll { !indicatorIDs.contains($0.indicatorID) }
    return Pack(
      area: preston, county: lancashire, children: [fishwick, script, quotes],
      periodType: .financialYear, period: "2024/25",
      vrnName: "Lancashire Violence Reduction Network", created: "2025-05-01T06:30:00Z",
      licence: nil, suppressionThreshold: 4, indicators: indicators, rows: rows,
      sources: [
        Pack.Source(
          feed: "police", title: "Police recorded crime", lastDelivered: "2025-04-28",
          firstMonth: "2022-04", lastMonth: "2025-03"),
        Pack.Source(
          feed: "ae-istv", title: "A&E assault attendances (ISTV)",
          lastDelivered: "2025-04-20", firstMonth: "2022-04", lastMonth: "2025-03"),
      ])
  }

  /// The text of each element opened by `<tag` up to its close tag (not nested ones).
  func elements(_ tag: String, closedBy close: String? = nil, in html: String) -> [String] {
    html.components(separatedBy: "<\(tag)").dropFirst().map {
      $0.components(separatedBy: close ?? "</\(tag)>").first ?? ""
    }
  }

  @Test func escapesNamesThatComeFromData() throws {
    let html = PackReport.html(try Self.pack())
    #expect(!html.contains("<script>alert(1)</script>"))
    #expect(!html.contains("alert(1)</"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!html.contains("Ward & \"Quotes\""))
    #expect(html.contains("Ward &amp; &quot;Quotes&quot;"))
    // Inside the ranked chart's text alternative too.
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;: 7.1 (similar)"))
  }

  @Test func aWithheldFigureSaysWhyItIsWithheld() throws {
    let html = PackReport.html(try Self.pack())
    // On the printed page, under the headline table, with the pack's limits.
    #expect(
      html.contains(
        "c</abbr> withheld to protect confidentiality: a count from 1 to 4 (hospital data: 1 "
          + "to 7), or a figure from which a withheld count could be worked out;"))
    // On every c, as its tooltip.
    let marks = html.components(separatedBy: "<abbr class=\"c\" title=\"").dropFirst()
    #expect(marks.count > 3)
    for mark in marks {
      #expect(mark.hasPrefix("withheld to protect confidentiality: too few events to publish"))
    }
    let police = PackReport.html(try Self.pack(indicatorIDs: ["sv_offences"]))
    #expect(police.contains("a count from 1 to 4, or a figure"))
  }

  @Test func isSelfContained() throws {
    let html = PackReport.html(try Self.pack()).lowercased()
    for forbidden in ["<script", "http://", "https://", "<link", "<img", "@import", "=\"data:"] {
      #expect(!html.contains(forbidden), "found \(forbidden)")
    }
    // CSS may point only into the page (the maps' patterns: `url(#pattern-worse)`).
    #expect(!html.replacingOccurrences(of: "url(#", with: "").contains("url("))
    #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en-gb\">"))
    #expect(html.contains("@page { size: a4;"))
  }

  @Test func startsWithOneH1AndNeverSkipsAHeadingLevel() throws {
    let html = PackReport.html(try Self.pack())
    let levels = html.matches(of: try Regex("<h([1-6])[ >]")).map {
      Int(String(html[$0.range].dropFirst(2).prefix(1)))!
    }
    #expect(levels.first == 1)
    #expect(levels.filter { $0 == 1 }.count == 1)
    for (previous, next) in zip(levels, levels.dropFirst()) {
      #expect(next <= previous + 1, "h\(previous) is followed by h\(next)")
    }
    #expect(html.contains("<h1>Preston: violence indicators, 2024/25</h1>"))
  }

  @Test func describesEveryChartAsAnImageWithATitleAndADescription() throws {
    let html = PackReport.html(try Self.pack())
    let charts = elements("svg", in: html)
    // Trends: serious violence, A&E and the hotspot; ranked: serious violence and A&E.
    #expect(charts.count == 5)
    for chart in charts {
      #expect(chart.contains("role=\"img\""))
      #expect(chart.contains("<title id="))
      #expect(chart.contains("<desc id="))
    }
    #expect(
      html.contains(
        "Preston, per 1,000 residents, by financial year: 2022/23 9.5 (95% interval 7.6 to "
          + "11.9); 2023/24 10.3 (95% interval 8.2 to 12.8); 2024/25 12.4 (95% interval 9.9 to "
          + "15.5). Lancashire: 2022/23 8.1; 2023/24 8.6; 2024/25 9.0."))
  }

  @Test func givesEveryTableACaptionAndHeaderCells() throws {
    let tables = elements("table", in: PackReport.html(try Self.pack()))
    #expect(tables.count == 3)  // headline, hotspot, sources
    for table in tables {
      #expect(table.contains("<caption>"))
      #expect(table.contains("<th scope=\"col\">"))
      #expect(table.contains("<th scope=\"row\">"))
    }
  }

  @Test func labelsEachComparisonInWordsBesideItsColour() throws {
    let html = PackReport.html(try Self.pack())
    let badges = html.matches(of: try Regex("<span class=\"cmp (cmp-[a-z-]+)\">([^<]*)</span>"))
    #expect(badges.count == html.components(separatedBy: "class=\"cmp ").count - 1)
    let labels = [
      "cmp-better": "Better", "cmp-worse": "Worse", "cmp-similar": "Similar",
      "cmp-higher": "Higher", "cmp-lower": "Lower", "cmp-not-compared": "Not compared",
    ]
    for badge in badges {
      let cssClass = badge.output[1].substring.map(String.init)
      let text = badge.output[2].substring.map(String.init)
      #expect(cssClass.flatMap { labels[$0] } == text)
    }
    #expect(
      html.contains(
        "<tr><th scope=\"row\">Serious violence offences</th><td class=\"num\">40</td>"
          + "<td class=\"num\">12.4 "
          + "<span class=\"unit\">per 1,000</span></td><td class=\"num\">9.9 to 15.5</td>"
          + "<td class=\"num\">9.0</td><td><span class=\"cmp cmp-worse\">Worse</span></td>"))
    // Bars carry their comparison in words as well as in colour.
    #expect(html.contains("<rect class=\"bar cmp-worse\""))
    #expect(html.contains("15.3 <tspan class=\"verdict\">Worse</tspan>"))
  }

  @Test func hasALegendForTheComparisonColours() throws {
    let html = PackReport.html(try Self.pack())
    let legend = try #require(elements("ul class=\"legend\"", closedBy: "</ul>", in: html).first)
    for label in ["Better", "Worse", "Similar", "Higher", "Lower", "Not compared"] {
      #expect(legend.contains("\">\(label)</span>"))
    }
    #expect(legend.contains("significantly worse than Lancashire"))
  }

  @Test func rendersTheSamePackToTheSameBytes() throws {
    #expect(PackReport.html(try Self.pack()) == PackReport.html(try Self.pack()))
  }

  @Test func showsSuppressedCellsAsCAndDrawsNothingForThem() throws {
    let html = PackReport.html(try Self.pack())
    #expect(html.contains("2022/23 c (suppressed); 2023/24 3.1"))
    #expect(html.contains("Ward &amp; &quot;Quotes&quot;: c (suppressed)"))
    let trend = try #require(elements("svg", in: html).first { $0.contains("trend-2-title") })
    #expect(trend.contains("text-anchor=\"middle\">c</text>"))
    #expect(trend.components(separatedBy: "<circle class=\"area-dot\"").count - 1 == 2)
    let ranked = try #require(elements("svg", in: html).first { $0.contains("ranked-1-title") })
    #expect(ranked.components(separatedBy: "<rect class=\"bar").count - 1 == 2)
    #expect(ranked.contains("<text class=\"supp\""))
  }

  @Test func listsHotspotWardsAndSaysWhenThePackHasNoHotspot() throws {
    let html = PackReport.html(try Self.pack())
    #expect(
      html.contains(
        "<tr><th scope=\"row\">Fishwick</th><td class=\"num\">2</td>"
          + "<td>police, health</td><td>Yes</td></tr>"))
    #expect(
      html.contains(
        "<tr><th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th><td class=\"num\">0"
          + "</td><td>none</td><td>No</td></tr>"))
    let without = PackReport.html(try Self.pack(indicatorIDs: ["sv_offences", "ae_assault"]))
    #expect(without.contains("does not include the multi-agency hotspot indicator"))
  }

  @Test func saysWhyATrendIsNotCalculatedAndShowsCountsBesideValues() throws {
    let html = PackReport.html(try Self.pack())
    // Three financial years of values: a trend needs five.
    #expect(
      html.contains(
        "Not calculated <span class=\"why\">(only 3 of 5 years)</span>"))
    // Preston's A&E value of 2022/23 is withheld.
    #expect(
      html.contains(
        "Not calculated <span class=\"why\">(a withheld year)</span>"))
    #expect(html.contains("<dt>Data</dt><dd>Records 2022-04 to 2025-03"))
  }

  @Test func theCountyPackDoesNotCompareTheCountyWithItself() throws {
    var pack = try Self.pack()
    pack.area = Self.lancashire
    pack.children = [Self.preston]
    let html = PackReport.html(pack)
    let headline = try #require(
      elements("table class=\"indicators\"", closedBy: "</table>", in: html).first)
    #expect(!headline.contains("Compared with") && !headline.contains("cmp-"))
    #expect(html.contains("<dt>Area</dt><dd>Lancashire (county)</dd>"))
    #expect(PackReport.html(try Self.pack()).contains("Compared with Lancashire</th>"))
  }

  @Test func formatsNumbersTheSameWayInEveryLocale() {
    #expect(NumberFormat.value(1234.56) == "1,234.6")
    #expect(NumberFormat.value(12.25) == "12.3")
    #expect(NumberFormat.value(0) == "0.0")
    #expect(NumberFormat.value(0.04234) == "0.042")
    #expect(NumberFormat.value(0.9996) == "1.0")
    #expect(NumberFormat.value(-0.01) == "-0.010")
    #expect(NumberFormat.decimal(1_000_000, places: 0) == "1,000,000")
    #expect(SVGChart.coordinate(1234.56) == "1234.6")
  }
}
