import Foundation
import Glibc

/// An HTTP/1.1 exchange over a bare TCP socket, for what curl does and AsyncHTTPClient does not:
/// send the head, read what the server says before the body, then send the body. The blocking
/// socket calls run on a thread of their own, never on a cooperative thread the in-process
/// server needs in order to answer.
enum RawHTTPExchange {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `beforeBody` is what arrived within `wait` seconds of the head ("" when nothing did);
    /// `final` is everything after the body was sent, up to the server closing the connection.
    static func send(port: Int, head: String, body: Data, wait: Double) async throws -> (beforeBody: String, final: String) {
        try await onOwnThread { try exchange(port: port, head: head, body: body, wait: wait) }
    }

    /// Runs `body` on a thread of its own and answers what it returns: blocking socket calls must
    /// never take a cooperative thread that an in-process server needs in order to answer.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    private static func exchange(port: Int, head: String, body: Data, wait: Double) throws -> (beforeBody: String, final: String) {
        let socket = try connectedSocket(port: port)
        defer { close(socket) }
        try sendAll(socket, Data(head.utf8))
        setTimeout(socket, seconds: wait)
        let beforeBody = readUntilQuiet(socket)
        try sendAll(socket, body)
        setTimeout(socket, seconds: 30)
        return (beforeBody, readUntilQuiet(socket))
    }

    /// A blocking TCP socket connected to 127.0.0.1:`port`; the caller closes it.
    static func connectedSocket(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "connect: errno \(errno)")
        }
        return socket
    }

    static func sendAll(_ socket: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = Glibc.send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
                offset += sent
            }
        }
    }

    static func setTimeout(_ socket: Int32, seconds: Double) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads until the peer closes, or until the receive timeout passes with nothing new.
    static func readUntilQuiet(_ socket: Int32) -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += chunk[0..<count]
            // An interim response is complete at its blank line; don't wait out the timeout after it.
            if let text = String(bytes: received, encoding: .utf8), text.hasPrefix("HTTP/1.1 1"), text.hasSuffix("\r\n\r\n") { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// One keep-alive connection: sends each request in turn, reads its whole answer (head, then
    /// Content-Length bytes), and waits `pause` seconds before the next. Answers the responses read,
    /// fewer than the requests when the server closed the connection or went quiet for 5 s.
    static func keepAlive(port: Int, requests: [String], pause: Double) async throws -> [String] {
        try await RawHTTPExchange.onOwnThread {
            let socket = try connectedSocket(port: port)
            defer { close(socket) }
            setTimeout(socket, seconds: 5)
            var answers: [String] = []
            for (index, request) in requests.enumerated() {
                if index > 0 { Thread.sleep(forTimeInterval: pause) }
                guard (try? sendAll(socket, Data(request.utf8))) != nil,
                      let answer = readOneResponse(socket) else { break }
                answers.append(answer)
            }
            return answers
        }
    }

    /// One response with a Content-Length body, or nil when the connection ends or stays quiet first.
    static func readOneResponse(_ socket: Int32) -> String? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let headEnd = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count >= headEnd.upperBound + length { return String(decoding: received, as: UTF8.self) }
            }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            received += chunk[0..<count]
        }
    }
}
