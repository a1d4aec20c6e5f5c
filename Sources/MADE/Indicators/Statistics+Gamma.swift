import Foundation

/// The chi-squared and gamma quantiles behind the exact Poisson limits
/// (`Statistics.exactPoissonLimits`), as R computes them (`qchisq`, `qgamma`).
extension Statistics {
  /// The quantile function of the chi-squared distribution, R's `qchisq(p, df)`.
  ///
  /// A chi-squared variable with k degrees of freedom is twice a gamma variable with shape
  /// k/2, so this is `2 × gammaQuantile(p, k/2)`. Zero degrees of freedom gives 0, as in R.
  public static func chiSquaredQuantile(probability: Double, degreesOfFreedom: Double)
    -> Double
  {
    2 * gammaQuantile(probability: probability, shape: degreesOfFreedom / 2)
  }

  /// The quantile function of the gamma distribution with unit scale, R's `qgamma(p, shape)`.
  ///
  /// Bisection on the regularised incomplete gamma function down to adjacent doubles, using
  /// the lower tail P(a, x) below the median and the upper tail Q(a, x) above it so neither
  /// tail loses digits to cancellation; about 1e-13 relative for the shapes used here.
  /// Shape 0 (a point mass at 0) gives 0; p outside [0, 1] gives NaN.
  public static func gammaQuantile(probability p: Double, shape a: Double) -> Double {
    guard p >= 0, p <= 1, a >= 0, a.isFinite else { return .nan }
    if a == 0 || p == 0 { return 0 }
    if p == 1 { return .infinity }

    let useUpperTail = p > 0.5
    let target = useUpperTail ? 1 - p : p
    // True when the quantile lies above x.
    func isBelowQuantile(_ x: Double) -> Bool {
      useUpperTail
        ? regularisedGammaQ(shape: a, x: x) > target
        : regularisedGammaP(shape: a, x: x) < target
    }

    var low = 0.0
    var high = max(1, a)
    while isBelowQuantile(high) {
      low = high
      high *= 2
      if !high.isFinite { return .infinity }
    }
    while true {
      let middle = low + (high - low) / 2
      if middle <= low || middle >= high { break }
      if isBelowQuantile(middle) {
        low = middle
      } else {
        high = middle
      }
    }
    return low + (high - low) / 2
  }

  /// The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a).
  ///
  /// Series expansion for x < a + 1, otherwise 1 − Q(a, x) from the continued fraction.
  static func regularisedGammaP(shape a: Double, x: Double) -> Double {
    if x <= 0 { return 0 }
    if x < a + 1 { return gammaSeries(shape: a, x: x) }
    return 1 - gammaContinuedFraction(shape: a, x: x)
  }

  /// The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x).
  ///
  /// Continued fraction for x ≥ a + 1, otherwise 1 − P(a, x) from the series.
  static func regularisedGammaQ(shape a: Double, x: Double) -> Double {
    if x <= 0 { return 1 }
    if x < a + 1 { return 1 - gammaSeries(shape: a, x: x) }
    return gammaContinuedFraction(shape: a, x: x)
  }

  /// `e^(−x) x^a / Γ(a)`, the factor both expansions share, computed in logs.
  private static func gammaPrefactor(shape a: Double, x: Double) -> Double {
    exp(a * log(x) - x - lgamma(a))
  }

  /// P(a, x) by its power series `e^(−x) x^a / Γ(a) × Σ xⁿ / (a(a+1)…(a+n))`.
  ///
  /// Converges quickly for x < a + 1. Related: Press WH et al. Numerical Recipes (3rd edn),
  /// section 6.2.
  private static func gammaSeries(shape a: Double, x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var denominator = a
    for _ in 0..<100_000 {
      denominator += 1
      term *= x / denominator
      sum += term
      if abs(term) < abs(sum) * 1e-17 { break }
    }
    return sum * gammaPrefactor(shape: a, x: x)
  }

  /// Q(a, x) by its continued fraction, evaluated with the modified Lentz method.
  ///
  /// Converges quickly for x ≥ a + 1. Related: Press WH et al. Numerical Recipes (3rd edn),
  /// section 6.2.
  private static func gammaContinuedFraction(shape a: Double, x: Double) -> Double {
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var fraction = d
    for step in 1..<100_000 {
      let i = Double(step)
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) <= Double.ulpOfOne { break }
    }
    return fraction * gammaPrefactor(shape: a, x: x)
  }
}
