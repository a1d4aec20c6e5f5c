import Foundation

/// `report.html` of an indicator pack: one self-contained HTML5 page (inline CSS and SVG, no
/// script, nothing fetched) that a partner can read offline or print on A4.
///
/// It is written from the `Pack` alone, after disclosure control, so it shows what the CSVs
/// show and nothing more: a suppressed cell is the symbol `c`, never a number, and nothing is
/// derived from other cells. The bytes depend on the pack only (no clock, no locale, no random
/// ids), so the same warehouse gives the same report.
///
/// Related design: DESIGN.md §9 "Packs"; the notes follow docs/methods.md.
enum PackReport {
  /// The indicators the ranked bar charts compare the children on, when the pack has them.
  static let rankedIndicatorIDs = [
    "sv_offences", "ae_assault", "yot_violence", "school_susp_violence", "sv_harm",
  ]
  /// The multi-agency hotspot indicator, which has its own table.
  static let hotspotIndicatorID = "multi_agency_hotspot"
  /// A child is a hotspot when this many partner types or more are worse than the county.
  static let hotspotMinimum = 2
  /// The hotspot table lists at least this many children, the highest first.
  static let hotspotListed = 10

  /// The whole page.
  static func html(_ pack: Pack) -> String {
    let report = Report(pack: pack)
    var lines = [
      "<!DOCTYPE html>",
      "<html lang=\"en-GB\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(escape(report.title))</title>",
      "<style>",
      css,
      "</style>",
      "</head>",
      "<body>",
      "<main>",
    ]
    lines += report.introduction()
    lines += report.headline()
    lines += report.trends()
    lines += report.ranked()
    lines += report.hotspot()
    lines += report.notes()
    lines += ["</main>", "</body>", "</html>", ""]
    return lines.joined(separator: "\n")
  }
}

// MARK: - Sections

extension PackReport {
  /// The pack and its rows of the pack's period type, looked up by indicator, area and period.
  struct Report {
    struct Key: Hashable {
      var indicatorID: String
      var geoType: GeoType
      var geoCode: String
      var period: String
    }

    let pack: Pack
    private var rowsByKey: [Key: Pack.Row] = [:]

    init(pack: Pack) {
      self.pack = pack
      for row in pack.rows where row.periodType == pack.periodType {
        let key = Key(
          indicatorID: row.indicatorID, geoType: row.area.geoType, geoCode: row.area.geoCode,
          period: row.period)
        if rowsByKey[key] == nil { rowsByKey[key] = row }
      }
    }

    var title: String { "\(pack.area.geoName): violence indicators, \(pack.period)" }
    var isCountyPack: Bool { pack.area == pack.county }
    var county: String { escape(pack.county.geoName) }
    var area: String { escape(pack.area.geoName) }
    var childrenType: GeoType? { pack.children.first?.geoType }

    func row(_ indicatorID: String, _ area: Pack.Area, period: String) -> Pack.Row? {
      rowsByKey[
        Key(
          indicatorID: indicatorID, geoType: area.geoType, geoCode: area.geoCode, period: period)]
    }

    /// An area's rows for an indicator up to the pack's period, oldest first.
    func history(_ indicatorID: String, _ area: Pack.Area) -> [Pack.Row] {
      pack.rows.filter {
        $0.indicatorID == indicatorID && $0.periodType == pack.periodType
          && $0.area.geoType == area.geoType && $0.area.geoCode == area.geoCode
          && $0.period <= pack.period
      }
      .reduce(into: [Pack.Row]()) { kept, row in
        if !kept.contains(where: { $0.period == row.period }) { kept.append(row) }
      }
      .sorted { $0.period < $1.period }
    }

    /// The county's value beside an area's, unless the area is the county or the indicator
    /// has no county level.
    func countyRow(_ indicator: IndicatorDefinition, period: String) -> Pack.Row? {
      guard !isCountyPack, indicator.method != .count else { return nil }
      return row(indicator.id, pack.county, period: period)
    }

    // MARK: Introduction

    func introduction() -> [String] {
      let created = String(pack.created.prefix(10))
      let vrn = pack.vrnName.lowercased().hasPrefix("the ") ? pack.vrnName : "the " + pack.vrnName
      let compared =
        isCountyPack
        ? "It covers the whole county; its \(plural(childrenType ?? .lad)) are compared with it."
        : "It compares \(area) with \(county), the county, which is the benchmark for every "
          + "area."
      return [
        "<header>",
        "<h1>\(escape(title))</h1>",
        "<p class=\"lede\">This report is part of the indicator pack that MADE, the multi-agency "
          + "data exchange of \(escape(vrn)), publishes for \(area) for "
          + "\(escape(periodDescription(pack.periodType, pack.period))). \(compared)</p>",
        "<dl class=\"facts\">",
        "<div><dt>Area</dt><dd>\(area) (\(singular(pack.area.geoType)), "
          + "\(escape(pack.area.geoCode)))</dd></div>",
        "<div><dt>Period</dt><dd>\(escape(capitalised(periodName(pack.periodType, pack.period))))"
          + "</dd></div>",
        "<div><dt>Benchmark</dt><dd>\(county) (county)</dd></div>",
        "<div><dt>Violence Reduction Network</dt><dd>\(escape(pack.vrnName))</dd></div>",
        "<div><dt>Created</dt><dd><time datetime=\"\(escape(pack.created))\">"
          + "\(escape(created))</time> <span class=\"unit\">(data last loaded)</span></dd></div>",
        "</dl>",
        "<p>The CSV files in this pack (<code>indicators.csv</code> and "
          + "<code>indicator_metadata.csv</code>) hold the same numbers as this report, with "
          + "the 99.8% intervals too: use them for analysis. A <abbr class=\"c\" title=\""
          + suppressedTitle + "\">c</abbr> marks a value suppressed to protect confidentiality "
          + "(see the notes).</p>",
        "</header>",
      ]
    }

