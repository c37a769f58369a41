/// One entry of `GET /v1/models` (a bare JSON array of these).
public struct ModelInfo: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var provider: String?
    public var isFree: Bool
    public var contextLength: Int?
    public var supportsBatching: Bool?
    public var pricing: ModelPricing?

    enum CodingKeys: String, CodingKey {
        case id, name, provider
        case isFree = "is_free"
        case contextLength = "context_length"
        case supportsBatching = "supports_batching"
        case pricing
    }

    public init(id: String, name: String, provider: String?, isFree: Bool = false, contextLength: Int? = nil,
                supportsBatching: Bool?, pricing: ModelPricing?) {
        self.id = id
        self.name = name
        self.provider = provider
        self.isFree = isFree
        self.contextLength = contextLength
        self.supportsBatching = supportsBatching
        self.pricing = pricing
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = (try? c.decodeIfPresent(String.self, forKey: .name)) ?? id
        provider = try? c.decodeIfPresent(String.self, forKey: .provider)
        isFree = (try? c.decodeIfPresent(Bool.self, forKey: .isFree)) ?? false
        contextLength = try? c.decodeIfPresent(Int.self, forKey: .contextLength)
        supportsBatching = try? c.decodeIfPresent(Bool.self, forKey: .supportsBatching)
        pricing = try? c.decodeIfPresent(ModelPricing.self, forKey: .pricing)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(provider, forKey: .provider)
        try c.encode(isFree, forKey: .isFree)
        try c.encode(contextLength, forKey: .contextLength)
        try c.encode(supportsBatching, forKey: .supportsBatching)
        try c.encode(pricing, forKey: .pricing)
    }
}
