import Foundation
import Testing
@testable import meshtop

/// The dashboard's state folder holds its log (batch ids, server messages) and the result spool:
/// created 0700, the log 0600, whatever the umask lets through.
@Suite struct StateFolderModeTests {
    @Test func theStateFolderAndTheLogAreTheUsersAlone() throws {
        let state = NSTemporaryDirectory() + "meshtop-state-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let file = LogFile(environment: ["XDG_STATE_HOME": state])
        file.write("hello")
        let mode = { (path: String) in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int).map { $0 & 0o777 }
        }
        #expect(mode(state + "/meshtop") == 0o700)
        #expect(mode(file.path) == 0o600)
    }
}
