import Foundation

/// An exclusive `flock` on `<database>-migrations.lock`, held while a new or old database is brought up
/// to date, so concurrent first opens do not race in the migrations. The empty lock file stays.
struct MigrationLock {
    let descriptor: Int32

    init(database: String) throws {
        let path = database + "-migrations.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.io(path: path, reason: "cannot create the migration lock (\(String(cString: strerror(errno))))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError.io(path: path, reason: "cannot lock for the migrations (\(reason))")
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
