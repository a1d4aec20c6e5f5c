import Foundation

/// The statistics behind every published indicator value: crude rates, proportions, their 95%
/// and 99.8% confidence intervals, and the comparison with a benchmark.
///
/// Each method follows PHEindicatormethods v2.1.0 (UKHSA/OHID), the R package UK public health
/// analysts use for Fingertips, and matches it to 1e-9 relative (tested against the package's
/// own test spreadsheets). The formulas are written out in `docs/methods.md`.
///
/// Related specification: <https://github.com/ukhsa-collaboration/PHEindicatormethods>
public enum Statistics {
  /// A confidence interval, lower limit first.
  public struct Interval: Sendable, Equatable {
    /// The lower confidence limit.
    public var lower: Double
    /// The upper confidence limit.
    public var upper: Double

    /// An interval from `lower` to `upper`.
    public init(lower: Double, upper: Double) {
      self.lower = lower
      self.upper = upper
    }

    /// True when `value` lies between the limits, limits included.
    public func contains(_ value: Double) -> Bool {
      lower <= value && value <= upper
    }
  }

  /// An indicator value with its 95% and 99.8% confidence intervals.
  public struct Estimate: Sendable, Equatable {
    /// The rate or proportion, already scaled by its multiplier.
    public var value: Double
    /// The 95% confidence interval, on the same scale as `value`.
    public var ci95: Interval
    /// The 99.8% confidence interval, on the same scale as `value`.
    public var ci998: Interval
    /// How the intervals were found, as PHEindicatormethods names it: "Exact", "Byars" or
    /// "Wilson".
    public var method: String

    /// An estimate from its parts.
    public init(value: Double, ci95: Interval, ci998: Interval, method: String) {
      self.value = value
      self.ci95 = ci95
      self.ci998 = ci998
      self.method = method
    }
  }

  /// Which direction of difference from the benchmark is good news.
  public enum Polarity: String, Sendable, Codable, CaseIterable {
    /// Lower values are better (every violence indicator).
    case lowIsGood = "low_is_good"
    /// Higher values are better.
    case highIsGood = "high_is_good"
    /// A difference is reported as higher or lower, without judgement.
    case noJudgement = "no_judgement"
  }

  /// The outcome of comparing an area's value with its benchmark, as Fingertips reports it.
  public enum Comparison: String, Sendable, Codable {
    /// No value, no interval or no benchmark.
    case notCompared = "not_compared"
    /// The benchmark lies inside the confidence interval.
    case similar
    /// Significantly higher, for an indicator with no polarity.
    case higher
    /// Significantly lower, for an indicator with no polarity.
    case lower
    /// Significantly different in the good direction.
    case better
    /// Significantly different in the bad direction.
    case worse
  }

  /// The confidence level of the first interval every estimate carries.
  public static let confidence95 = 0.95
  /// The confidence level of the second, wider interval every estimate carries.
  public static let confidence998 = 0.998

  // MARK: - Confidence levels

  /// The two-sided critical value of the standard normal distribution for a confidence level.
  ///
  /// `z = Φ⁻¹(confidence + (1 − confidence)/2)`, as PHEindicatormethods computes it: 0.95 gives
  /// 1.959963984540054 and 0.998 gives 3.090232306167813. `confidence` is a fraction in (0, 1).
  ///
  /// Related specification: PHEindicatormethods `R/utils.R` (`byars_lower`, `wilson_lower`).
  public static func z(confidence: Double) -> Double {
    normalQuantile(confidence + (1 - confidence) / 2)
  }

