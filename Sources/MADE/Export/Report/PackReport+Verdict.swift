extension PackReport.Report {
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

  /// A trend code (`no_significant_change`) in the headline table's words.
  func trendLabel(_ trend: String) -> String {
    switch trend {
    case Statistics.Trend.increasing.rawValue: return "Increasing"
    case Statistics.Trend.decreasing.rawValue: return "Decreasing"
    case Statistics.Trend.noSignificantChange.rawValue: return "No significant change"
    case Statistics.Trend.notCalculated.rawValue: return "Not calculated"
    default: return escape(trend)
    }
  }
}
