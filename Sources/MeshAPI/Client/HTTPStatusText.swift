/// Short reason phrases for the statuses an error message may show when the body says nothing useful.
enum HTTPStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 400: return "bad request"
        case 401: return "unauthorized"
        case 402: return "payment required"
        case 403: return "forbidden"
        case 404: return "not found"
        case 409: return "conflict"
        case 413: return "request too large"
        case 422: return "validation failed"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 501: return "not implemented"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
        default: return "HTTP \(status)"
        }
    }
}
