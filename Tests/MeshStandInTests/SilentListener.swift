import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener that accepts connections and never answers them: llama-server after SIGTERM,
/// which keeps its in-flight requests open unanswered. `stopListening()` then closes the listening
/// socket (new connections are refused, as a stopping server's are) while the accepted ones stay
/// open and silent until `closeAll()`.
final class SilentListener: Sendable {
    let port: Int
    private let listener: Int32
    private let accepted = Mutex<[Int32]>([])
    private let listening = Mutex(true)

    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        self.port = port
        listener = fd
        let thread = Thread { [self] in
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }  // the listener was closed
                accepted.withLock { $0.append(connection) }
            }
        }
        thread.start()
    }

    var acceptedCount: Int { accepted.withLock { $0.count } }

    func stopListening() {
        let wasListening = listening.withLock { state in defer { state = false }; return state }
        guard wasListening else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    func closeAll() {
        stopListening()
        for connection in accepted.withLock({ all in defer { all.removeAll() }; return all }) { close(connection) }
    }
}
