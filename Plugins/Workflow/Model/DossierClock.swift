import NTMCore

/// The dates that decide whether a dossier was handled on time, and the rule that decides it —
/// the one the Decision 766/QĐ-TTg index (2022) uses:
///
/// 1. The time allowed is the working days from receipt to the due date (or the procedure's
///    statutory time in working days when no due date is given). The day of receipt does not count.
/// 2. The end is the first of: processing finished, result returned, processing stopped (refused,
///    withdrawn).
/// 3. The citizen's supplement time — from the office's request for additional documents to the
///    citizen's reply — does not count.
/// 4. A supplement request still open stops the clock at the request's date.
/// 5. More than one supplement request makes the dossier overdue, however fast it was handled.
/// 6. A dossier with no end is judged at the end of the period asked about: still within its
///    time, or already overdue.
///
/// Working days used = working days from receipt to the end (or the clock's stop), less the
/// paused working days. Finished with fewer than allowed: early; exactly: on time; more: overdue.
struct DossierClock: Equatable, Sendable {
    var received: Int32
    /// The due date the portal set, if given.
    var due: Int32?
    /// The procedure's statutory time in working days, if given.
    var statutoryDays: Int32?
    var finished: Int32?
    var returned: Int32?
    var stopped: Int32?
    /// How many times additional documents were requested.
    var supplementRequests: Int32 = 0
    /// The first supplement request and the citizen's reply to it.
    var supplementRequested: Int32?
    var supplementReplied: Int32?

    /// The first of finished, returned and stopped; nil while the dossier is open.
    var end: Int32? {
        // No array here: a report asks this of every one of a million dossiers.
        var first = finished
        if let returned, first.map({ returned < $0 }) ?? true { first = returned }
        if let stopped, first.map({ stopped < $0 }) ?? true { first = stopped }
        return first
    }

    /// What ended the dossier.
    var endKind: String? {
        guard let end else { return nil }
        if finished == end { return "processing finished" }
        if returned == end { return "result returned" }
        return "processing stopped"
    }

    /// The verdict, and what it rests on.
    struct Judgement: Equatable {
        enum Outcome: Equatable {
            case early, onTime, overdue          // ended by the day judged
            case withinTime, openOverdue        // open on the day judged
        }

        var outcome: Outcome
        /// True when the dossier is open and the clock stands at an unanswered supplement request.
        var awaitingSupplement: Bool
        /// The day the clock stopped (the end, an open supplement request, or the day judged).
        var stop: Int32
        var allowed: Int32
        var used: Int32
        var paused: Int32
        /// Overdue because of more than one supplement request (rule 5).
        var repeatedSupplement: Bool

        var isClosed: Bool {
            switch outcome {
            case .early, .onTime, .overdue: return true
            case .withinTime, .openOverdue: return false
            }
        }
        var isOverdue: Bool { outcome == .overdue || outcome == .openOverdue }
        /// Working days beyond the time allowed (0 when within it).
        var daysOver: Int32 { max(0, used - allowed) }
    }

    /// The working days allowed.
    func allowed(_ calendar: WorkingCalendar) -> Int32 {
        if let due { return max(0, calendar.workingDays(after: received, through: due)) }
        return statutoryDays ?? 0
    }

    /// The verdict on `day` (the end of the period asked about); an end after that day is not yet known.
    func judge(on day: Int32, _ calendar: WorkingCalendar) -> Judgement {
        var stop: Int32
        var closed: Bool
        if let end, end <= day { stop = end; closed = true } else { stop = max(day, received); closed = false }
        var paused: Int32 = 0
        var awaiting = false
        if let requested = supplementRequested, requested <= stop {
            if let replied = supplementReplied, replied <= stop {
                paused = calendar.workingDays(after: requested, through: replied)
            } else {
                stop = requested            // rule 4: the clock stands at the open request
                awaiting = !closed
            }
        }
        let allowed = allowed(calendar)
        let used = max(0, calendar.workingDays(after: received, through: stop) - paused)
        let repeated = supplementRequests > 1 && (supplementRequested.map { $0 <= day } ?? true)
        let outcome: Judgement.Outcome
        if closed {
            outcome = repeated || used > allowed ? .overdue : (used == allowed ? .onTime : .early)
        } else {
            outcome = repeated || used > allowed ? .openOverdue : .withinTime
        }
        return Judgement(outcome: outcome, awaitingSupplement: awaiting, stop: stop, allowed: allowed, used: used,
                         paused: paused, repeatedSupplement: repeated)
    }
}
