public import Logging

extension Logger {
    /// A logger that prints nothing below critical, for tests that do not look at logs.
    public static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }
}
