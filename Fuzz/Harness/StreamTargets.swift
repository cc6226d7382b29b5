import Dispatch

@testable import DoctorCore
@testable import DoctorScan

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The streaming redactor and the auditor, across chunk and range boundaries.
enum StreamTargets {
    /// Neutral log lines put before the input, so that it straddles the stream's chunk boundaries.
    static func padded(_ bytes: [UInt8], input: FuzzInput, slot: Int) -> [UInt8] {
        let length = input.choice(slot, below: 24_000)
        let line = Array("2026-01-01T00:00:00Z INFO request ok\n".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(length + bytes.count)
        while out.count < length { out += line }
        out.removeLast(out.count - length)
        if !out.isEmpty { out[out.count - 1] = 0x0A }  // never glued to what follows
        return out + bytes
    }

    static let redactor = FuzzTarget(
        name: "stream-redactor",
        property:
            "streaming redactor: for any split of the input (small chunks, pieces of any size) the output equals the in-memory redaction of the whole, and no planted key survives"
    ) { input in
        let (planted, key) = PlantedKey.plant(in: input)
        // Valid UTF-8 (as the in-memory redaction of a String sees it), so that bytes compare.
        let document = Array(String(decoding: padded(planted, input: input, slot: 2), as: UTF8.self).utf8)
        let whole = Array(Redactor.redact(String(decoding: document, as: UTF8.self)).utf8)
        // The stream, fed in pieces of fuzzer-chosen sizes through its smallest chunks.
        let stream = SecretStream(chunkSize: 4096, lookbehind: 0)
        var output: [UInt8] = []
        let emit: (SecretStream.Window) -> Void = { window in
            var position = window.committed.lowerBound
            for match in window.matches {
                output += UnsafeBufferPointer(rebasing: window.bytes[position..<match.range.lowerBound])
                output += Array(
                    RedactionToken.token(
                        for: UnsafeBufferPointer(rebasing: window.bytes[match.range]), kind: match.kind
                    ).utf8)
                position = match.range.upperBound
            }
            output += UnsafeBufferPointer(rebasing: window.bytes[position..<window.committed.upperBound])
        }
        let pieces = [1 + input.choice(3, below: 9000), 1 + input.choice(4, below: 300)]
        var offset = 0
        var turn = 0
        document.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = min(pieces[turn % 2], raw.count - offset)
                stream.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]), emit)
                offset += n
                turn += 1
            }
        }
        stream.finish(emit)
        let streamed = output
        if streamed != whole {
            let at =
                zip(streamed, whole).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(streamed.count, whole.count)
            func around(_ bytes: [UInt8]) -> String {
                String(decoding: bytes[max(0, at - 80)..<min(bytes.count, at + 80)], as: UTF8.self).debugDescription
            }
            FuzzCheck.fail(
                "the stream's output differs from the whole's at byte \(at) (stream \(streamed.count) bytes, whole \(whole.count)), pieces \(pieces)\nstream: \(around(streamed))\nwhole:  \(around(whole))"
            )
        }
        PlantedKey.requireAbsent(key, in: String(decoding: output, as: UTF8.self), what: "the streamed redaction")
    }

    static let audit = FuzzTarget(
        name: "audit",
        property:
            "auditor: a file split into ranges gives the same findings, lines, bytes and error records as read whole; the planted key lies inside a finding"
    ) { input in
        let (planted, key) = PlantedKey.plant(in: input)
        let document = padded(planted, input: input, slot: 2)
        let path = scratchPath
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { FuzzCheck.fail("cannot write \(path)") }
        let written = document.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == document.count else { FuzzCheck.fail("short write to \(path)") }
        let rangeSize = max(document.count / 12, 1 + input.choice(3, below: 20_000))
        let whole = blocking { await Auditor(workers: 1).audit([path]) }
        let split = blocking {
            await Auditor(workers: 2, splitThreshold: 1, rangeSize: rangeSize).audit([path])
        }
        if !whole.skippedBinary.isEmpty {
            FuzzCheck.require(split.skippedBinary == whole.skippedBinary, "binary in one reading only")
            return
        }
        func describe(_ report: AuditReport) -> [String] {
            report.findings.map {
                "\($0.line):\($0.column ?? -1)@\($0.offset) \($0.kind) \($0.fingerprint) \($0.token)"
            }
        }
        FuzzCheck.require(
            describe(split) == describe(whole),
            "findings differ with ranges of \(rangeSize) bytes:\nwhole \(describe(whole))\nsplit \(describe(split))")
        FuzzCheck.require(
            split.bytesScanned == whole.bytesScanned, "bytes \(split.bytesScanned) split, \(whole.bytesScanned) whole")
        let records = { (r: AuditReport) in r.errorRecords.map { "\($0.cause.rawValue) \($0.count)" } }
        FuzzCheck.require(
            records(split) == records(whole), "error records \(records(split)) split, \(records(whole)) whole")
        // The planted key lies inside a finding (alone, or within a wider credential value).
        if let at = document.firstRange(of: Array(key.utf8))?.lowerBound {
            FuzzCheck.require(
                whole.findings.contains { $0.offset <= at && at + key.utf8.count <= $0.offset + max($0.length, 1) },
                "the planted key \(KeyFingerprint.fingerprint(key)) at offset \(at) is in no finding")
        }
        PlantedKey.requireAbsent(key, in: JSONOutput.encode(whole), what: "the audit report's JSON")
        PlantedKey.requireAbsent(key, in: whole.renderText(), what: "the audit report's text")
    }

    /// The file the audit target writes each input to (one per process).
    static let scratchPath: String = {
        let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        atexit { unlink(StreamTargets.scratchPath) }  // a normal end removes it; a finding leaves it
        return "\(directory)/doctor-fuzz-audit-\(getpid()).log"
    }()

    /// Runs `body` to its end from synchronous code (libFuzzer calls the harness synchronously).
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await body()
            done.signal()
        }
        done.wait()
        // Safe: the thread sets the value before it signals done
        // swift-format-ignore: NeverForceUnwrap
        return box.value!
    }
}

/// Carries a task's result back to the thread waiting for it (written once, before the signal).
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
