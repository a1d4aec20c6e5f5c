import Foundation

/// Work started on a second thread, whose result is waited for later: these machines have two
/// cores, and SQLite runs a statement on one.
final class SecondThread<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var result: Result<Value, Error>?

  /// Starts `body` at once.
  init(_ body: @escaping @Sendable () throws -> Value) {
    let thread = Thread { [self] in
      let outcome = Result { try body() }
      condition.lock()
      result = outcome
      condition.signal()
      condition.unlock()
    }
    thread.stackSize = 1 << 22
    thread.start()
  }

  /// Waits for the work; returns what it returned, or throws what it threw.
  func value() throws -> Value {
    condition.lock()
    while result == nil { condition.wait() }
    let outcome = result!
    condition.unlock()
    return try outcome.get()
  }
}
