import Foundation
import GlareCore
import GlareFetch
import GlareParsers
import GlareReport
import GlareStore

/// Exit statuses, following sysexits(3), and which errors map to which.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    /// The command was used wrongly.
    case usage = 64
    /// Input data was malformed (a file, a roster).
    case dataError = 65
    /// An input file or the store does not exist (nothing was created).
    case noInput = 66
    /// A source is unavailable.
    case unavailable = 69
    /// A fault in Glare itself.
    case internalError = 70
    /// An output file or folder could not be created.
    case cannotCreate = 73
    /// A file could not be read or written.
    case ioError = 74
    /// A temporary failure; cron may retry.
    case temporaryFailure = 75

    /// The status of a command whose items failed in several ways: an I/O failure first (the operator
    /// must act, and a retry may pass), then a temporary one, then the rest by code; `.ok` for none.
    public static func worst(_ statuses: some Sequence<ExitStatus>) -> ExitStatus {
        let failed = Set(statuses).subtracting([.ok])
        for first in [ExitStatus.ioError, .temporaryFailure] where failed.contains(first) { return first }
        return failed.min { $0.rawValue < $1.rawValue } ?? .ok
    }

    /// Every status, in order (sysexits(3): exactly these).
    public static let allStatuses: [ExitStatus] = [.ok, .usage, .dataError, .noInput, .unavailable, .internalError, .cannotCreate, .ioError, .temporaryFailure]

    /// The status a failed command should exit with.
    public static func of(_ error: Error) -> ExitStatus {
        switch error {
        case let e as MissingInput: return e.status
        case is ForgetError: return .usage
        case is StudyError, is OutputFileError: return .cannotCreate
        case let e as RosterError: return e.line == nil && !FileManager.default.fileExists(atPath: e.file) ? .noInput : .dataError
        case is ParseError, is StitchError: return .dataError
        case let e as ImportError:
            switch e {
            case .unreadable(let path, _): return FileManager.default.fileExists(atPath: path) ? .ioError : .noInput
            case .nothingToImport(let path): return FileManager.default.fileExists(atPath: path) ? .usage : .noInput
            case .unknownPerson, .personForMultiTermFile, .apiTermsNeeded, .badName: return .usage
            case .unknownTerm, .ambiguousTerm: return .dataError
            case .noSuchRegion: return .usage
            }
        case is ExportError, is AnalysisError: return .usage
        case let e as StoreError where e.isMissing: return .noInput
        case let e as StoreError: return e.isDataError ? .dataError : e.isTemporary ? .temporaryFailure : .ioError
        case let e as FetchError: return e.isTransient ? .temporaryFailure : .unavailable
        case is SourceListError: return .dataError
        case let e as FetchRunError: return e.isConfiguration ? .usage : .unavailable
        case is EncodingError: return .internalError  // an output Glare built but could not write out
        default: return .ioError
        }
    }
}
