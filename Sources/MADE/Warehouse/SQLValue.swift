import Foundation

/// A value read from or bound to SQLite.
public enum SQLValue: Equatable, Sendable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  public var description: String {
    switch self {
    case .null: return "NULL"
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .text(let value): return value
    case .blob(let bytes): return "x'" + bytes.hexString + "'"
    }
  }

  var int: Int? {
    switch self {
    case .integer(let value): return Int(value)
    case .real(let value): return Int(value)
    case .text(let value): return Int(value)
    default: return nil
    }
  }

  var double: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .real(let value): return value
    case .text(let value): return Double(value)
    default: return nil
    }
  }

  var string: String? {
    switch self {
    case .null: return nil
    case .text(let value): return value
    default: return description
    }
  }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
  init(_ value: String?) { self = value.map { .text($0) } ?? .null }
  init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
  init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
}
