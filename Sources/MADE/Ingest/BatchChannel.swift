import Foundation

/// Wraps a value that is handed to exactly one other thread and never used here again.
final class UncheckedBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// A bounded queue of batches between the parsing thread and the writer.
final class BatchChannel: @unchecked Sendable {
  private let condition = NSCondition()
  private var queue: [RowBatch] = []
  private let capacity: Int
  private var finished = false
  private var cancelled = false
  private var failure: (any Error)?

  init(capacity: Int) { self.capacity = capacity }

  /// Blocks while full; false when the consumer has given up.
  func put(_ batch: RowBatch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= capacity && !cancelled { condition.wait() }
    if cancelled { return false }
    queue.append(batch)
    condition.broadcast()
    return true
  }

  func finish(error: (any Error)?) {
    condition.lock()
    finished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, nil at the end; rethrows the producer's error.
  func take() throws -> RowBatch? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && !finished { condition.wait() }
    if !queue.isEmpty {
      let batch = queue.removeFirst()
      condition.broadcast()
      return batch
    }
    if let failure { throw failure }
    return nil
  }

  func cancel() {
    condition.lock()
    cancelled = true
    queue.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  func waitUntilFinished() {
    condition.lock()
    while !finished { condition.wait() }
    condition.unlock()
  }
}
