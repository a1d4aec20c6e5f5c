/// The report's words for levels of geography and kinds of period, written for a partner
/// reading the page rather than as the codes in `indicator_values`.
extension PackReport.Report {
  /// Why a figure is withheld, in words without a number (it is also the tooltip of a
  /// withheld ward on a map, which must carry none).
  var suppressedTitle: String {
    "withheld to protect confidentiality: too few events to publish, or a figure from which "
      + "a withheld one could be worked out"
  }

  /// The same, with the pack's limits, for the legend a printed page shows.
  var suppressedReason: String {
    let hospital = pack.indicators.contains { $0.suppression == .nhs }
    return "withheld to protect confidentiality: a count from 1 to \(pack.suppressionThreshold)"
      + (hospital ? " (hospital data: 1 to \(Disclosure.nhsLimit))" : "")
      + ", or a figure from which a withheld count could be worked out"
  }

  func singular(_ type: GeoType) -> String {
    switch type {
    case .ward: return "ward"
    case .lad: return "district"
    case .csp: return "community safety partnership"
    case .county: return "county"
    }
  }

  func plural(_ type: GeoType) -> String {
    switch type {
    case .ward: return "wards"
    case .lad: return "districts"
    case .csp: return "community safety partnerships"
    case .county: return "counties"
    }
  }

  func singularPeriod(_ type: PeriodType) -> String {
    switch type {
    case .month: return "month"
    case .quarter: return "quarter"
    case .financialYear: return "financial year"
    case .rolling12m: return "rolling 12 months"
    }
  }

  func periodPlural(_ type: PeriodType) -> String {
    switch type {
    case .month: return "months"
    case .quarter: return "quarters"
    case .financialYear: return "financial years"
    case .rolling12m: return "rolling 12-month periods"
    }
  }

  /// "the financial year 2024/25 (April to March)".
  func periodDescription(_ type: PeriodType, _ period: String) -> String {
    "the " + periodName(type, period)
  }

  /// "financial year 2024/25 (April to March)".
  func periodName(_ type: PeriodType, _ period: String) -> String {
    switch type {
    case .month: return "month \(period)"
    case .quarter: return "quarter \(period)"
    case .financialYear: return "financial year \(period) (April to March)"
    case .rolling12m: return "12 months ending \(period)"
    }
  }

  func capitalised(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }

  /// A name short enough for a chart's label column; the description gives it in full.
  func shortened(_ name: String) -> String {
    name.count > 34 ? name.prefix(33) + "…" : name
  }

  /// Text as HTML, in content or in an attribute: `&`, `<`, `>`, `"` and `'` escaped.
  func escape(_ text: String) -> String { HTMLText.escape(text) }
}
