/// The tests need the real binary and it is not built: the failure says where it was looked for and
/// what to run, instead of the suite skipping and passing with nothing tested.
public struct MeshtopBinaryMissing: Error, CustomStringConvertible {
    public let path: String

    public var description: String {
        "no meshtop binary at \(path): run `swift build` before `swift test` (scripts/test does), or set MESHTOP_BIN"
    }
}
