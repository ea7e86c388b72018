import BulkheadCore
import Testing

@Suite struct PrimitiveTests {
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("::", "::"), ("::1", "::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("fd00:ec2::254", "fd00:ec2::254"), ("::ffff:10.1.2.3", "::ffff:a01:203"), ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
    ])
    func addressesParseAndPrintCanonically(_ text: String, _ canonical: String) {
        #expect(IPAddress(text)?.description == canonical)
    }

    @Test(arguments: ["256.0.0.1", "1.2.3", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7:8:9", "", "abc"])
    func invalidAddressesAreRejected(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func cidrContainment() throws {
        let block = try #require(CIDR("10.0.0.0/8"))
        #expect(block.contains(try #require(CIDR("10.1.0.0/16"))))
        #expect(!block.contains(try #require(CIDR("11.0.0.0/16"))))
        #expect(CIDR("0.0.0.0/0")?.last == 0xFFFF_FFFF)
        #expect(CIDR("::/0")?.last == UInt128.max)
        #expect(CIDR("10.0.0.0/33") == nil)
    }

    @Test func intervalSetsMergeSubtractAndIntersect() {
        var set = PortSet(1, 10)
        set.insert(11, 20)
        set.insert(30, 40)
        #expect(set.portList == "1-20,30-40")
        #expect(set.subtracting(PortSet(5, 35)).portList == "1-4,36-40")
        #expect(set.intersection(PortSet(15, 32)).portList == "15-20,30-32")
        #expect(PortSet.allPorts.subtracting(PortSet(1, 65535)).isEmpty)
    }

    @Test func connectionSetsPrintInCorpusNotation() {
        var c = ConnectionSet()
        c.add(.udp, PortSet(53, 53))
        c.add(.tcp, PortSet(80, 80))
        c.add(.tcp, PortSet(8000, 8999))
        #expect(c.description == "TCP 80,8000-8999,UDP 53")
        #expect(ConnectionSet.all.description == "All Connections")
        #expect(ConnectionSet.all.subtracting(.ports(.sctp, .allPorts)).description == "TCP 1-65535,UDP 1-65535")
    }

    @Test func selectorsMatchAsKubernetesDoes() {
        let s = LabelSelector(matchLabels: ["app": "web"], matchExpressions: [.init(key: "env", op: .notIn, values: ["prod"])])
        #expect(s.matches(["app": "web"]))
        #expect(s.matches(["app": "web", "env": "dev"]))
        #expect(!s.matches(["app": "web", "env": "prod"]))
        #expect(!s.matches(["env": "dev"]))
        #expect(LabelSelector.everything.matches([:]))
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test func millionAsAndStreamingAgree() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(input) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var streamed = SHA256()
        input.withUnsafeBytes { streamed.update(UnsafeRawBufferPointer(rebasing: $0[0..<333])) }
        input.withUnsafeBytes { streamed.update(UnsafeRawBufferPointer(rebasing: $0[333...])) }
        #expect(streamed.finalize().hexString == SHA256.hex(input))
    }

    /// Text is hashed in one shot (fingerprints); every padding case agrees with the stream.
    @Test func oneShotTextAgreesWithTheStreamAtEveryLength() {
        for length in 0...200 {
            let text = String((0..<length).map { Character(Unicode.Scalar(UInt8(33 + $0 % 90))) })
            var streamed = SHA256()
            streamed.update(Array(text.utf8))
            #expect(SHA256.hex(text) == streamed.finalize().hexString, "length \(length)")
        }
        #expect(SHA256.hex("é🛡") == SHA256.hex(Array("é🛡".utf8)))
    }
}
