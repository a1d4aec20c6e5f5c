import CMadeZlib
import Crypto
import Foundation

/// Why a delivered file could not be read at all. The file is quarantined; nothing is loaded.
public enum ExtractError: Error, Equatable, Sendable {
  case cannotOpen(path: String, reason: String)
  case readFailed(path: String, reason: String)
  case truncatedGzip(path: String)
  case corruptGzip(path: String, reason: String)

  /// The `files.reason` code.
  public var reasonCode: ReasonCode {
    switch self {
    case .cannotOpen, .readFailed: return .unreadableFile
    case .truncatedGzip: return .truncatedGzip
    case .corruptGzip: return .corruptGzip
    }
  }

  /// What went wrong, naming the file (not its folder: quarantine moves it).
  public var message: String {
    switch self {
    case .cannotOpen(let path, let reason): return "\(name(path)): cannot open (\(reason))"
    case .readFailed(let path, let reason): return "\(name(path)): read failed (\(reason))"
    case .truncatedGzip(let path):
      return "\(name(path)): the gzip stream ends early (truncated download or copy?); ask the "
        + "partner to send the file again"
    case .corruptGzip(let path, let reason):
      return "\(name(path)): not a valid gzip stream (\(reason))"
    }
  }

  private func name(_ path: String) -> String {
    URL(fileURLWithPath: path).lastPathComponent
  }
}

/// A stream of bytes: a plain file, or a gzip file inflated on the fly.
protocol ByteSource {
  /// Fills up to `buffer.count` bytes; 0 means end of stream.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read with POSIX `read(2)` in large chunks, hashing (SHA-256) what it reads.
///
/// The hash is of the bytes as delivered, so the same delivery is recognised whatever its
/// compression.
final class DeliveredFile: ByteSource {
  let path: String
  private let descriptor: Int32
  private(set) var hasher = SHA256()
  private(set) var bytesRead: Int = 0

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw ExtractError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
  }

  deinit {
    close(descriptor)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
      if count < 0 {
        if errno == EINTR { continue }
        throw ExtractError.readFailed(path: path, reason: String(cString: strerror(errno)))
      }
      if count > 0 {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        bytesRead += count
      }
      return count
    }
  }

  /// Reads to the end and returns the hex SHA-256 of the whole file.
  func readToEndAndDigest() throws -> String {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while try read(into: buffer) > 0 {}
    return digestHex
  }

  var digestHex: String {
    hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}

/// Inflates a gzip stream (one or more members) from another source, with zlib.
final class GzipSource: ByteSource {
  private var upstream: DeliveredFile
  private var stream = z_stream()
  private let input: UnsafeMutableRawBufferPointer
  private var finished = false
  private var memberEnded = false

  init(upstream: DeliveredFile) throws {
    self.upstream = upstream
    input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
    let rc = made_inflate_init_gzip(&stream)
    guard rc == Z_OK else {
      input.deallocate()
      throw ExtractError.corruptGzip(path: upstream.path, reason: "zlib init failed (\(rc))")
    }
  }

  deinit {
    inflateEnd(&stream)
    input.deallocate()
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if finished { return 0 }
    stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = uInt(buffer.count)
    while stream.avail_out > 0 {
      if stream.avail_in == 0 {
        let count = try upstream.read(into: input)
        if count == 0 {
          if memberEnded {
            finished = true
            break
          }
          throw ExtractError.truncatedGzip(path: upstream.path)
        }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(count)
      }
      if memberEnded {
        if let next = stream.next_in, next.pointee == 0 {
          // Zero padding after the last member (block-padded copies, tapes): skip it, as
          // gzip does; anything else after it is not gzip.
          let padding = UnsafeBufferPointer(start: next, count: Int(stream.avail_in))
          guard padding.allSatisfy({ $0 == 0 }) else {
            throw ExtractError.corruptGzip(
              path: upstream.path, reason: "data after the end of the gzip stream")
          }
          stream.avail_in = 0
          continue
        }
        // Another gzip member follows (as `cat a.gz b.gz` makes): start it afresh.
        inflateReset(&stream)
        memberEnded = false
      }
      let rc = inflate(&stream, Z_NO_FLUSH)
      switch rc {
      case Z_STREAM_END:
        memberEnded = true
      case Z_OK, Z_BUF_ERROR:
        break
      default:
        let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
        throw ExtractError.corruptGzip(path: upstream.path, reason: reason)
      }
    }
    return buffer.count - Int(stream.avail_out)
  }
}
