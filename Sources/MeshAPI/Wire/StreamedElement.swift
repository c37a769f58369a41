/// One element of the array `JSONValueParser.parse(_:streamingArrayAt:verbatimMember:element:)`
/// streams: where it stands, what it holds, and the text of its verbatim member as it came.
public struct StreamedElement {
    /// From 0; 0 again when a repeated key starts the array over.
    public var index: Int
    public var value: JSONValue
    /// The element's member named `verbatimMember`, byte for byte; nil when the element is not
    /// an object or has no such member (the last one, when the key repeats).
    public var verbatimMember: String?
}