    // MARK: Headline table

    func headline() -> [String] {
      var lines = [
        "<section class=\"headline\">",
        "<h2>Headline indicators</h2>",
      ]
      let indicators = pack.indicators.filter {
        row($0.id, pack.area, period: pack.period) != nil
      }
      guard !indicators.isEmpty else {
        return lines + [
          "<p>This pack has no indicator values for \(area) in "
            + "\(escape(pack.period)).</p>", "</section>",
        ]
      }
      lines += [
        "<table class=\"indicators\">",
        "<caption>Indicators for \(area), \(escape(pack.period)), compared with "
          + "\(county)</caption>",
        "<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\" class=\"num\">\(area)"
          + "</th><th scope=\"col\" class=\"num\">95% interval</th><th scope=\"col\" "
          + "class=\"num\">\(county)</th><th scope=\"col\">Compared with \(county)</th>"
          + "<th scope=\"col\">Trend</th></tr></thead>",
        "<tbody>",
      ]
      for indicator in indicators {
        guard let row = row(indicator.id, pack.area, period: pack.period) else { continue }
        let verdict = Verdict(row.comparison)
        let countyCell = countyRow(indicator, period: pack.period)?.value ?? .missing
        lines.append(
          "<tr><th scope=\"row\">\(escape(indicator.title))</th>"
            + "<td class=\"num\">\(shown(row.value) { withUnit($0, indicator) })</td>"
            + "<td class=\"num\">\(interval(row, indicator))</td>"
            + "<td class=\"num\">\(shown(countyCell) { number($0, indicator) })</td>"
            + "<td>\(verdict.badge)</td>"
            + "<td>\(trendLabel(row.trend))</td></tr>")
      }
      lines += ["</tbody>", "</table>"]
      lines += legend()
      lines.append("</section>")
      return lines
    }

    /// What each comparison colour means, with its words.
    func legend() -> [String] {
      ["<ul class=\"legend\" aria-label=\"Key to the comparison colours\">"]
        + Verdict.allCases.map { "<li>\($0.badge) \($0.meaning(county: county))</li>" }
        + [
          "<li><abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> suppressed to protect "
            + "confidentiality; <span class=\"none\">–</span> no value</li>",
          "</ul>",
        ]
    }

    // MARK: Trend charts

    func trends() -> [String] {
      var figures: [String] = []
      var number = 0
      for indicator in pack.indicators {
        let rows = history(indicator.id, pack.area)
        guard rows.filter({ $0.value.number != nil }).count >= 2 else { continue }
        number += 1
        figures += trendChart(indicator, rows: rows, figure: number)
      }
      var lines = [
        "<section class=\"trends\">",
        "<h2>Trends</h2>",
      ]
      guard !figures.isEmpty else {
        return lines + [
          "<p>No indicator has values for \(area) in two or more "
            + "\(escape(periodPlural(pack.periodType))) yet.</p>", "</section>",
        ]
      }
      lines += [
        "<p>\(area) by \(escape(singularPeriod(pack.periodType))), up to "
          + "\(escape(pack.period)), for each indicator with values in two or more "
          + "\(escape(periodPlural(pack.periodType))).</p>",
        "<ul class=\"legend keys\" aria-label=\"Key to the trend charts\">",
        "<li><span class=\"key key-area\"></span> \(area)</li>",
        "<li><span class=\"key key-band\"></span> 95% interval</li>",
        isCountyPack ? "" : "<li><span class=\"key key-county\"></span> \(county)</li>",
        "<li><abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> suppressed: no point is "
          + "drawn</li>",
        "</ul>",
      ].filter { !$0.isEmpty }
      lines += figures
      lines.append("</section>")
      return lines
    }

