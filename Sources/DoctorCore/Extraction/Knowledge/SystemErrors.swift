/// The operating systems' own error texts and numbers for the socket and resolver errors that
/// matter, as the languages that print them show them.
enum SystemErrors {
    /// glibc's and macOS's `strerror` texts, and the errno numbers as Python (`[Errno 111]`),
    /// Rust (`(os error 111)`) and Dart (`errno = 111`) print them.
    ///
    /// Sources: glibc `sysdeps/gnu/errlist.h` (bminor/glibc 3d7d5c1) and Linux's errno numbers
    /// (`asm-generic/errno.h`); Apple Libc `gen/errlst.c` (Apple-FOSS-Mirror/Libc e79933b, the
    /// macOS `sys_errlist`, numbers in its comments); Java's and libuv's lowercase variants
    /// (libuv `include/uv.h` `UV_ERRNO_MAP` at 6179e7a, which is what Node prints).
    static let errno = TransportTable(
        name: "errno (glibc, macOS, libuv)",
        source:
            "bminor/glibc sysdeps/gnu/errlist.h @3d7d5c1; Apple-FOSS-Mirror/Libc gen/errlst.c @e79933b; libuv include/uv.h @6179e7a",
        rows: [
            // ECONNREFUSED: Linux 111, macOS 61.
            .says("Connection refused", .connect, .refused),
            // ECONNRESET: Linux 104, macOS 54.
            .says("Connection reset by peer", .connect, .reset),
            // ETIMEDOUT: Linux 110 ("Connection timed out"), macOS 60 ("Operation timed out").
            .says("Connection timed out", .connect, .timedOut),
            .says("Operation timed out", .response, .timedOut),
            // ENETUNREACH: Linux 101, macOS 51.
            .says("Network is unreachable", .connect, .unreachable),
            // EHOSTUNREACH: Linux 113 ("No route to host"), libuv "host is unreachable".
            .says("No route to host", .connect, .unreachable),
            .says("host is unreachable", .connect, .unreachable),
            // ENETDOWN: Linux 100, macOS 50.
            .says("Network is down", .connect, .unreachable),
            // EHOSTDOWN: Linux 112, macOS 64.
            .says("Host is down", .connect, .unreachable),
            // ECONNABORTED: Linux 103, macOS 53.
            .says("Software caused connection abort", .connect, .reset),
            // ENETRESET: Linux 102, macOS 52.
            .says("Network dropped connection on reset", .connect, .reset),
            // EADDRNOTAVAIL: Linux 99 ("Cannot assign…"), macOS 49 ("Can't assign…").
            .says("Cannot assign requested address", .connect, .unreachable),
            .says("Can't assign requested address", .connect, .unreachable),
            // EPIPE 32 on both: the peer closed the connection while the request was written.
            .says("Broken pipe", .response, .closed),
            // Not decisive alone: local resource limits and socket misuse.
            .undecided("Transport endpoint is not connected"),
            .undecided("Socket is not connected"),
            .undecided("Address family not supported by protocol"),
            .undecided("Resource temporarily unavailable"),
            .undecided("Too many open files"),
            .undecided("No buffer space available"),
            .undecided("Address already in use"),
            .undecided("Permission denied"),
            // Numbers, Linux then macOS, in the three printed forms.
        ]
            + numbered(
                [
                    (111, .connect, .refused), (104, .connect, .reset), (110, .connect, .timedOut),
                    (101, .connect, .unreachable), (113, .connect, .unreachable), (100, .connect, .unreachable),
                    (112, .connect, .unreachable), (103, .connect, .reset), (99, .connect, .unreachable),
                    (61, .connect, .refused), (54, .connect, .reset), (60, .connect, .timedOut),
                    (51, .connect, .unreachable), (65, .connect, .unreachable), (50, .connect, .unreachable),
                    (64, .connect, .unreachable), (53, .connect, .reset), (49, .connect, .unreachable),
                    (32, .response, .closed),
                ], forms: ["[errno %d]", "(os error %d)", "errno = %d", "errno: %d"])
            + [
                // The names, as Node (`connect ECONNREFUSED`), Ruby (`Errno::ECONNREFUSED`),
                // Erlang/Elixir (`:econnrefused`) and Go's syscall names print them.
                .code("ECONNREFUSED", .connect, .refused), .code("ECONNRESET", .connect, .reset),
                .code("ETIMEDOUT", .response, .timedOut), .code("ENETUNREACH", .connect, .unreachable),
                .code("EHOSTUNREACH", .connect, .unreachable), .code("ENETDOWN", .connect, .unreachable),
                .code("EHOSTDOWN", .connect, .unreachable), .code("ECONNABORTED", .connect, .reset),
                .code("EADDRNOTAVAIL", .connect, .unreachable), .code("EPIPE", .response, .closed),
                .undecidedCode("EPROTO"), .undecidedCode("ECANCELED"), .undecidedCode("EMFILE"),
            ])

