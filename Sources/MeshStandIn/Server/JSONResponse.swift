import Foundation
import Hummingbird

/// JSON bodies out, with the content type set and slashes unescaped.
enum JSONResponse {
    static func make<T: Encodable>(status: HTTPResponse.Status = .ok, _ value: T) -> Response {
        make(status: status, json: (try? JSONText.encoder().encode(value)) ?? Data("{}".utf8))
    }

    /// A body that is JSON already.
    static func make(status: HTTPResponse.Status = .ok, json data: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
