/// The unit of an indicator's values, worked out once for every page that names it: the pack
/// report and the data dictionary word it for their readers, from the same kind and multiplier.
struct IndicatorUnit {
  enum Kind {
    case rate, percentage, proportion, harm, partnerTypes
  }

  let kind: Kind
  /// "per 1,000": the multiplier, grouped by thousands. Every rate, proportion and
  /// harm-weighted indicator has one (the catalogue check requires it).
  let per: String

  init(_ indicator: IndicatorDefinition) {
    per = "per " + NumberFormat.grouped(indicator.multiplier ?? 1)
    switch indicator.method {
    case .rate: kind = .rate
    case .proportion: kind = indicator.multiplier == 100 ? .percentage : .proportion
    case .harm: kind = .harm
    case .count: kind = .partnerTypes
    }
  }

  /// How many partner types the multi-agency hotspot counts: its values run from 0 to this.
  private var partnerTypes: Int { IndicatorDefinition.hotspotPartnerTypes.count }

  /// The short unit beside a value in a report: "per 1,000", "%", "days per 1,000", "of 4".
  var short: String {
    switch kind {
    case .rate, .proportion: return per
    case .percentage: return "%"
    case .harm: return "days \(per)"
    case .partnerTypes: return "of \(partnerTypes)"
    }
  }

  /// What a value measures, for a report's captions: "per 1,000 residents", "per cent".
  var measure: String {
    switch kind {
    case .rate: return "\(per) residents"
    case .percentage: return "per cent"
    case .proportion: return per
    case .harm: return "harm-weighted days \(per) residents"
    case .partnerTypes: return "partner types worse than the county, 0 to \(partnerTypes)"
    }
  }

  /// What a value is, for the data dictionary: "a rate per 1,000 residents", "a percentage".
  var definition: String {
    switch kind {
    case .rate: return "a rate \(per) residents"
    case .harm: return "harm-weight days \(per) residents"
    case .percentage: return "a percentage"
    case .proportion: return "a proportion \(per)"
    case .partnerTypes:
      return "the number of partner types (0 to \(partnerTypes)) with an indicator "
        + "significantly worse than the county"
    }
  }
}