  /// The quantile function (inverse CDF) of the standard normal distribution.
  ///
  /// Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16 relative; R's `qnorm` uses
  /// the same algorithm. Returns −∞ for 0, +∞ for 1 and NaN outside [0, 1].
  ///
  /// Related specification: Wichura MJ. Algorithm AS 241: The percentage points of the normal
  /// distribution. Applied Statistics 1988;37(3):477–484. <https://doi.org/10.2307/2347330>
  public static func normalQuantile(_ probability: Double) -> Double {
    let p = probability
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }

    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      let numerator =
        ((((((r * 2509.0809287301226727 + 33430.575583588128105) * r
          + 67265.770927008700853) * r + 45921.953931549871457) * r
          + 13731.693765509461125) * r + 1971.5909503065514427) * r
          + 133.14166789178437745) * r + 3.387132872796366608
      let denominator =
        ((((((r * 5226.495278852545925 + 28729.085735721942674) * r
          + 39307.89580009271061) * r + 21213.794301586595867) * r
          + 5394.1960214247511077) * r + 687.1870074920579083) * r
          + 42.313330701600911252) * r + 1
      return q * numerator / denominator
    }

    var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
    let value: Double
    if r <= 5 {
      r -= 1.6
      let numerator =
        ((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
          + 0.24178072517745061177) * r + 1.27045825245236838258) * r
          + 3.64784832476320460504) * r + 5.7694972214606914055) * r
          + 4.6303378461565452959) * r + 1.42343711074968357734
      let denominator =
        ((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
          + 0.0151986665636164571966) * r + 0.14810397642748007459) * r
          + 0.68976733498510000455) * r + 1.6763848301838038494) * r
          + 2.05319162663775882187) * r + 1
      value = numerator / denominator
    } else {
      r -= 5
      let numerator =
        ((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
          + 0.0012426609473880784386) * r + 0.026532189526576123093) * r
          + 0.29656057182850489123) * r + 1.7848265399172913358) * r
          + 5.4637849111641143699) * r + 6.6579046435011037772
      let denominator =
        ((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
          + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r
          + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
          + 0.59983220655588793769) * r + 1
      value = numerator / denominator
    }
    return q < 0 ? -value : value
  }

  // MARK: - Crude rate

  /// A crude rate, `observed / population × multiplier`, with exact Poisson limits for counts
  /// under 10 and Byar's approximation from 10 up.
  ///
  /// Returns nil when `population` is not a positive number or `observed` is negative. The
  /// method is "Exact" or "Byars".
  ///
  /// Related specification: PHEindicatormethods `R/Rates.R` (`phe_rate`), and `docs/methods.md`
  /// § "Crude rate".
  public static func crudeRate(observed: Int, population: Double, multiplier: Double)
    -> Estimate?
  {
    guard observed >= 0, population > 0, population.isFinite else { return nil }
    func scaled(_ limits: Interval) -> Interval {
      Interval(
        lower: limits.lower / population * multiplier,
        upper: limits.upper / population * multiplier)
    }
    return Estimate(
      value: Double(observed) / population * multiplier,
      ci95: scaled(poissonLimits(observed: observed, confidence: confidence95)),
      ci998: scaled(poissonLimits(observed: observed, confidence: confidence998)),
      method: observed < 10 ? "Exact" : "Byars")
  }

  /// Confidence limits for a Poisson count itself: exact below 10 events, Byar's from 10 up.
  ///
  /// The limits every rate in PHEindicatormethods divides by its denominator. `confidence` is
  /// a fraction, e.g. 0.95.
  ///
  /// Related specification: PHEindicatormethods `R/Rates.R` (`phe_rate`).
  public static func poissonLimits(observed: Int, confidence: Double) -> Interval {
    if observed < 10 {
      // Most ward-month counts are small: the two published levels are worked out once
      // (a no-change `made aggregate` of the demo spent a quarter of its time here).
      if observed >= 0, confidence == confidence95 { return exactLimits95[observed] }
      if observed >= 0, confidence == confidence998 { return exactLimits998[observed] }
      return exactPoissonLimits(observed: observed, confidence: confidence)
    }
    let count = Double(observed)
    return Interval(
      lower: byarsLower(observed: count, confidence: confidence),
      upper: byarsUpper(observed: count, confidence: confidence))
  }

  private static let exactLimits95 = (0..<10).map {
    exactPoissonLimits(observed: $0, confidence: confidence95)
  }
  private static let exactLimits998 = (0..<10).map {
    exactPoissonLimits(observed: $0, confidence: confidence998)
  }

  /// Exact Poisson limits for a count, from the chi-squared distribution.
  ///
  /// `L = qchisq((1 − c)/2, 2O)/2` (0 when O = 0) and `U = qchisq(c + (1 − c)/2, 2O + 2)/2`,
  /// i.e. gamma quantiles with shapes O and O + 1.
  ///
  /// Related specification: Armitage P, Berry G. Statistical methods in medical research
  /// (4th edn), as cited by PHEindicatormethods `R/Rates.R`.
  public static func exactPoissonLimits(observed: Int, confidence: Double) -> Interval {
    let count = Double(observed)
    return Interval(
      lower: chiSquaredQuantile(probability: (1 - confidence) / 2, degreesOfFreedom: 2 * count)
        / 2,
      upper: chiSquaredQuantile(
        probability: confidence + (1 - confidence) / 2, degreesOfFreedom: 2 * count + 2) / 2)
  }

  /// Byar's approximation to the lower confidence limit of a Poisson count.
  ///
  /// `O × (1 − 1/(9O) − z/(3√O))³`. Accurate from about 10 events; for very small counts at
  /// high confidence it goes negative, where PHEindicatormethods reports NA.
  ///
  /// Related specification: PHEindicatormethods `R/utils.R` (`byars_lower`); Breslow NE, Day
  /// NE. Statistical methods in cancer research, volume II. IARC; 1987.
  public static func byarsLower(observed: Double, confidence: Double) -> Double {
    let z = z(confidence: confidence)
    let base = 1 - 1 / (9 * observed) - z / (3 * observed.squareRoot())
    return observed * base * base * base
  }

  /// Byar's approximation to the upper confidence limit of a Poisson count.
  ///
  /// `(O + 1) × (1 − 1/(9(O + 1)) + z/(3√(O + 1)))³`.
  ///
  /// Related specification: PHEindicatormethods `R/utils.R` (`byars_upper`).
  public static func byarsUpper(observed: Double, confidence: Double) -> Double {
    let z = z(confidence: confidence)
    let next = observed + 1
    let base = 1 - 1 / (9 * next) + z / (3 * next.squareRoot())
    return next * base * base * base
  }

  // MARK: - Proportion

  /// A proportion, `successes / trials × multiplier`, with Wilson score intervals.
  ///
  /// Returns nil for a negative numerator, a denominator that is not positive, or a numerator
  /// larger than its denominator. Zero successes gives a lower limit of exactly 0; all
  /// successes gives an upper limit of exactly `multiplier`. The method is "Wilson".
  ///
  /// Related specification: PHEindicatormethods `R/Proportions.R` (`phe_proportion`), and
  /// `docs/methods.md` § "Proportion (Wilson score)".
  public static func wilsonProportion(successes: Int, trials: Int, multiplier: Double)
    -> Estimate?
  {
    guard successes >= 0, trials > 0, successes <= trials else { return nil }
    let x = Double(successes)
    let n = Double(trials)
    func scaled(_ limits: Interval) -> Interval {
      Interval(lower: limits.lower * multiplier, upper: limits.upper * multiplier)
    }
    return Estimate(
      value: x / n * multiplier,
      ci95: scaled(wilsonLimits(successes: x, trials: n, confidence: confidence95)),
      ci998: scaled(wilsonLimits(successes: x, trials: n, confidence: confidence998)),
      method: "Wilson")
  }

  /// Wilson score limits of a proportion, as fractions of 1.
  ///
  /// `(2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²))`. Takes real-valued `successes`, as the R
  /// functions do; the caller checks 0 ≤ x ≤ n and n > 0. The limits are pinned to exactly 0
  /// when x = 0 and exactly 1 when x = n, where the formula is only 0 and 1 up to rounding.
  ///
  /// Related specification: PHEindicatormethods `R/utils.R` (`wilson_lower`, `wilson_upper`);
  /// Wilson EB. J Am Stat Assoc 1927;22:209–212.
  public static func wilsonLimits(successes x: Double, trials n: Double, confidence: Double)
    -> Interval
  {
    let z = z(confidence: confidence)
    let zSquared = z * z
    let spread = z * (zSquared + 4 * x * (1 - x / n)).squareRoot()
    let lower = (2 * x + zSquared - spread) / 2 / (n + zSquared)
    let upper = (2 * x + zSquared + spread) / 2 / (n + zSquared)
    return Interval(lower: x == 0 ? 0 : lower, upper: x == n ? 1 : upper)
  }

  // MARK: - Comparison with the benchmark

  /// Compares a value with its benchmark by whether the confidence interval overlaps it.
  ///
  /// Fingertips' "CI overlapping reference value": not compared without a value, an interval
  /// or a benchmark (or when any is not a finite number); similar when
  /// `lower ≤ benchmark ≤ upper`; otherwise higher or lower by the value, reported as better
  /// or worse according to `polarity`.
  ///
  /// Related specification: `docs/methods.md` § "Comparison with the benchmark"; Fingertips Public
  /// Health Technical Guidance <https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/>
  public static func compare(
    value: Double?, interval: Interval?, benchmark: Double?, polarity: Polarity
  ) -> Comparison {
    guard let value, let interval, let benchmark,
      value.isFinite, interval.lower.isFinite, interval.upper.isFinite, benchmark.isFinite
    else { return .notCompared }
    if interval.contains(benchmark) { return .similar }
    if value > benchmark {
      switch polarity {
      case .lowIsGood: return .worse
      case .highIsGood: return .better
      case .noJudgement: return .higher
      }
    }
    if value < benchmark {
      switch polarity {
      case .lowIsGood: return .better
      case .highIsGood: return .worse
      case .noJudgement: return .lower
      }
    }
    // Only reachable with an interval that does not contain its own value.
    return .similar
  }

  /// Fingertips' two-level comparison: `similar` when the benchmark is inside the 95%
  /// interval; otherwise the one-level result at 95% (`worse_95`, `better_95`, `higher_95`,
  /// `lower_95`) when the benchmark is inside the 99.8% interval, or at 99.8% (`worse_998`, …)
  /// when it is outside both; `not_compared` as for `compare`.
  ///
  /// Related specification: `docs/methods.md` § "Comparison with the benchmark" (two levels).
  public static func compareTwoLevel(
    value: Double?, ci95: Interval?, ci998: Interval?, benchmark: Double?, polarity: Polarity
  ) -> String {
    let at95 = compare(value: value, interval: ci95, benchmark: benchmark, polarity: polarity)
    guard at95 != .notCompared, at95 != .similar else { return at95.rawValue }
    let at998 = compare(value: value, interval: ci998, benchmark: benchmark, polarity: polarity)
    return at998 == .similar || at998 == .notCompared
      ? "\(at95.rawValue)_95" : "\(at998.rawValue)_998"
  }

  /// The direction of change over a run of periods.
  public enum Trend: String, Sendable, Codable {
    /// The latest value's 95% interval lies wholly above the first one's.
    case increasing
    /// The latest value's 95% interval lies wholly below the first one's.
    case decreasing
    /// The two 95% intervals overlap.
    case noSignificantChange = "no_significant_change"
    /// Fewer than `trendPeriods` consecutive periods with intervals.
    case notCalculated = "not_calculated"
  }

  /// How many consecutive periods a trend spans.
  public static let trendPeriods = 5

  /// MADE's trend rule: the latest of five consecutive periods against the first, increasing
  /// or decreasing only when their 95% intervals do not overlap. Deliberately simple and
  /// conservative; it is not a test for a linear trend. `estimates` are oldest first; any
  /// missing one (or fewer than five) gives `not_calculated`.
  public static func trend(_ estimates: [Estimate?]) -> Trend {
    guard estimates.count == trendPeriods, let first = estimates.first ?? nil,
      let latest = estimates.last ?? nil, estimates.allSatisfy({ $0 != nil })
    else { return .notCalculated }
    if latest.ci95.lower > first.ci95.upper { return .increasing }
    if latest.ci95.upper < first.ci95.lower { return .decreasing }
    return .noSignificantChange
  }
}
