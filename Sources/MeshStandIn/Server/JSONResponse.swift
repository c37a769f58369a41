import Foundation
import Hummingbird

/// JSON bodies out, with the content type set and slashes unescaped.
enum JSONResponse {
    static func make<T: Encodable>(status: HTTPResponse.Status = .ok, _ value: T) -> Response {
        let data = (try? JSONText.encoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
