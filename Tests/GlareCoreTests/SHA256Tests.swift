import GlareCore
import Testing

@Suite struct SHA256Tests {
    // Test vectors from FIPS 180-4 examples (NIST CSRC).
    @Test func nistVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var h = SHA256()
        h.update(bytes[0..<63])
        h.update(bytes[63..<130])
        h.update(bytes[130...])
        #expect(h.finalizeHex() == SHA256.hex(bytes))
    }
}
