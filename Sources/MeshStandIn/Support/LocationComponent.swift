import MeshAPI

/// A step of a validation `loc` path: a key (String) or a list index (Int).
protocol LocationComponent {
    var locationValue: JSONValue { get }
}

extension String: LocationComponent {
    var locationValue: JSONValue { .string(self) }
}

extension Int: LocationComponent {
    var locationValue: JSONValue { .number(Double(self)) }
}

/// `loc("body", "requests", 3, "custom_id")` -> the `loc` array of a validation issue.
func loc(_ parts: any LocationComponent...) -> [JSONValue] {
    parts.map(\.locationValue)
}
