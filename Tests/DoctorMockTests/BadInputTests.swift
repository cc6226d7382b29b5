import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// Hostile or broken clients: the server answers what it can, never crashes, and stays bounded.
@Suite struct BadInputTests {
    /// Runs a Python script (raw sockets, its own descriptor limit) against the server.
    static func python(_ script: String, _ arguments: [String]) async throws -> String {
        try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script] + arguments, timeout: 120).stdout
    }

    static let sendRaw = """
        import socket, sys
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
        s.sendall(sys.argv[2].encode("latin-1").decode("unicode_escape").encode("latin-1") + b"x" * int(sys.argv[3]) + b"\\r\\n\\r\\n")
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
        print(data.decode("latin-1"))
        """

    @Test func malformedRequestsGetA400WithJSON() async throws {
        try await withMockServer { server in
            let output = try await Self.python(Self.sendRaw, [String(server.port), "NOT HTTP AT ALL\\r\\nHost: ", "0"])
            #expect(output.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(output.contains("\"type\":\"mock_admin_error\""))
            let ok = try await Curl.request(server.baseURL, "/cdn-cgi/trace")
            #expect(ok.exitCode == 0)
        }
    }

    @Test func hugeHeadersGetA431() async throws {
        try await withMockServer { server in
            let output = try await Self.python(
                Self.sendRaw, [String(server.port), "GET /v1/models HTTP/1.1\\r\\nHost: x\\r\\nX-Big: ", "200000"])
            #expect(output.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        }
    }

    static let manyConnections = """
        import socket, sys, resource
        resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))
        port, n = int(sys.argv[1]), int(sys.argv[2])
        socks = []
        for i in range(n):
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            if i % 2 == 0:
                s.sendall(b"GET /v1/models HTTP/1.1\\r\\nHost: x\\r\\n")
            socks.append(s)
        print("open", len(socks), flush=True)
        t = socket.create_connection(("127.0.0.1", port), timeout=20)
        t.sendall(b"GET /cdn-cgi/trace HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
        data = b""
        while True:
            chunk = t.recv(65536)
            if not chunk:
                break
            data += chunk
        print(data.split(b"\\r\\n")[0].decode(), flush=True)
        for s in socks:
            s.close()
        """

    @Test func tenThousandConcurrentConnectionsLeaveTheServerAnswering() async throws {
        // Its own event loops, so the 10,000 accepts never delay other tests on the shared ones.
        var configuration = MockConfiguration()
        configuration.threads = 1
        try await withMockServer(configuration) { server in
            let output = try await Self.python(Self.manyConnections, [String(server.port), "10000"])
            #expect(output.contains("open 10000\n"))
            #expect(output.contains("HTTP/1.1 200 OK"))
            let after = try await Curl.request(server.baseURL, "/cdn-cgi/trace")
            #expect(after.exitCode == 0)
        }
    }
}
