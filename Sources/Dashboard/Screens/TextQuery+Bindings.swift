/// The keys of the text-entry mode (besides typed text, which goes to the query).
extension TextQuery {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], "apply", .textApply),
        KeyBinding([.escape], "clear", .textClear),
        KeyBinding([.control("u")], "erase", .textEraseAll),
        KeyBinding([.control("w")], "erase word", .textEraseWord),
    ]
}
