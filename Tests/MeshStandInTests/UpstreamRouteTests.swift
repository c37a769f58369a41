import MeshStandIn
import Testing

/// `--upstream` values: a URL is the catch-all, `PATTERN=URL` routes by a glob.
@Suite struct UpstreamRouteTests {
    @Test func parsesURLsAndPatterns() throws {
        #expect(try UpstreamRoute.parse("http://127.0.0.1:8000/v1/") == UpstreamRoute(pattern: nil, baseURL: "http://127.0.0.1:8000/v1"))
        #expect(try UpstreamRoute.parse("https://h/v1?x=1").pattern == nil)
        #expect(try UpstreamRoute.parse("llama*=http://h:1/v1") == UpstreamRoute(pattern: "llama*", baseURL: "http://h:1/v1"))
        #expect(throws: (any Error).self) { try UpstreamRoute.parse("llama*") }
        #expect(throws: (any Error).self) { try UpstreamRoute.parse("=http://h/v1") }
        #expect(throws: (any Error).self) { try UpstreamRoute.parse("x=ftp://h") }
    }

    @Test func globsMatchWholeNames() throws {
        let route = UpstreamRoute(pattern: "openai/*-mini", baseURL: "http://h/v1")
        #expect(route.matches("openai/gpt-4o-mini"))
        #expect(!route.matches("openai/gpt-4o-mini-2"))
        #expect(!route.matches("xopenai/gpt-4o-mini"))
        #expect(UpstreamRoute(pattern: "*", baseURL: "http://h").matches(""))
        #expect(UpstreamRoute(pattern: "a*b*c", baseURL: "http://h").matches("aXbYbZc"))
        // Many stars against a long miss: linear, not exponential.
        #expect(!UpstreamRoute(pattern: String(repeating: "*a", count: 30) + "b", baseURL: "http://h")
            .matches(String(repeating: "a", count: 5_000)))
    }
}
