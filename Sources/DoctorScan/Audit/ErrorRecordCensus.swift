import DoctorCore

/// The OpenAI error records of one file (or byte range of it), tallied as they are read.
///
/// A log holds thousands of records of a handful of causes, so the census keeps one slot per
/// cause, found by comparing causes (the last one first) rather than by hashing, counts hours
/// as numbers, and builds the ``ErrorRecordTally`` values, with their text, only once, at the end.
struct ErrorRecordCensus {
    private struct Slot {
        var cause: CauseID
        var count = 0
        var byHour: [Int: Int] = [:]
        var requestIDs: [String] = []
    }

    private var slots: [Slot] = []
    private var last = 0

    /// Counts the record of `cause` on `line` (its hour, and its request id while ids are still wanted).
    mutating func add(_ cause: CauseID, line: UnsafeBufferPointer<UInt8>) {
        let index = slot(for: cause)
        slots[index].count += 1
        if let hour = ErrorRecordReader.hourStamp(in: line) { slots[index].byHour[hour, default: 0] += 1 }
        if slots[index].requestIDs.count < ErrorRecordTally.requestIDLimit,
            let id = ErrorRecordReader.requestID(in: line),
            !slots[index].requestIDs.contains(id)
        {
            slots[index].requestIDs.append(id)
        }
    }

    /// The tallies by cause, for records read from `path`.
    func tallies(path: String) -> [CauseID: ErrorRecordTally] {
        var tallies: [CauseID: ErrorRecordTally] = [:]
        for slot in slots {
            var tally = ErrorRecordTally(cause: slot.cause)
            tally.count = slot.count
            for (hour, count) in slot.byHour { tally.byHour[ErrorRecordReader.hourText(hour)] = count }
            tally.requestIDs = slot.requestIDs
            tally.files = [path]
            tallies[slot.cause] = tally
        }
        return tallies
    }

    private mutating func slot(for cause: CauseID) -> Int {
        if last < slots.count, slots[last].cause == cause { return last }
        if let found = slots.firstIndex(where: { $0.cause == cause }) {
            last = found
        } else {
            slots.append(Slot(cause: cause))
            last = slots.count - 1
        }
        return last
    }
}
