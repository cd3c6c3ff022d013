import Foundation
import Testing
@testable import Training

/// The keyed hash that stands in for national ID numbers.
@Suite("National ID hashing")
struct NationalIDHasherTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(Self.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Self.hex(SHA256.hash(long)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hmacMatchesRFC4231() {
        // Test case 1 and 2 of RFC 4231.
        let key1 = [UInt8](repeating: 0x0b, count: 20)
        #expect(Self.hex(HMAC.sha256(key: key1, message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Self.hex(HMAC.sha256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func numbersAreNormalisedAndChecked() throws {
        #expect(try NationalIDHasher.normalise("001 088-012.345") == "001088012345")
        #expect(throws: (any Error).self) { try NationalIDHasher.normalise("12345") }
        #expect(throws: (any Error).self) { try NationalIDHasher.normalise("00108801234A") }
        let hasher = NationalIDHasher(key: Array(repeating: 7, count: 32))
        let other = NationalIDHasher(key: Array(repeating: 8, count: 32))
        #expect(hasher.hash("001088012345") == hasher.hash("001088012345"))
        #expect(hasher.hash("001088012345") != other.hash("001088012345"))
    }
}
