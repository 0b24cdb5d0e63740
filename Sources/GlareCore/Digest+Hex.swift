public import Crypto

/// The one hex spelling of a digest that Glare stores and compares: lowercase, two digits a byte
/// (snapshot addresses, document ids, GDELT's published MD5s). The digests come from swift-crypto.
extension Digest {
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(Self.byteCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
