import Foundation
import Glibc
import Testing

/// Connections that send nothing cannot lock clients out: a new connection has a short deadline
/// for its first byte, and silent connections may hold only a share of the slots, the oldest
/// silent one giving way to a newcomer. (1,100 silent connections used to lock every client out
/// for 57 s.) Over raw sockets, waiting on what the sockets and the server say, not on time.
@Suite(.timeLimit(.minutes(1))) struct SilentConnectionTests {
    /// 1,100 silent sockets against the default cap of 1,000: the silent share (750) holds, the
    /// oldest 350 are closed unanswered, and a client that sends its request is answered meanwhile.
    @Test func elevenHundredSilentConnectionsLeaveClientsAnswered() async throws {
        let harness = try await StandInHarness.start { $0.firstByteTimeoutSeconds = 60 }
        let server = try #require(harness.server)
        let port = try #require(URLComponents(string: harness.baseURL)?.port)
        let sockets = try await RawHTTPExchange.onOwnThread { () -> [Int32] in
            var sockets: [Int32] = []
            for _ in 0..<1_100 { sockets.append(try RawHTTPExchange.connectedSocket(port: port)) }
            for socket in sockets { _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK) }
            return sockets
        }
        defer { sockets.forEach { close($0) } }
        // Every socket seen by the server: the silent share is full.
        let deadline = ContinuousClock.now + .seconds(20)
        while server.connectionCount.silent < 750 || server.connectionCount.open < 750 {
            try #require(ContinuousClock.now < deadline, "the server saw \(server.connectionCount)")
            try await Task.sleep(for: .milliseconds(20))
        }
        let reply = try await harness.call("GET", "/v1/batches", timeout: .seconds(10))
        #expect(reply.status == 200)
        let count = server.connectionCount
        #expect(count.silent <= 750 && count.open <= 1_000, "\(count)")
        // The evicted ones were closed with nothing said.
        let closed: Int = try await RawHTTPExchange.onOwnThread {
            let readUntil = Date().addingTimeInterval(10)
            var ended = Set<Int32>()
            while ended.count < 350, Date() < readUntil {
                for socket in sockets where !ended.contains(socket) {
                    var byte: UInt8 = 0
                    if recv(socket, &byte, 1, 0) == 0 { ended.insert(socket) }
                }
                // A pass over 1,100 sockets, then a pause: a tight loop took a core from the
                // other suites running beside this one (two cores here).
                if ended.count < 350 { Thread.sleep(forTimeInterval: 0.05) }
            }
            return ended.count
        }
        #expect(closed >= 350, "\(closed) closed")
        await harness.stop()
    }

    @Test func aConnectionThatSendsNothingIsClosedAtItsFirstByteDeadline() async throws {
        let harness = try await StandInHarness.start { $0.firstByteTimeoutSeconds = 1 }
        let port = try #require(URLComponents(string: harness.baseURL)?.port)
        let read: Int = try await RawHTTPExchange.onOwnThread {
            let socket = try RawHTTPExchange.connectedSocket(port: port)
            defer { close(socket) }
            // Far below the idle timeout (60 s): a read that ends with 0 means the server closed it.
            RawHTTPExchange.setTimeout(socket, seconds: 20)
            var byte: UInt8 = 0
            return recv(socket, &byte, 1, 0)
        }
        #expect(read == 0)
        // A connection that speaks at once is answered as usual.
        #expect(try await harness.call("GET", "/v1/batches").status == 200)
        await harness.stop()
    }
}
