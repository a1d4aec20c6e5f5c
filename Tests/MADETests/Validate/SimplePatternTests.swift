import Foundation
import Testing

@testable import MADE

@Suite struct SimplePatternTests {
  @Test func matchesTheWholeValue() throws {
    let lsoa = try SimplePattern("[EW]01[0-9]{6}")
    #expect(lsoa.matches("E01012345"))
    #expect(!lsoa.matches("E0101234"))
    #expect(!lsoa.matches("E010123456"))
    #expect(!lsoa.matches("S01012345"))
    let id = try SimplePattern("[0-9a-f]{64}")
    #expect(id.matches(String(repeating: "a1", count: 32)))
    #expect(!id.matches(String(repeating: "A1", count: 32)))
    let optional = try SimplePattern("A\\d+B?")
    #expect(optional.matches("A123") && optional.matches("A1B") && !optional.matches("AB"))
  }

  @Test func refusesSyntaxOutsideTheSubset() {
    #expect(throws: ConfigurationError.self) { try SimplePattern("(a|b)") }
  }
}