    func trendChart(_ indicator: IndicatorDefinition, rows: [Pack.Row], figure: Int) -> [String] {
      let width = 640.0
      let height = 230.0
      let left = 60.0
      let right = width - 16
      let top = 14.0
      let bottom = height - 38
      let inset = 14.0
      let periods = rows.map(\.period)
      let countyCells = periods.map { countyRow(indicator, period: $0)?.value }
      let maximum =
        (rows.flatMap { [$0.value.number, $0.upper95.number] } + countyCells.map { $0?.number })
        .compactMap { $0 }.max() ?? 0
      let axis = Axis(maximum: maximum, indicator: indicator)
      func x(_ index: Int) -> Double {
        left + inset + Double(index) * (right - left - 2 * inset)
          / Double(max(periods.count - 1, 1))
      }
      func y(_ value: Double) -> Double { bottom - value / axis.top * (bottom - top) }
      func point(_ index: Int, _ value: Double) -> String {
        "\(coordinate(x(index))),\(coordinate(y(value)))"
      }

      var shapes: [String] = []
      for tick in axis.ticks {
        shapes.append(
          "<line class=\"grid\" x1=\"\(coordinate(left))\" x2=\"\(coordinate(right))\" "
            + "y1=\"\(coordinate(y(tick)))\" y2=\"\(coordinate(y(tick)))\"/>")
        shapes.append(
          "<text class=\"tick\" x=\"\(coordinate(left - 6))\" y=\"\(coordinate(y(tick) + 4))\" "
            + "text-anchor=\"end\">\(decimal(tick, places: axis.places))</text>")
      }
      // The 95% band, in runs of periods where both limits are published.
      for run in runs(
        rows.indices, where: { rows[$0].lower95.number != nil && rows[$0].upper95.number != nil })
      {
        let upper = run.map { point($0, rows[$0].upper95.number!) }
        let lower = run.reversed().map { point($0, rows[$0].lower95.number!) }
        if run.count == 1 {
          shapes.append(
            "<polyline class=\"band-bar\" points=\"\((upper + lower).joined(separator: " "))\"/>")
        } else {
          shapes.append(
            "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>")
        }
      }
      for run in runs(periods.indices, where: { countyCells[$0]?.number != nil }) {
        let points = run.map { point($0, countyCells[$0]!.number!) }
        if run.count > 1 {
          shapes.append(
            "<polyline class=\"county-line\" points=\"\(points.joined(separator: " "))\"/>")
        }
        for index in run {
          shapes.append(
            "<circle class=\"county-dot\" cx=\"\(coordinate(x(index)))\" "
              + "cy=\"\(coordinate(y(countyCells[index]!.number!)))\" r=\"2.5\"/>")
        }
      }
      for run in runs(rows.indices, where: { rows[$0].value.number != nil }) {
        if run.count > 1 {
          let points = run.map { point($0, rows[$0].value.number!) }
          shapes.append(
            "<polyline class=\"area-line\" points=\"\(points.joined(separator: " "))\"/>")
        }
        for index in run {
          shapes.append(
            "<circle class=\"area-dot\" cx=\"\(coordinate(x(index)))\" "
              + "cy=\"\(coordinate(y(rows[index].value.number!)))\" r=\"3.5\"/>")
        }
      }
      for (index, row) in rows.enumerated() where row.value == .suppressed {
        shapes.append(
          "<text class=\"supp\" x=\"\(coordinate(x(index)))\" y=\"\(coordinate(bottom - 6))\" "
            + "text-anchor=\"middle\">c</text>")
      }
      shapes.append(
        "<line class=\"axis\" x1=\"\(coordinate(left))\" x2=\"\(coordinate(right))\" "
          + "y1=\"\(coordinate(bottom))\" y2=\"\(coordinate(bottom))\"/>")
      let stride = (periods.count + 7) / 8
      for (index, period) in periods.enumerated() where (periods.count - 1 - index) % stride == 0 {
        shapes.append(
          "<text class=\"tick\" x=\"\(coordinate(x(index)))\" y=\"\(coordinate(bottom + 18))\" "
            + "text-anchor=\"middle\">\(escape(period))</text>")
      }

      let chartTitle =
        "\(indicator.title): \(pack.area.geoName), \(periods.first!) to \(periods.last!)"
      let values: [String] = rows.map { row in
        var text = "\(row.period) " + plain(row.value, indicator)
        if let lower = row.lower95.number, let upper = row.upper95.number {
          text += " (95% interval \(number(lower, indicator)) to \(number(upper, indicator)))"
        }
        return text
      }
      var description =
        "\(pack.area.geoName), \(measure(of: indicator)), by "
        + "\(singularPeriod(pack.periodType)): \(values.joined(separator: "; "))."
      let countyValues: [String] = zip(periods, countyCells).compactMap { period, cell in
        guard let cell else { return nil }
        return "\(period) " + plain(cell, indicator)
      }
      if !countyValues.isEmpty {
        description += " \(pack.county.geoName): \(countyValues.joined(separator: "; "))."
      }
      let id = "trend-\(figure)"
      return [
        "<figure class=\"chart\">",
        "<figcaption>\(escape(indicator.title)) <span class=\"unit\">"
          + "\(escape(measure(of: indicator)))</span></figcaption>",
        "<svg class=\"trend\" viewBox=\"0 0 \(coordinate(width)) \(coordinate(height))\" "
          + "width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" role=\"img\" "
          + "aria-labelledby=\"\(id)-title \(id)-desc\">",
        "<title id=\"\(id)-title\">\(escape(chartTitle))</title>",
        "<desc id=\"\(id)-desc\">\(escape(description))</desc>",
      ] + shapes + ["</svg>", "</figure>"]
    }

    // MARK: Ranked bar charts

    /// The indicators the children are ranked on: the main ones with values for the pack's
    /// children in its period, or, when none of them has, every other indicator that has.
    var rankedIndicators: [IndicatorDefinition] {
      let withChildValues = Set(
        pack.rows.filter { $0.period == pack.period && $0.area.geoType == childrenType }
          .map(\.indicatorID))
      let present = pack.indicators.filter { withChildValues.contains($0.id) }
      let main = rankedIndicatorIDs.compactMap { id in present.first { $0.id == id } }
      return main.isEmpty ? present.filter { $0.method != .count } : main
    }

    func ranked() -> [String] {
      guard let childrenType else {
        return [
          "<section class=\"ranked\">",
          "<h2>Areas compared</h2>",
          "<p>This pack lists no wards or districts of \(area).</p>",
          "</section>",
        ]
      }
      let childrenName = capitalised(plural(childrenType))
      var lines = [
        "<section class=\"ranked\">",
        "<h2>\(escape(childrenName)) compared</h2>",
        "<p>The \(escape(plural(childrenType))) of \(area) in \(escape(pack.period)), highest "
          + "first. Each bar is coloured by its comparison with \(county) and labelled with the "
          + "same words; the dashed line is \(county)’s value. Suppressed "
          + "\(escape(plural(childrenType))) are listed with a <abbr class=\"c\" title=\""
          + "\(suppressedTitle)\">c</abbr> and no bar.</p>",
      ]
      var number = 0
      for indicator in rankedIndicators {
        let cells = pack.children.map { child in
          (child, row(indicator.id, child, period: pack.period))
        }
        guard cells.contains(where: { $0.1 != nil }) else { continue }
        number += 1
        lines += barChart(indicator, cells: cells, childrenType: childrenType, figure: number)
      }
      if number == 0 {
        lines.append(
          "<p>No \(escape(plural(childrenType))) have values for \(escape(pack.period)).</p>")
      }
      lines.append("</section>")
      return lines
    }

