import Foundation

/// The Python tools the tests use as external checks (`scripts/install-test-tools` puts them
/// in `.build-tools/venv`), run as a child process.
enum TestTool {
  static func executable(_ name: String) -> URL {
    EndToEndTests.repository.appendingPathComponent(".build-tools/venv/bin/\(name)")
  }

  /// Runs `executable` with `arguments` (in `directory`, when given) and returns its exit
  /// status and what it wrote to stdout and stderr together.
  static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws
    -> (status: Int32, output: String)
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }
}