    /// getaddrinfo's failures: `gai_strerror` texts of glibc and of the BSDs and macOS, the
    /// `EAI_*` names and numbers, and Node's `ENOTFOUND` (which Node reports for `EAI_NONAME`
    /// and `EAI_NODATA`).
    ///
    /// Sources: glibc `sysdeps/posix/gai_strerror-strs.h` (bminor/glibc 33d7c0e) with glibc's
    /// negative `EAI_*` numbers (`[Errno -2]`); FreeBSD `lib/libc/net/gai_strerror.c`
    /// (freebsd/freebsd-src 039ea81; macOS prints the older KAME wording `nodename nor servname
    /// provided, or not known`, `[Errno 8]`); libuv `include/uv.h` `UV_ERRNO_MAP` (6179e7a);
    /// Rust std prefixes the text with `failed to lookup address information: `.
    static let resolver = TransportTable(
        name: "getaddrinfo",
        source:
            "bminor/glibc sysdeps/posix/gai_strerror-strs.h @33d7c0e; freebsd/freebsd-src lib/libc/net/gai_strerror.c @039ea81; libuv include/uv.h @6179e7a",
        rows: [
            .says("Temporary failure in name resolution", .dns, .nameTemporaryFailure),  // EAI_AGAIN -3
            .says("Non-recoverable failure in name resolution", .dns, .other),  // EAI_FAIL -4
            .says("No address associated with hostname", .dns, .nameNotFound),  // EAI_NODATA -5
            .says("Name or service not known", .dns, .nameNotFound),  // EAI_NONAME -2
            .says("hostname nor servname provided, or not known", .dns, .nameNotFound),  // FreeBSD EAI_NONAME
            .says("nodename nor servname provided, or not known", .dns, .nameNotFound),  // macOS EAI_NONAME 8
            .says("unknown node or service", .dns, .nameNotFound),  // libuv UV_EAI_NONAME
            .says("failed to lookup address information", .dns, .other),  // Rust std, then the text above
            .undecided("Servname not supported for ai_socktype"),  // EAI_SERVICE: a bad port, not DNS
            .undecided("Address family for hostname not supported"),  // EAI_ADDRFAMILY
            .undecided("ai_family not supported"),
            .code("EAI_AGAIN", .dns, .nameTemporaryFailure), .code("EAI_NONAME", .dns, .nameNotFound),
            .code("EAI_NODATA", .dns, .nameNotFound), .code("EAI_FAIL", .dns, .other),
            .code("ENOTFOUND", .dns, .nameNotFound),  // Node lib/internal/errors.js dnsException
            .code("[errno -2]", .dns, .nameNotFound), .code("[errno -3]", .dns, .nameTemporaryFailure),
            .code("[errno -5]", .dns, .nameNotFound), .code("[errno -4]", .dns, .other),
            .code("[errno 8]", .dns, .nameNotFound),
            .undecidedCode("EAI_SERVICE"), .undecidedCode("EAI_ADDRFAMILY"),
        ])