    func barChart(
      _ indicator: IndicatorDefinition, cells: [(Pack.Area, Pack.Row?)], childrenType: GeoType,
      figure: Int
    ) -> [String] {
      func byName(_ a: (Pack.Area, Pack.Row?), _ b: (Pack.Area, Pack.Row?)) -> Bool {
        (a.0.geoName, a.0.geoCode) < (b.0.geoName, b.0.geoCode)
      }
      let numbered = cells.filter { $0.1?.value.number != nil }.sorted { a, b in
        let (first, second) = (a.1!.value.number!, b.1!.value.number!)
        return first != second ? first > second : byName(a, b)
      }
      let suppressed = cells.filter { $0.1?.value == .suppressed }.sorted(by: byName)
      let missing = cells.filter { $0.1 == nil || $0.1?.value == .missing }.sorted(by: byName)
      let ordered = numbered + suppressed + missing
      let countyValue = countyRow(indicator, period: pack.period)?.value.number

      let names = ordered.map { shortened($0.0.geoName) }
      let labelWidth = min(240, max(90, Double(names.map(\.count).max() ?? 0) * 6.6 + 10))
      let width = 640.0
      let barLeft = labelWidth
      let barRight = width - 150
      let rowHeight = 22.0
      let top = 30.0
      let height = top + rowHeight * Double(ordered.count) + 8
      let maximum = (numbered.map { $0.1!.value.number! } + [countyValue ?? 0]).max() ?? 0
      let axis = Axis(maximum: maximum, indicator: indicator)
      func x(_ value: Double) -> Double { barLeft + value / axis.top * (barRight - barLeft) }

      // Bars first, then the county's line over them, then the words over both.
      var bars: [String] = []
      var labels: [String] = []
      for (index, (_, row)) in ordered.enumerated() {
        let rowTop = top + rowHeight * Double(index)
        let middle = rowTop + rowHeight / 2 + 4
        labels.append(
          "<text x=\"\(coordinate(barLeft - 8))\" y=\"\(coordinate(middle))\" "
            + "text-anchor=\"end\">\(escape(names[index]))</text>")
        switch row?.value {
        case .number(let value):
          let verdict = Verdict(row!.comparison)
          let end = x(value)
          bars.append(
            "<rect class=\"bar \(verdict.cssClass)\" x=\"\(coordinate(barLeft))\" "
              + "y=\"\(coordinate(rowTop + 4))\" width=\"\(coordinate(end - barLeft))\" "
              + "height=\"\(coordinate(rowHeight - 8))\"/>")
          labels.append(
            "<text class=\"value\" x=\"\(coordinate(end + 5))\" y=\"\(coordinate(middle))\">"
              + "\(number(value, indicator)) <tspan class=\"verdict\">"
              + "\(verdict.label)</tspan></text>")
        case .suppressed:
          labels.append(
            "<text class=\"supp\" x=\"\(coordinate(barLeft + 5))\" y=\"\(coordinate(middle))\">"
              + "c</text>")
        default:
          labels.append(
            "<text class=\"none\" x=\"\(coordinate(barLeft + 5))\" y=\"\(coordinate(middle))\">"
              + "no value</text>")
        }
      }
      var shapes = bars
      shapes.append(
        "<line class=\"axis\" x1=\"\(coordinate(barLeft))\" x2=\"\(coordinate(barLeft))\" "
          + "y1=\"\(coordinate(top))\" y2=\"\(coordinate(height - 8))\"/>")
      if let countyValue {
        let position = x(countyValue)
        let anchor = position > barRight - 40 ? "end" : position < barLeft + 40 ? "start" : "middle"
        shapes.append(
          "<line class=\"county-line\" x1=\"\(coordinate(position))\" "
            + "x2=\"\(coordinate(position))\" y1=\"\(coordinate(top - 6))\" "
            + "y2=\"\(coordinate(height - 8))\"/>")
        shapes.append(
          "<text class=\"county-label\" x=\"\(coordinate(position))\" "
            + "y=\"\(coordinate(top - 12))\" text-anchor=\"\(anchor)\">"
            + "\(escape(pack.county.geoName)) \(number(countyValue, indicator))</text>")
      }
      shapes += labels

      let childrenName = plural(childrenType)
      let chartTitle =
        "\(indicator.title): \(pack.area.geoName)’s \(childrenName) ranked, \(pack.period)"
      let values: [String] = ordered.map { child, row in
        let cell = row?.value ?? .missing
        var text = "\(child.geoName): " + plain(cell, indicator)
        if let row, cell.number != nil {
          text += " (\(Verdict(row.comparison).label.lowercased()))"
        }
        return text
      }
      var description =
        "\(capitalised(childrenName)) by \(measure(of: indicator)), highest first: "
        + "\(values.joined(separator: "; "))."
      if let countyValue {
        description += " \(pack.county.geoName): \(number(countyValue, indicator))."
      }
      let id = "ranked-\(figure)"
      return [
        "<figure class=\"chart\">",
        "<figcaption>\(escape(indicator.title)) by \(escape(singular(childrenType))), "
          + "\(escape(pack.period)) <span class=\"unit\">"
          + "\(escape(measure(of: indicator)))</span></figcaption>",
        "<svg class=\"ranked\" viewBox=\"0 0 \(coordinate(width)) \(coordinate(height))\" "
          + "width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" role=\"img\" "
          + "aria-labelledby=\"\(id)-title \(id)-desc\">",
        "<title id=\"\(id)-title\">\(escape(chartTitle))</title>",
        "<desc id=\"\(id)-desc\">\(escape(description))</desc>",
      ] + shapes + ["</svg>", "</figure>"]
    }

