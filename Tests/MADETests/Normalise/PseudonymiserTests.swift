import Foundation
import Testing

@testable import MADE

@Suite struct PseudonymiserTests {
  @Test func normalisesBeforeHashingAndDependsOnTheKey() {
    let one = Pseudonymiser(keyBytes: Array(repeating: 1, count: 32))
    let two = Pseudonymiser(keyBytes: Array(repeating: 2, count: 32))
    #expect(one.pseudonym(of: " yc 00012 ") == one.pseudonym(of: "YC00012"))
    #expect(one.pseudonym(of: "YC00012") != two.pseudonym(of: "YC00012"))
    #expect(one.pseudonym(of: "YC00012").count == 64)
  }
}
