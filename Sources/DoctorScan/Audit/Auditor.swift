import DoctorCore

/// Audits files and folders for leaked credentials and OpenAI error records: the library
/// behind `openai-doctor audit`.
///
/// Files are listed by ``FileWalker`` and scanned by ``FileAuditor`` on every core: small
/// files one per worker, a large file split into byte ranges (``rangeSize`` bytes, and at
/// least one per worker) that workers take in turn as they finish the last, so that a worker
/// that starts late or runs slow holds no one up; the ranges are stitched back (line numbers
/// added up, a match that straddles two ranges kept once). Error-record verdicts are shared
/// between the workers.
///
/// ```swift
/// let report = Auditor().audit(["."])
/// report.findings.first?.fingerprint   // "sk-proj-…a1B2"
/// ```
public struct Auditor: Sendable {
    /// Whether `.gitignore` rules are honoured inside a git work tree.
    public var honourIgnoreFiles: Bool
    /// Whether OpenAI error records are read.
    public var readsErrorRecords: Bool
    /// How many files or ranges are scanned at once.
    public var workers: Int
    /// Files at least this large are split into ranges between workers.
    public var splitThreshold: Int
    /// The most bytes in one range of a split file.
    public var rangeSize: Int

    /// Creates an auditor; `workers` defaults to the number of online processors.
    public init(
        honourIgnoreFiles: Bool = true, readsErrorRecords: Bool = true, workers: Int? = nil,
        splitThreshold: Int = 32 << 20, rangeSize: Int = 4 << 20
    ) {
        self.honourIgnoreFiles = honourIgnoreFiles
        self.readsErrorRecords = readsErrorRecords
        self.workers = max(1, workers ?? StreamRedactor.onlineProcessors)
        self.splitThreshold = splitThreshold
        self.rangeSize = max(1, rangeSize)
    }

    /// Audits `paths` (files or directories).
    public func audit(_ paths: [String]) async -> AuditReport {
        let listing = FileWalker(honourIgnoreFiles: honourIgnoreFiles).list(paths)
        var jobs: [(file: Int, range: Range<Int>?)] = []
        for (index, file) in listing.files.enumerated() {
            if workers > 1, file.size >= splitThreshold {
                let pieces = max(workers, (file.size + rangeSize - 1) / rangeSize)
                let step = (file.size + pieces - 1) / pieces
                for k in 0..<pieces {
                    let lower = k * step
                    let upper = k == pieces - 1 ? Int.max : min(file.size, lower + step)
                    if lower < file.size { jobs.append((index, lower..<upper)) }
                }
            } else {
                jobs.append((index, nil))
            }
        }
        let auditor = FileAuditor(readsErrorRecords: readsErrorRecords, verdicts: ErrorRecordReader.SharedVerdicts())
        let files = listing.files
        var outcomes = [Result<FileAuditor.Result, any Error>?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: (Int, Result<FileAuditor.Result, any Error>).self) { group in
            var next = 0
            func start(_ group: inout TaskGroup<(Int, Result<FileAuditor.Result, any Error>)>) {
                guard next < jobs.count else { return }
                let job = jobs[next]
                let index = next
                let path = files[job.file].path
                let range = job.range
                next += 1
                group.addTask { (index, Result { try auditor.audit(path: path, range: range) }) }
            }
            for _ in 0..<min(workers, jobs.count) { start(&group) }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                start(&group)
            }
        }
        var report = AuditReport()
        report.ignored = listing.ignored
        report.unreadable = listing.unreadable.map { AuditReport.Unreadable(path: $0.path, reason: $0.reason) }
        var byFile: [Int: [(Range<Int>?, Result<FileAuditor.Result, any Error>)]] = [:]
        // Safe: every job's outcome is set once its task group has finished
        // swift-format-ignore: NeverForceUnwrap
        for (k, job) in jobs.enumerated() { byFile[job.file, default: []].append((job.range, outcomes[k]!)) }
        var tallies: [CauseID: ErrorRecordTally] = [:]
        for index in listing.files.indices {
            let file = listing.files[index]
            let parts = byFile[index] ?? []
            if let failure = parts.lazy.compactMap({ if case .failure(let e) = $0.1 { return e } else { return nil } })
                .first
            {
                let reason = (failure as? FileIOError)?.reason ?? String(describing: failure)
                report.unreadable.append(AuditReport.Unreadable(path: file.path, reason: reason))
                continue
            }
            let results = parts.compactMap { try? $0.1.get() }
            if results.first?.isBinary == true {
                report.skippedBinary.append(file.path)
                continue
            }
            report.filesScanned += 1
            var linesBefore = 0
            var lastEnd = 0
            for result in results {
                // A match that straddles two ranges is kept once, from the range it starts in.
                for var finding in result.findings where finding.offset >= lastEnd {
                    finding.line += linesBefore
                    report.findings.append(finding)
                    lastEnd = finding.offset + max(finding.length, 1)
                }
                linesBefore += result.lines
                report.bytesScanned += result.bytes
                for (cause, tally) in result.records {
                    tallies[cause, default: ErrorRecordTally(cause: cause)].merge(tally)
                }
            }
        }
        report.errorRecords = tallies.values.sorted { ($0.count, $1.cause.rawValue) > ($1.count, $0.cause.rawValue) }
        return report
    }
}
