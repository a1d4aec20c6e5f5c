extension PackReport.Report {
  /// The headline table: every indicator with a value for the area in the pack's period,
  /// beside the county's, with the comparison and the trend.
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
    // The county pack's area is the benchmark: no county column, no comparison with itself.
    let compared = !isCountyPack
    lines += [
      "<table class=\"indicators\">",
      "<caption>Indicators for \(area), \(escape(pack.period))"
        + "\(compared ? ", compared with \(county)" : "")</caption>",
      "<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\" class=\"num\">Count</th>"
        + "<th scope=\"col\" class=\"num\">\(area)"
        + "</th><th scope=\"col\" class=\"num\">95% interval</th>"
        + (compared
          ? "<th scope=\"col\" class=\"num\">\(county)</th><th scope=\"col\">Compared with "
            + "\(county)</th>" : "")
        + "<th scope=\"col\">Trend</th></tr></thead>",
      "<tbody>",
    ]
    for indicator in indicators {
      guard let row = row(indicator.id, pack.area, period: pack.period) else { continue }
      let verdict = Verdict(row.comparison)
      let countyCell = countyRow(indicator, period: pack.period)?.value ?? .missing
      lines.append(
        "<tr><th scope=\"row\">\(escape(indicator.title))</th>"
          + "<td class=\"num\">\(count(row, indicator))</td>"
          + "<td class=\"num\">\(shown(row.value) { withUnit($0, indicator) })</td>"
          + "<td class=\"num\">\(interval(row, indicator))</td>"
          + (compared
            ? "<td class=\"num\">\(shown(countyCell) { number($0, indicator) })</td>"
              + "<td>\(verdict.badge)</td>" : "")
          + "<td>\(trendCell(row, indicator))</td></tr>")
    }
    lines += ["</tbody>", "</table>"]
    // The legend explains the comparison colours, here and in the charts below.
    lines += legend()
    lines.append("</section>")
    return lines
  }

  /// The events behind a value (the numerator; harm-weight days for harm), as published:
  /// `c` when withheld, NHS counts rounded to 5; blank for the hotspot.
  func count(_ row: Pack.Row, _ indicator: IndicatorDefinition) -> String {
    // The hotspot's value is itself a count (of partner types).
    guard indicator.method != .count else { return "" }
    return shown(row.numerator) { value in
      let text = NumberFormat.decimal(value, places: 0)
      return indicator.method == .harm ? "\(text) <span class=\"unit\">days</span>" : text
    }
  }

  /// The trend in words, and when it is not calculated, why.
  func trendCell(_ row: Pack.Row, _ indicator: IndicatorDefinition) -> String {
    guard row.trend == Statistics.Trend.notCalculated.rawValue else { return trendLabel(row.trend) }
    let reason = escape(trendReason(row, indicator))
    return "\(trendLabel(row.trend)) <span class=\"why\">(\(reason))</span>"
  }

  /// Why a trend is `not_calculated` (Statistics.trend needs a value with an interval in
  /// each of the last five periods; the pack withholds a trend through a withheld period).
  func trendReason(_ row: Pack.Row, _ indicator: IndicatorDefinition) -> String {
    let type = pack.periodType
    // Short words: the reason sits in a narrow column.
    let periods =
      type == .financialYear ? "years" : type == .rolling12m ? "periods" : periodPlural(type)
    if indicator.method == .harm { return "harm has no interval" }
    if row.suppressed { return "value withheld" }
    guard let period = Period.parse(row.period, type: type) else {
      return "no earlier \(periods)"
    }
    let recent = (period.earlier(Statistics.trendPeriods - 1) + [period]).map(\.label)
    let earlier = Dictionary(
      history(indicator.id, row.area).map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
    if recent.contains(where: { earlier[$0]?.suppressed == true }) {
      return "a withheld \(type == .financialYear ? "year" : singularPeriod(type))"
    }
    let present = recent.filter { earlier[$0]?.value.number != nil }.count
    if present < Statistics.trendPeriods {
      return "only \(present) of \(Statistics.trendPeriods) \(periods)"
    }
    return "a \(periods.dropLast()) without an interval"
  }

  /// What each comparison colour means, with its words.
  func legend() -> [String] {
    ["<ul class=\"legend\" aria-label=\"Key to the comparison colours\">"]
      + Verdict.allCases.map { "<li>\($0.badge) \($0.meaning(county: county))</li>" }
      + [
        "<li><abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> \(suppressedReason); "
          + "<span class=\"none\">–</span> no value</li>",
        "</ul>",
      ]
  }
}