    // MARK: Multi-agency hotspot

    func hotspot() -> [String] {
      var lines = [
        "<section class=\"hotspot\">",
        "<h2>Multi-agency hotspot</h2>",
      ]
      guard let indicator = pack.indicators.first(where: { $0.id == hotspotIndicatorID }) else {
        return lines + [
          "<p>This pack does not include the multi-agency hotspot indicator.</p>", "</section>",
        ]
      }
      let childrenName = plural(childrenType ?? .ward)
      lines.append("<p>\(escape(indicator.definition))</p>")
      let values = pack.children.compactMap { child in
        row(indicator.id, child, period: pack.period)?.value.number.map { (child, $0) }
      }.sorted { a, b in
        a.1 != b.1 ? a.1 > b.1 : (a.0.geoName, a.0.geoCode) < (b.0.geoName, b.0.geoCode)
      }
      guard !values.isEmpty else {
        return lines + [
          "<p>No \(escape(childrenName)) have a hotspot value for \(escape(pack.period))."
            + "</p>", "</section>",
        ]
      }
      let minimum = Double(hotspotMinimum)
      let hotspots = values.filter { $0.1 >= minimum }
      let listed = hotspots.count >= hotspotListed ? hotspots : Array(values.prefix(hotspotListed))
      let caption =
        hotspots.count >= hotspotListed
        ? "\(capitalised(childrenName)) of \(pack.area.geoName) with \(hotspotMinimum) or more "
          + "partner types worse than \(pack.county.geoName), \(pack.period)"
        : "The \(listed.count) \(childrenName) of \(pack.area.geoName) with the most partner "
          + "types worse than \(pack.county.geoName), \(pack.period)"
      lines += [
        "<p>\(hotspots.count) of \(values.count) \(escape(childrenName)) "
          + "\(hotspots.count == 1 ? "is a hotspot" : "are hotspots") in "
          + "\(escape(pack.period)): \(hotspotMinimum) or more partner types worse than "
          + "\(county).</p>",
        "<table class=\"hotspots\">",
        "<caption>\(escape(caption))</caption>",
        "<thead><tr><th scope=\"col\">\(escape(capitalised(singular(childrenType ?? .ward))))"
          + "</th><th scope=\"col\" class=\"num\">Partner types worse than \(county) (of "
          + "\(IndicatorDefinition.hotspotPartnerTypes.count))</th>"
          + "<th scope=\"col\">Hotspot</th></tr></thead>",
        "<tbody>",
      ]
      for (child, value) in listed {
        lines.append(
          "<tr><th scope=\"row\">\(escape(child.geoName))</th><td class=\"num\">"
            + "\(decimal(value, places: 0))</td><td>"
            + "\(value >= minimum ? "Yes" : "No")</td></tr>")
      }
      lines += ["</tbody>", "</table>", "</section>"]
      return lines
    }

    // MARK: Notes

    func notes() -> [String] {
      var lines = [
        "<section class=\"notes\">",
        "<h2>Notes</h2>",
        "<h3>Method</h3>",
        "<ul>",
        "<li>Rates are events per 1,000 (or 100,000) residents. Their 95% and 99.8% confidence "
          + "intervals are exact Poisson limits below 10 events and Byar’s approximation from "
          + "10 events, as in PHEindicatormethods (UKHSA).</li>",
        "<li>Percentages (proportions) have Wilson score intervals.</li>",
        "<li>Harm-weighted values are a sum of harm weights in days per 1,000 residents, "
          + "without an interval.</li>",
        "<li>Comparison with \(county) follows Fingertips (“confidence interval overlapping the "
          + "reference value”): similar when \(county)’s value lies inside the area’s 95% "
          + "interval, otherwise higher or lower. Where a lower value is better (every violence "
          + "indicator) higher is reported as worse and lower as better; without a polarity "
          + "higher and lower stand. An area is never compared with itself.</li>",
        "<li>Trend compares the latest of \(Statistics.trendPeriods) consecutive "
          + "\(escape(periodPlural(pack.periodType))) with the first: increasing or decreasing "
          + "only when their 95% intervals do not overlap, otherwise no significant change; not "
          + "calculated when any of the \(Statistics.trendPeriods) lacks an interval.</li>",
        "<li>Values are shown to one decimal place, or to two significant figures below 1; "
          + "the multi-agency hotspot is a whole number from 0 to "
          + "\(IndicatorDefinition.hotspotPartnerTypes.count).</li>",
        "</ul>",
        "<h3>Suppression</h3>",
        "<ul>",
      ]
      let policies = Set(pack.indicators.map(\.suppression))
      if policies.contains(.primarySecondary) {
        let threshold =
          pack.suppressionThreshold > 1 ? "from 1 to \(pack.suppressionThreshold)" : "of 1"
        lines.append(
          "<li>Police, youth justice and education indicators: counts \(threshold) are "
            + "suppressed, with the rates and intervals worked out from them. Where one area "
            + "of a published total (a district over its wards, the county over its districts) "
            + "is suppressed, the smallest other non-zero count is suppressed too "
            + "(complementary suppression), repeated until no suppressed count can be "
            + "recovered by subtraction. Zero is a true zero and is shown.</li>")
      }
      if policies.contains(.nhs) {
        let titles = pack.indicators.filter { $0.suppression == .nhs }.map(\.title)
        lines.append(
          "<li>Health indicators (\(escape(titles.joined(separator: ", ")))), under the NHS "
            + "rule for hospital data: counts from 1 to 7 are suppressed and other counts are "
            + "rounded to the nearest 5; rates are worked out from the unrounded counts, and a "
            + "rate whose count is 1 to 7 is not shown.</li>")
      }
      lines += [
        "<li><abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> means the value is "
          + "suppressed to protect confidentiality (the Government Statistical Service symbol); "
          + "<span class=\"none\">–</span> means no value exists for that area and period.</li>",
        "</ul>",
        "<h3>Indicator definitions</h3>",
        "<dl class=\"definitions\">",
      ]
      for indicator in pack.indicators {
        lines.append(
          "<dt>\(escape(indicator.title))</dt><dd>\(escape(indicator.definition))</dd>")
      }
      lines += ["</dl>", "<h3>Data sources</h3>"]
      if pack.sources.isEmpty {
        lines.append("<p>No feed deliveries are recorded for this pack.</p>")
      } else {
        lines += [
          "<table class=\"sources\">",
          "<caption>Partner feeds behind this pack and their latest delivery</caption>",
          "<thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Title</th>"
            + "<th scope=\"col\">Last delivered</th><th scope=\"col\">Months covered</th>"
            + "</tr></thead>",
          "<tbody>",
        ]
        for source in pack.sources {
          lines.append(
            "<tr><th scope=\"row\"><code>\(escape(source.feed))</code></th>"
              + "<td>\(escape(source.title))</td><td>\(escape(source.lastDelivered))</td>"
              + "<td>\(escape(source.firstMonth)) to \(escape(source.lastMonth))</td></tr>")
        }
        lines += ["</tbody>", "</table>"]
      }
      lines += [
        "<h3>Licence</h3>",
        "<p>\(pack.licence.map { escape($0) } ?? "Not set by the operator.")</p>",
        "</section>",
      ]
      return lines
    }

