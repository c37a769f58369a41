/// Why an export could not start its file (a vanished or read-only directory, a full disk). The
/// message line puts it after "could not write FILE: ".
struct ItemExportError: Error, CustomStringConvertible {
    var description: String
}
