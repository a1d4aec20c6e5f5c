import Testing

@testable import MADE

/// Period labels, boundaries and the population year: docs/methods.md § "Periods and geographies".
@Suite struct PeriodTests {
  func month(_ text: String) -> Month { Month(text)! }

  func labels(_ text: String, _ type: PeriodType) -> [String] {
    Period.containing(month(text), type: type).map(\.label)
  }

  @Test func theFinancialYearTurnsInApril() {
    #expect(labels("2024-03", .financialYear) == ["2023/24"])
    #expect(labels("2024-04", .financialYear) == ["2024/25"])
    #expect(labels("2024-12", .financialYear) == ["2024/25"])
    #expect(labels("2025-01", .financialYear) == ["2024/25"])
    #expect(labels("2099-05", .financialYear) == ["2099/00"])
    let year = Period.parse("2024/25", type: .financialYear)!
    #expect(year.months.first?.text == "2024-04" && year.months.last?.text == "2025-03")
    #expect(year.previous.label == "2023/24")
  }

  @Test func quartersAreCalendarQuarters() {
    #expect(labels("2024-03", .quarter) == ["2024-Q1"])
    #expect(labels("2024-04", .quarter) == ["2024-Q2"])
    #expect(labels("2024-12", .quarter) == ["2024-Q4"])
    #expect(Period.parse("2025-Q1", type: .quarter)!.previous.label == "2024-Q4")
    #expect(
      Period.parse("2025-Q1", type: .quarter)!.months.map(\.text) == [
        "2025-01", "2025-02", "2025-03",
      ])
  }

  @Test func aRollingYearIsLabelledByItsLastMonthAndCrossesTheYearEnd() {
    let rolling = Period.parse("2024-03", type: .rolling12m)!
    #expect(rolling.months.count == 12)
    #expect(rolling.months.first?.text == "2023-04" && rolling.months.last?.text == "2024-03")
    #expect(rolling.previous.label == "2024-02")
    // A month is in the twelve rolling years that end with it and the eleven months after.
    #expect(labels("2024-12", .rolling12m).first == "2024-12")
    #expect(labels("2024-12", .rolling12m).last == "2025-11")
    #expect(Period.parse("2025-01", type: .month)!.previous.label == "2024-12")
  }

  @Test func onlyPeriodsWhollyInsideTheDataAreComplete() {
    let from = month("2023-05")
    let through = month("2025-03")
    let years = Aggregator.periods(of: [.financialYear], from: from, through: through)
    #expect(years.map(\.label) == ["2024/25"])  // 2023/24 lacks April 2023
    let quarters = Aggregator.periods(of: [.quarter], from: from, through: through)
    #expect(quarters.first?.label == "2023-Q3" && quarters.last?.label == "2025-Q1")
    let rolling = Aggregator.periods(of: [.rolling12m], from: from, through: through)
    #expect(rolling.first?.label == "2024-04" && rolling.last?.label == "2025-03")
    #expect(rolling.count == 12)
  }

  @Test func thePopulationYearIsTheYearMostOfThePeriodFallsIn() {
    #expect(Period.parse("2024/25", type: .financialYear)!.populationYear == 2024)
    #expect(Period.parse("2024-03", type: .rolling12m)!.populationYear == 2023)
    // July 2023 to June 2024: six months each, the later year wins.
    #expect(Period.parse("2024-06", type: .rolling12m)!.populationYear == 2024)
    #expect(Period.parse("2025-Q1", type: .quarter)!.populationYear == 2025)
  }

  @Test func rejectsLabelsThatAreNotPeriods() {
    #expect(Period.parse("2024-13", type: .month) == nil)
    #expect(Period.parse("2024-Q5", type: .quarter) == nil)
    #expect(Period.parse("2024/26", type: .financialYear) == nil)
  }
}