    // MARK: Cells

    /// A cell as HTML: its number formatted, `c` or a dash.
    func shown(_ cell: Pack.Cell, _ format: (Double) -> String) -> String {
      switch cell {
      case .number(let value): return format(value)
      case .suppressed: return "<abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr>"
      case .missing: return "<span class=\"none\" title=\"no value\">–</span>"
      }
    }

    /// A cell as plain text, for a chart's description.
    func plain(_ cell: Pack.Cell, _ indicator: IndicatorDefinition) -> String {
      switch cell {
      case .number(let value): return number(value, indicator)
      case .suppressed: return "\(Pack.Cell.symbol) (suppressed)"
      case .missing: return "no value"
      }
    }

    /// The 95% interval, "10.9 to 19.7", when both limits are published.
    func interval(_ row: Pack.Row, _ indicator: IndicatorDefinition) -> String {
      if let lower = row.lower95.number, let upper = row.upper95.number {
        return "\(number(lower, indicator)) to \(number(upper, indicator))"
      }
      let suppressed = row.lower95 == .suppressed || row.upper95 == .suppressed
      return shown(suppressed ? .suppressed : .missing) { _ in "" }
    }

    func number(_ value: Double, _ indicator: IndicatorDefinition) -> String {
      indicator.method == .count ? decimal(value, places: 0) : PackReport.value(value)
    }

    func withUnit(_ value: Double, _ indicator: IndicatorDefinition) -> String {
      let text = number(value, indicator)
      switch indicator.method {
      case .proportion where indicator.multiplier == 100: return text + "%"
      default: return "\(text) <span class=\"unit\">\(escape(unit(of: indicator)))</span>"
      }
    }
  }
}

// MARK: - Comparison

extension PackReport {
  /// A comparison with the county as the report shows it: a colour and the words that say
  /// the same, so that colour is never the only cue.
  enum Verdict: CaseIterable {
    case better, worse, similar, higher, lower, notCompared

    /// `better`, `worse_95`, `not_compared`…; anything else is not compared.
    init(_ comparison: String) {
      var base = comparison
      for suffix in ["_95", "_998"] where base.hasSuffix(suffix) {
        base.removeLast(suffix.count)
      }
      switch base {
      case "better": self = .better
      case "worse": self = .worse
      case "similar": self = .similar
      case "higher": self = .higher
      case "lower": self = .lower
      default: self = .notCompared
      }
    }

    var label: String {
      switch self {
      case .better: return "Better"
      case .worse: return "Worse"
      case .similar: return "Similar"
      case .higher: return "Higher"
      case .lower: return "Lower"
      case .notCompared: return "Not compared"
      }
    }

    var cssClass: String {
      switch self {
      case .better: return "cmp-better"
      case .worse: return "cmp-worse"
      case .similar: return "cmp-similar"
      case .higher: return "cmp-higher"
      case .lower: return "cmp-lower"
      case .notCompared: return "cmp-not-compared"
      }
    }

    var badge: String { "<span class=\"cmp \(cssClass)\">\(label)</span>" }

    /// `county` is already escaped.
    func meaning(county: String) -> String {
      switch self {
      case .better: return "significantly better than \(county)"
      case .worse: return "significantly worse than \(county)"
      case .similar: return "similar: \(county)’s value is inside the 95% interval"
      case .higher: return "significantly higher than \(county) (no better or worse)"
      case .lower: return "significantly lower than \(county) (no better or worse)"
      case .notCompared: return "not compared: no value, no interval or no county value"
      }
    }
  }

  static func trendLabel(_ trend: String) -> String {
    switch trend {
    case Statistics.Trend.increasing.rawValue: return "Increasing"
    case Statistics.Trend.decreasing.rawValue: return "Decreasing"
    case Statistics.Trend.noSignificantChange.rawValue: return "No significant change"
    case Statistics.Trend.notCalculated.rawValue: return "Not calculated"
    default: return escape(trend)
    }
  }
}

// MARK: - Words

extension PackReport {
  static let suppressedTitle = "suppressed to protect confidentiality"

  static func singular(_ type: GeoType) -> String {
    switch type {
    case .ward: return "ward"
    case .lad: return "district"
    case .csp: return "community safety partnership"
    case .county: return "county"
    }
  }

