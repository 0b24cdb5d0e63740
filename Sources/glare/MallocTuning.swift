import Foundation

/// How the C library's allocator hands memory back, set by `glare fetch` before any work (glibc's `mallopt`,
/// looked up at run time; elsewhere nothing is changed). Only the executable sets it, for the command it
/// was measured on.
///
/// By default glibc returns a heap's free top to the kernel once 128 KiB are free there, and gives each
/// block above a threshold that starts at 128 KiB pages of its own. A fetch allocates and frees a batch's
/// documents, series and SQLite pages again and again: memory handed back is asked for again, and every page
/// of it is faulted in and zeroed anew by the kernel (about 3 µs a page on the machines measured). Keeping up
/// to 256 MiB of freed memory, growing the heap 16 MiB at a time and serving blocks up to 32 MiB from it cut
/// a 200-feed fetch's page faults by 5–8 % and its time by 3–6 % (interleaved pairs, into an empty store and
/// a 100-day one; see the README's performance section). A Glare process is short-lived: what it keeps is
/// given back when it exits. The GKG import and `glare match` gained nothing from it (interleaved pairs)
/// and would keep ~15 MB more at their peak, so they run with glibc's defaults.
enum MallocTuning {
    static func apply() {
        #if os(Linux)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }  // RTLD_DEFAULT
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
            _ = mallopt(-2, 16 << 20)  // M_TOP_PAD
            _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD (its largest value on 64-bit systems)
        #endif
    }
}
