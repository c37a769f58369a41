import MeshAPI

/// `loc("body", "requests", 3)` -> the JSON `loc` array a validation issue carries.
func loc(_ parts: Any...) -> [JSONValue] {
    parts.map { part in
        if let index = part as? Int { return .number(Double(index)) }
        return .string("\(part)")
    }
}