  static func plural(_ type: GeoType) -> String {
    switch type {
    case .ward: return "wards"
    case .lad: return "districts"
    case .csp: return "community safety partnerships"
    case .county: return "counties"
    }
  }

  static func singularPeriod(_ type: PeriodType) -> String {
    switch type {
    case .month: return "month"
    case .quarter: return "quarter"
    case .financialYear: return "financial year"
    case .rolling12m: return "rolling 12 months"
    }
  }

  static func periodPlural(_ type: PeriodType) -> String {
    switch type {
    case .month: return "months"
    case .quarter: return "quarters"
    case .financialYear: return "financial years"
    case .rolling12m: return "rolling 12-month periods"
    }
  }

  /// "the financial year 2024/25 (April to March)".
  static func periodDescription(_ type: PeriodType, _ period: String) -> String {
    "the " + periodName(type, period)
  }

  /// "financial year 2024/25 (April to March)".
  static func periodName(_ type: PeriodType, _ period: String) -> String {
    switch type {
    case .month: return "month \(period)"
    case .quarter: return "quarter \(period)"
    case .financialYear: return "financial year \(period) (April to March)"
    case .rolling12m: return "12 months ending \(period)"
    }
  }

  /// The short unit beside a value: "per 1,000", "%", "days per 1,000", "of 4".
  static func unit(of indicator: IndicatorDefinition) -> String {
    let per = "per " + decimal(indicator.multiplier ?? 1, places: 0)
    switch indicator.method {
    case .rate: return per
    case .proportion: return indicator.multiplier == 100 ? "%" : per
    case .harm: return "days \(per)"
    case .count: return "of \(IndicatorDefinition.hotspotPartnerTypes.count)"
    }
  }

  /// What a value measures, for captions: "per 1,000 residents".
  static func measure(of indicator: IndicatorDefinition) -> String {
    let per = "per " + decimal(indicator.multiplier ?? 1, places: 0)
    switch indicator.method {
    case .rate: return "\(per) residents"
    case .proportion: return indicator.multiplier == 100 ? "per cent" : per
    case .harm: return "harm-weighted days \(per) residents"
    case .count:
      return "partner types worse than the county, 0 to "
        + "\(IndicatorDefinition.hotspotPartnerTypes.count)"
    }
  }

  static func capitalised(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }

  /// A name short enough for a chart's label column; the description gives it in full.
  static func shortened(_ name: String) -> String {
    name.count > 34 ? name.prefix(33) + "…" : name
  }
}

// MARK: - Numbers and text

extension PackReport {
  /// Text as HTML, in content or in an attribute: `&`, `<`, `>`, `"` and `'` escaped.
  static func escape(_ text: String) -> String { HTMLText.escape(text) }

  /// An indicator value: one decimal place, or two significant figures below 1 ("0.042").
  static func value(_ value: Double) -> String {
    let magnitude = abs(value)
    guard magnitude > 0, magnitude < 1 else { return decimal(value, places: 1) }
    let places = min(6, 1 - Int(log10(magnitude).rounded(.down)))
    let scale = (0..<places).reduce(1.0) { result, _ in result * 10 }
    // 0.996 rounds up to 1: write it as a value from 1 is written.
    if (magnitude * scale).rounded(.toNearestOrAwayFromZero) >= scale {
      return decimal(value, places: 1)
    }
    return decimal(value, places: places)
  }

  /// `value` rounded half away from zero to `places` decimals, grouped by thousands with
  /// commas ("1,234.5"), whatever the locale.
  static func decimal(_ value: Double, places: Int, grouping: Bool = true) -> String {
    guard value.isFinite else { return "–" }
    let scale = (0..<places).reduce(Int64(1)) { result, _ in result * 10 }
    let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return "\(value)" }
    let units = Int64(scaled)
    var whole = String(units / scale)
    if grouping {
      var grouped = ""
      while whole.count > 3 {
        grouped = "," + whole.suffix(3) + grouped
        whole.removeLast(3)
      }
      whole += grouped
    }
    var text = (value < 0 && units != 0 ? "-" : "") + whole
    if places > 0 {
      let fraction = String(units % scale)
      text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return text
  }

  /// A coordinate in an SVG: one decimal place, no grouping.
  static func coordinate(_ value: Double) -> String { decimal(value, places: 1, grouping: false) }

