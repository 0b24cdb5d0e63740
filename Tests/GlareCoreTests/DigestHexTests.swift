import Crypto
import GlareCore
import Testing

/// `Digest.hex`, the one hex spelling of swift-crypto's digests, against published vectors.
@Suite struct DigestHexTests {
    /// SHA-256: FIPS 180-4 example "abc" (NIST CSRC) and the empty message.
    @Test func sha256Vectors() {
        #expect(SHA256.hash(data: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(data: [UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// MD5: RFC 1321's test suite, the empty message and "abc" (GDELT publishes MD5s in this spelling).
    @Test func md5Vectors() {
        #expect(Insecure.MD5.hash(data: [UInt8]()).hex == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(Insecure.MD5.hash(data: Array("abc".utf8)).hex == "900150983cd24fb0d6963f7d28e17f72")
    }
}
