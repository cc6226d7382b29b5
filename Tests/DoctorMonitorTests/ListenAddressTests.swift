import DoctorCore
import DoctorMonitor
import Testing

/// `--metrics-listen` and `--interval` values: what is accepted and what is refused, with why.
@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("localhost:0", "127.0.0.1", 0), (":9464", "0.0.0.0", 9464),
        ("[::1]:9464", "::1", 9464), ("0.0.0.0:65535", "0.0.0.0", 65535), (" 10.1.2.3:80 ", "10.1.2.3", 80),
    ])
    func accepted(text: String, host: String, port: Int) throws {
        let address = try ListenAddress.parse(text)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: [
        ("9464", "expected HOST:PORT"), ("127.0.0.1", "expected HOST:PORT"), ("127.0.0.1:", "port must be a number"),
        ("127.0.0.1:65536", "port must be a number"), ("127.0.0.1:-1", "port must be a number"),
        ("127.0.0.1:94x", "port must be a number"), ("example.com:9464", "not an IP address"),
        ("::1:9464", "brackets"), ("[::1:9464", "closing"), ("[127.0.0.1]:9464", "not an IPv6 address"),
        ("[::1]9464", "expected [IPv6]:PORT"), ("999.1.1.1:80", "not an IP address"),
    ])
    func refused(text: String, reason: String) {
        #expect {
            try ListenAddress.parse(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func descriptionsAndURLs() throws {
        #expect(ListenAddress.defaultAddress.description == "127.0.0.1:9464")
        #expect(try ListenAddress.parse("[::1]:80").description == "[::1]:80")
        #expect(try ListenAddress.parse("[::1]:80").metricsURL == "http://[::1]:80/metrics")
        #expect(try ListenAddress.parse(":9464").metricsURL == "http://127.0.0.1:9464/metrics")
    }

    @Test(arguments: [
        ("60s", 60_000), ("500ms", 500), ("1m30s", 90_000), ("2h", 7_200_000), ("90", 90_000), ("0.25", 250),
        (" 5m ", 300_000),
    ])
    func intervals(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "abc", "-5s", "5 s", "10x", "1.2.3s", "s"])
    func badIntervals(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test(arguments: [(250, "250ms"), (1500, "1.5s"), (60_000, "1m"), (5_400_000, "1h30m"), (61_000, "1m1s")])
    func formatting(milliseconds: Int64, text: String) {
        #expect(DurationText.format(.milliseconds(milliseconds)) == text)
    }
}