    /// Winsock's errors: the numbers and names of `winerror.h` and their system message texts,
    /// as .NET (`SocketException (10061): No connection could be made…`), Python (`[WinError
    /// 10061]`), Rust (`(os error 10061)`), Dart (`errno = 10061`) and Delphi (`Socket Error #
    /// 10061`) print them; and curl's own Winsock texts on Windows builds.
    ///
    /// Sources: the Windows SDK `winerror.h` `MessageId`/`MessageText` entries for 10049–11004
    /// (as mirrored in public code); learn.microsoft.com "Windows Sockets Error Codes"
    /// (windows-sockets-error-codes-2) for the names and numbers; curl `lib/strerror.c`
    /// `get_winsock_error` (7.x) for curl's texts.
    static let winsock = TransportTable(
        name: "Winsock",
        source:
            "Windows SDK winerror.h MessageText (WSAE*, WSAHOST_NOT_FOUND…); learn.microsoft.com windows-sockets-error-codes-2; curl lib/strerror.c get_winsock_error",
        rows: [
            .says("No connection could be made because the target machine actively refused it", .connect, .refused),
            .says(
                "A connection attempt failed because the connected party did not properly respond after a period of time",
                .connect, .timedOut),
            .says("connected host has failed to respond", .connect, .timedOut),
            .says("An existing connection was forcibly closed by the remote host", .connect, .reset),
            .says("An established connection was aborted by the software in your host machine", .connect, .reset),
            .says("A socket operation was attempted to an unreachable network", .connect, .unreachable),
            .says("A socket operation was attempted to an unreachable host", .connect, .unreachable),
            .says("A socket operation encountered a dead network", .connect, .unreachable),
            .says("A socket operation failed because the destination host was down", .connect, .unreachable),
            .says("The requested address is not valid in its context", .connect, .unreachable),
            .says(
                "The connection has been broken due to keep-alive activity detecting a failure", .connect, .reset),
            .says("No such host is known", .dns, .nameNotFound),
            .says(
                "This is usually a temporary error during hostname resolution", .dns, .nameTemporaryFailure),
            .says("A non-recoverable error occurred during a database lookup", .dns, .other),
            .says("The requested name is valid, but no data of the requested type was found", .dns, .nameNotFound),
            .undecided("Only one usage of each socket address (protocol/network address/port) is normally permitted"),
            .undecided(
                "An operation on a socket could not be performed because the system lacked sufficient buffer space"),
            // curl's Winsock texts (get_winsock_error).
            .says("Host not found, try again", .dns, .nameTemporaryFailure),
            .says("Network unreachable", .connect, .unreachable),
            .says("Host unreachable", .connect, .unreachable),
            .says("Connection was aborted", .connect, .reset),
            // Names.
            .code("WSAECONNREFUSED", .connect, .refused), .code("WSAETIMEDOUT", .connect, .timedOut),
            .code("WSAECONNRESET", .connect, .reset), .code("WSAECONNABORTED", .connect, .reset),
            .code("WSAENETUNREACH", .connect, .unreachable), .code("WSAEHOSTUNREACH", .connect, .unreachable),
            .code("WSAENETDOWN", .connect, .unreachable), .code("WSAEHOSTDOWN", .connect, .unreachable),
            .code("WSAEADDRNOTAVAIL", .connect, .unreachable), .code("WSAENETRESET", .connect, .reset),
            .code("WSAHOST_NOT_FOUND", .dns, .nameNotFound), .code("WSATRY_AGAIN", .dns, .nameTemporaryFailure),
            .code("WSANO_RECOVERY", .dns, .other), .code("WSANO_DATA", .dns, .nameNotFound),
            .undecidedCode("WSAEADDRINUSE"), .undecidedCode("WSAENOBUFS"),
        ]
            + numbered(
                [
                    (10061, .connect, .refused), (10060, .connect, .timedOut), (10054, .connect, .reset),
                    (10053, .connect, .reset), (10051, .connect, .unreachable), (10065, .connect, .unreachable),
                    (10050, .connect, .unreachable), (10064, .connect, .unreachable), (10049, .connect, .unreachable),
                    (10052, .connect, .reset), (11001, .dns, .nameNotFound), (11002, .dns, .nameTemporaryFailure),
                    (11003, .dns, .other), (11004, .dns, .nameNotFound),
                ],
                forms: [
                    "winerror %d", "(os error %d)", "errno = %d", "[errno %d]", "socketexception (%d)",
                    "socket error # %d", "socket error %d", "error %d", "errno: %d", "(%d)",
                ]))

    /// Rows for numbers in each printed form (`%d` is the number).
    static func numbered(
        _ numbers: [(Int, TransportFailure.Phase, TransportFailure.Kind)], forms: [String]
    ) -> [TransportText] {
        numbers.flatMap { number, phase, kind in
            forms.map { TransportText.code(PrintedForm.fill($0, with: number), phase, kind) }
        }
    }
}
