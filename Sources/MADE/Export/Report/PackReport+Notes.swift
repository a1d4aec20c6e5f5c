extension PackReport.Report {
  /// The notes: method, suppression, indicator definitions, data sources and licence.
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
}