  /// Consecutive runs of the indices that pass a test.
  static func runs(_ indices: Range<Int>, where include: (Int) -> Bool) -> [[Int]] {
    var runs: [[Int]] = []
    var current: [Int] = []
    for index in indices {
      if include(index) {
        current.append(index)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }

  /// A value axis from 0 to a round number at or above the largest value, in about four
  /// steps of 1, 2, 2.5 or 5 × a power of ten. The hotspot's axis is always 0 to 4.
  struct Axis {
    var top: Double
    var step: Double
    var places: Int

    init(maximum: Double, indicator: IndicatorDefinition) {
      if indicator.method == .count {
        let partners = Double(IndicatorDefinition.hotspotPartnerTypes.count)
        (top, step, places) = (max(partners, maximum.rounded(.up)), 1, 0)
        return
      }
      guard maximum > 0, maximum.isFinite else {
        (top, step, places) = (1, 0.5, 1)
        return
      }
      let rough = maximum / 4
      let exponent = Int(log10(rough).rounded(.down))
      let power = (0..<abs(exponent)).reduce(1.0) { result, _ in result * 10 }
      let base = exponent < 0 ? 1 / power : power
      let fraction = rough / base
      let nice: Double
      var places = max(0, -exponent)
      switch fraction {
      case ...1: nice = 1
      case ...2: nice = 2
      case ...2.5:
        nice = 2.5
        places = max(0, 1 - exponent)
      case ...5: nice = 5
      default:
        nice = 10
        places = max(0, -exponent - 1)
      }
      step = nice * base
      top = step * (maximum / step - 1e-9).rounded(.up)
      self.places = places
    }

    var ticks: [Double] {
      let count = Int((top / step).rounded())
      return (0...count).map { Double($0) * step }
    }
  }

  // MARK: CSS

  static let css = """
    @page { size: A4; margin: 14mm 14mm 16mm; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    html { font-size: 15px; }
    body { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
      Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
    main { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
    h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 .75rem; color: #12355b; }
    h2 { font-size: 1.3rem; line-height: 1.25; color: #12355b; margin: 2.25rem 0 .75rem;
      padding-bottom: .2rem; border-bottom: 2px solid #12355b; break-after: avoid;
      page-break-after: avoid; }
    h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; break-after: avoid;
      page-break-after: avoid; }
    p, li, dd { max-width: 44rem; }
    .lede { font-size: 1.05rem; }
    .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
      gap: .25rem 1.25rem; margin: 1rem 0; padding: .75rem 1rem; background: #f3f6f9;
      border-left: 4px solid #12355b; }
    .facts div { margin: 0; }
    .facts dt { font-size: .8rem; color: #4a4a4a; text-transform: uppercase;
      letter-spacing: .03em; }
    .facts dd { margin: 0; font-weight: 600; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
      font-size: .9em; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
    caption { caption-side: top; text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
    th, td { padding: .4rem .5rem; border-bottom: 1px solid #d5d9de; text-align: left;
      vertical-align: top; }
    thead th { background: #e8eef4; border-bottom: 2px solid #7d8fa3; vertical-align: bottom; }
    tbody th { font-weight: 600; }
    .indicators tbody th { width: 32%; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    thead { display: table-header-group; }
    table.sources { break-inside: avoid; page-break-inside: avoid; }
    tr, li, dt, dd { break-inside: avoid; page-break-inside: avoid; }
    .unit { color: #4a4a4a; font-size: .85em; font-weight: normal; }
    .cmp { display: inline-block; min-width: 7.5em; padding: .05rem .4rem; border: 1px solid
      #4a4a4a; border-radius: 3px; font-size: .85em; font-weight: 600; text-align: center; }
    .cmp-better { background: #0072b2; color: #fff; }
    .cmp-worse { background: #d55e00; color: #fff; }
    .cmp-similar { background: #f0e442; color: #1a1a1a; }
    .cmp-higher { background: #cc79a7; color: #1a1a1a; }
    .cmp-lower { background: #56b4e9; color: #1a1a1a; }
    .cmp-not-compared { background: #fff; color: #1a1a1a; border-style: dashed; }
    .legend { list-style: none; margin: .5rem 0 1.25rem; padding: 0; font-size: .85rem;
      display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
      gap: .3rem 1.25rem; break-inside: avoid; page-break-inside: avoid; }
    .legend .cmp { margin-right: .35rem; }
    .keys { grid-template-columns: repeat(auto-fit, minmax(9rem, max-content)); }
    .key { display: inline-block; width: 2rem; height: .8rem; vertical-align: middle;
      margin-right: .3rem; }
    .key-area { border-top: 3px solid #12355b; height: 0; }
    .key-band { background: #c6dbef; }
    .key-county { border-top: 2px dashed #4a4a4a; height: 0; }
    abbr.c { text-decoration: none; font-weight: 700; cursor: help; }
    .none { color: #4a4a4a; }
    figure { margin: 1rem 0 1.75rem; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-weight: 600; margin-bottom: .35rem; }
    svg { display: block; width: 100%; max-width: 40rem; height: auto; overflow: visible; }
    svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
    svg .tick { font-size: 11px; fill: #4a4a4a; }
    svg .grid { stroke: #e3e6ea; stroke-width: 1; }
    svg .axis { stroke: #7d8fa3; stroke-width: 1; }
    svg .band { fill: #c6dbef; stroke: none; }
    svg .band-bar { fill: none; stroke: #c6dbef; stroke-width: 8; }
    svg .area-line { fill: none; stroke: #12355b; stroke-width: 2.5; stroke-linejoin: round; }
    svg .area-dot { fill: #12355b; }
    svg .county-line { fill: none; stroke: #4a4a4a; stroke-width: 1.5; stroke-dasharray: 6 4; }
    svg .county-dot { fill: #4a4a4a; }
    svg .county-label { font-size: 11px; fill: #4a4a4a; }
    svg .supp { font-weight: 700; fill: #1a1a1a; }
    svg .none { font-style: italic; fill: #4a4a4a; }
    svg .bar { stroke: #1a1a1a; stroke-width: .5; }
    svg .bar.cmp-better { fill: #0072b2; }
    svg .bar.cmp-worse { fill: #d55e00; }
    svg .bar.cmp-similar { fill: #f0e442; }
    svg .bar.cmp-higher { fill: #cc79a7; }
    svg .bar.cmp-lower { fill: #56b4e9; }
    svg .bar.cmp-not-compared { fill: #fff; stroke-dasharray: 3 2; }
    svg .verdict { font-size: 11px; fill: #4a4a4a; }
    svg .value, svg .supp, svg .none { paint-order: stroke; stroke: #fff; stroke-width: 3px;
      stroke-linejoin: round; }
    .definitions dt { font-weight: 600; margin-top: .5rem; }
    .definitions dd { margin: 0 0 .25rem; }
    @media print {
      html { font-size: 9.5pt; }
      main { max-width: none; margin: 0; padding: 0; }
      section.trends, section.ranked, section.notes { break-before: page;
        page-break-before: always; }
      h2 { margin-top: 0; }
      svg { max-width: 100%; }
    }
    """
}
