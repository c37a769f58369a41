import Foundation
import Glibc
import Synchronization

/// A loopback HTTP/1.1 server on raw sockets whose list answers can be switched to trickle: the
/// headers at once, then one byte of the body every 3 s, for ever. For what the stand-in will not
/// do on purpose (it lives in MeshStandIn, and the fixture server in MeshAPITests). Sockets block,
/// so every connection has a thread of its own, never a cooperative one.
final class TricklingServer: Sendable {
    let port: Int
    private let listener: Int32
    private let state = Mutex<(trickle: Bool, stopped: Bool, connections: [Int32])>((false, false, []))
    private let listBody: String

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts serving `GET /v1/batches` with `listBody`; every other path answers 404.
    init(listBody: String) throws {
        self.listBody = listBody
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// From now on list answers trickle (true) or come whole (false). Answers already trickling go on.
    func setTrickle(_ on: Bool) {
        state.withLock { $0.trickle = on }
    }

    func stop() {
        let connections = state.withLock { state -> [Int32] in
            state.stopped = true
            return state.connections
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            // tmux's server, started by the test, must not inherit it.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            let stopped = state.withLock { state -> Bool in
                if !state.stopped { state.connections.append(connection) }
                return state.stopped
            }
            if stopped {
                close(connection)
                return
            }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    /// Answers requests on one kept-alive connection until the client or `stop` closes it.
    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            // One request: everything up to the blank line (GETs have no body).
            var end = Self.headerEnd(pending)
            while end == nil {
                let count = read(connection, &buffer, buffer.count)
                guard count > 0 else { return }
                pending += buffer[0..<count]
                end = Self.headerEnd(pending)
            }
            let head = String(decoding: pending[0..<end!], as: UTF8.self)
            pending.removeFirst(end! + 4)
            let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            let isList = path.hasPrefix("/v1/batches?") || path == "/v1/batches"
            let body = isList ? listBody : #"{"error": {"code": "not_found", "message": "no"}}"#
            let status = isList ? "200 OK" : "404 Not Found"
            let headers = "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            guard write(connection, headers) else { return }
            if isList, state.withLock({ $0.trickle }) {
                for byte in body.utf8 {
                    guard write(connection, [byte]) else { return }
                    if state.withLock({ $0.stopped }) { return }
                    Thread.sleep(forTimeInterval: 3)
                }
            } else {
                guard write(connection, Array(body.utf8)) else { return }
            }
        }
    }

    private func write(_ connection: Int32, _ text: String) -> Bool {
        write(connection, Array(text.utf8))
    }

    private func write(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
