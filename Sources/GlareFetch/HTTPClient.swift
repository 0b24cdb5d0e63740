import CCurl
public import Foundation
public import Logging

/// HTTP GET through libcurl, with what a fetch that runs for years needs: connect and low-speed
/// timeouts, a maximum body size counted after decompression (so a gzip bomb is cut off), gzip and
/// deflate, conditional requests, retries with exponential backoff and jitter, `Retry-After`
/// honoured, and a minimum interval between requests to one host.
public final class HTTPClient: @unchecked Sendable {
    /// Client settings, with defaults for polite unattended use.
    public struct Configuration: Sendable {
        public var userAgent = "Glare/0.1 (media attention research; https://example.invalid/glare)"
        public var connectTimeout: TimeInterval = 10
        /// Abort when fewer than `lowSpeedBytes` per second arrive for `lowSpeedTime` seconds.
        public var lowSpeedBytes = 100
        public var lowSpeedTime: TimeInterval = 20
        public var maxBodyBytes = 64 << 20
        /// Attempts per request, the first included.
        public var attempts = 4
        public var backoffBase: TimeInterval = 1
        public var backoffMax: TimeInterval = 60
        /// The longest `Retry-After` obeyed; longer waits fail the request as transient instead.
        public var retryAfterMax: TimeInterval = 300
        /// The least time between two requests to the same host.
        public var hostInterval: TimeInterval = 0
        /// After this many requests in a row could not reach one origin (scheme, host and port: its name did not
        /// resolve, or no connection, TLS included, was made before a refusal or a timeout; each after its
        /// attempts), the client asks it nothing more for `originRetryAfter` seconds: requests to it, redirects
        /// included, fail at once as transient, saying why. Then it is asked again: one more request that cannot
        /// reach it stops its requests for as long again, an answer ends the count. A host that is down then
        /// costs a run this many requests' retries, not every source's on it (with four attempts, 200 feeds on
        /// one host refusing connections took about 20 minutes a run, and hours on one letting them time out).
        /// A host that answers, even with an error, is asked as usual (its count starts again), so feeds failing
        /// on one path never keep its other feeds from being fetched; other failures (a reset, a slow answer, a
        /// body too large) neither count nor start the count again; requests under way finish. 0: no limit.
        public var originFailureLimit = 3
        /// Seconds after an origin's last request that could not reach it before one more is let through (see
        /// `originFailureLimit`): a short outage on this machine's side stops a long run's requests to a host for
        /// this long, not for the rest of the run.
        public var originRetryAfter: TimeInterval = 60
        public init() {}
    }

    /// What a header value is trimmed of (made once: the character set costs more than reading the header).
    static let headerSpace = CharacterSet.whitespacesAndNewlines

    /// A response.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data
        public let url: String
        public var notModified: Bool { status == 304 }

        /// The response with every secret (and its percent-encoded form) in the body replaced by `[redacted]`.
        func redacting(_ secrets: [String]) -> Response {
            var body = body
            let marker = Data("[redacted]".utf8)
            for secret in secrets where !secret.isEmpty {
                let forms = Set([secret, secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret])
                for form in forms {
                    let needle = Data(form.utf8)
                    while let range = body.range(of: needle) { body.replaceSubrange(range, with: marker) }
                }
            }
            return Response(status: status, headers: headers, body: body, url: url)
        }
    }

    public let configuration: Configuration
    let logger: Logger
    /// Injected for tests: how to wait.
    let sleep: @Sendable (TimeInterval) -> Void
    private var lastRequest: [String: Date] = [:]
    /// Per origin, the requests in a row that could not reach it, why the last one could not, and when it ended.
    private var unreached: [String: (count: Int, reason: String, at: Date)] = [:]
    private let lock = NSLock()
    /// Idle libcurl handles by origin (`scheme://host:port`): a handle keeps its connections open (HTTP
    /// keep-alive) and its TLS sessions, so the next request to a host, from any thread, skips the
    /// handshakes. A run of feeds from one publisher's host asks over one connection at a time per thread.
    private var idle: [(origin: String, handle: UnsafeMutableRawPointer)] = []
    /// Most idle handles kept, the least recently used freed first (each holds its open connections: a run
    /// over a thousand hosts must not hold a thousand sockets, nor its file descriptors).
    static let idleHandles = 16

    public init(
        configuration: Configuration = .init(), logger: Logger,
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.sleep = sleep
    }

    deinit {
        // A client that never fetched holds no handle, and must not load libcurl to free none.
        guard !idle.isEmpty, case .success(let api) = Self.curl else { return }
        for entry in idle { api.easy_cleanup(entry.handle) }
    }

    /// The idle handle last used for the URL's origin (reset to libcurl's defaults, its connections kept), or a new one.
    private func handle(for origin: String, _ api: glare_curl_api) -> UnsafeMutableRawPointer? {
        lock.lock()
        defer { lock.unlock() }
        guard let i = idle.lastIndex(where: { $0.origin == origin }) else { return api.easy_init() }
        return idle.remove(at: i).handle
    }

    /// Keeps a handle whose transfer went through for the next request to its origin, reset so that it refers to
    /// nothing of this request; the least recently used idle handle is freed when more than `idleHandles` are kept.
    private func keep(_ handle: UnsafeMutableRawPointer, for origin: String, _ api: glare_curl_api) {
        api.easy_reset(handle)
        lock.lock()
        idle.append((origin, handle))
        let evicted = idle.count > Self.idleHandles ? idle.removeFirst().handle : nil
        lock.unlock()
        if let evicted { api.easy_cleanup(evicted) }
    }

    /// What `origin(of:)` gives a URL Foundation cannot parse (such requests share idle handles, and are never
    /// counted as not reaching an origin).
    static let noOrigin = "(no origin)"

    /// The origin a URL's connections belong to (scheme, host and port, lower-cased).
    static func origin(of url: String) -> String {
        // (A URL Foundation cannot parse has no origin of its own: never the URL itself, which may carry a key.)
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), let host = c.host?.lowercased() else { return noOrigin }
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host  // an IPv6 address, as URLs write it
        return "\(scheme)://\(shown):\(c.port.map(String.init) ?? (scheme == "https" ? "443" : "80"))"
    }

    /// libcurl, loaded and set up (its process-wide `curl_global_init`) by the first request of the
    /// process or by `prepare()`, or why it could not be loaded: a command that fetches nothing never
    /// loads it.
    /// (Immutable once made: a table of function pointers, safe to read from any thread.)
    nonisolated(unsafe) private static let curl: Result<glare_curl_api, CurlUnavailable> = {
        var api = glare_curl_api()
        if let why = glare_curl_load(&api) { return .failure(CurlUnavailable(reason: String(cString: why))) }
        _ = api.global_init(Int(CURL_GLOBAL_DEFAULT))
        return .success(api)
    }()

    /// Loads libcurl (see `curl`) on a thread of its own now, so that a command about to fetch finds it
    /// loaded when its first request is made (mapping libcurl and its ~25 libraries and its global set-up
    /// take ~15 ms, on the path of the first request otherwise). A request made meanwhile waits for it.
    /// Pair it with `finishPreparing()` on every way out (a `defer`): a process that exits while another
    /// thread is inside `dlopen` or `curl_global_init` can crash (a C program doing so: 16 of 400 runs).
    public static func prepare() {
        Thread.detachNewThread { _ = curl }
    }

    /// Waits until libcurl, being loaded by `prepare()`, is loaded (returns at once when it is).
    public static func finishPreparing() {
        _ = curl
    }

    /// Why libcurl could not be loaded.
    struct CurlUnavailable: Error {
        let reason: String
    }

    /// GETs `url`, retrying transient failures; `headers` are sent as given (e.g. If-None-Match).
    /// `display` is how the URL appears in logs and errors (without API keys). `secrets` are the
    /// credentials the request carries (an API key in the query or a header): they are never sent to
    /// another host than `url`'s on a redirect, and never returned in a body (a server that echoes
    /// the key gets it replaced by `[redacted]`, so no snapshot or document stores it).
    /// After `Configuration.originFailureLimit` requests in a row could not reach an origin, a request to it
    /// (or redirected to it) fails at once (transient), saying why.
    public func get(_ url: String, headers: [String: String] = [:], display: String? = nil, secrets: [String] = []) throws -> Response {
        let shown = display ?? url
        do {
            return try attempting(url, headers: headers, shown: shown, secrets: secrets)
        } catch let error as FetchError {
            if case .unreached(let reason, let origin) = error.kind { noteUnreached(origin, reason: reason) }
            throw error
        }
    }

    /// Why a request to `origin` is not made at `now`: the last `originFailureLimit` requests could not reach it,
    /// the last less than `originRetryAfter` seconds before (after that, requests go again: the next one that
    /// cannot reach it stops them for as long again).
    func refusal(_ origin: String, shown: String, now: Date = Date()) -> FetchError? {
        lock.lock()
        defer { lock.unlock() }
        guard configuration.originFailureLimit > 0, let u = unreached[origin], u.count >= configuration.originFailureLimit,
            now.timeIntervalSince(u.at) < configuration.originRetryAfter
        else { return nil }
        return .notAsked("not asked: the last \(u.count) requests to \(origin) could not reach it (the last: \(u.reason)); the next run asks again", url: shown)
    }

    /// Counts a request that could not reach `origin` (after its attempts), at `now`.
    func noteUnreached(_ origin: String, reason: String, now: Date = Date()) {
        lock.lock()
        let count = (unreached[origin]?.count ?? 0) + 1
        unreached[origin] = (count, reason, now)
        lock.unlock()
        if count == configuration.originFailureLimit {
            logger.warning("origin not asked again this run", metadata: ["origin": "\(origin)", "unreached_in_a_row": "\(count)", "last": "\(reason)"])
        }
    }

    /// `origin` answered: its count of requests that could not reach it starts again.
    func noteAnswered(_ origin: String) {
        lock.lock()
        unreached[origin] = nil
        lock.unlock()
    }

    /// `get`'s attempts: transient failures retried with backoff (or as `Retry-After` says), up to `attempts`.
    private func attempting(_ url: String, headers: [String: String], shown: String, secrets: [String]) throws -> Response {
        var attempt = 0
        while true {
            attempt += 1
            throttle(url)
            do {
                var r = try following(url, headers: headers, shown: shown, secrets: secrets.filter { !$0.isEmpty })
                r = r.redacting(secrets)
                if r.status == 429 || r.status >= 500 {
                    let error = FetchError.status(r.status, url: shown)
                    guard attempt < configuration.attempts else { throw error }
                    let wait = retryAfter(r.headers["retry-after"]) ?? backoff(attempt)
                    guard wait <= configuration.retryAfterMax else { throw error }
                    logger.info("retrying", metadata: ["url": "\(shown)", "status": "\(r.status)", "wait": "\(wait)"])
                    sleep(wait)
                    continue
                }
                if r.status >= 400 { throw FetchError.status(r.status, url: shown) }
                return r
            } catch let e as FetchError where e.isRetried && attempt < configuration.attempts {
                logger.info("retrying", metadata: ["url": "\(shown)", "error": "\(e)"])
                sleep(backoff(attempt))
            }
        }
    }

    /// The most redirects followed for one request (curl's habit is 50; feeds and APIs need one or two).
    static let maximumRedirects = 5

    /// One request with its redirects followed by hand, so that credentials stay with their host: on a
    /// redirect to another scheme, host or port, headers carrying a secret (and Authorization, Cookie)
    /// are dropped and query parameters carrying one removed, as curl does for its own credentials
    /// without `--location-trusted`.
    func following(_ url: String, headers: [String: String], shown: String, secrets: [String]) throws -> Response {
        var current = url
        var headers = headers
        let origin = URLComponents(string: url)
        for _ in 0...Self.maximumRedirects {
            let hop = Self.origin(of: current)
            if let refusal = refusal(hop, shown: shown) { throw refusal }
            let r = try once(current, origin: hop, headers: headers, shown: shown)
            noteAnswered(hop)
            guard [301, 302, 303, 307, 308].contains(r.status), let location = r.headers["location"], !location.isEmpty else { return r }
            guard let next = URL(string: location, relativeTo: URL(string: current))?.absoluteURL,
                let scheme = next.scheme?.lowercased(), ["http", "https"].contains(scheme),
                var target = URLComponents(url: next, resolvingAgainstBaseURL: true)
            else {
                let named = secrets.reduce(String(location.prefix(200))) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
                throw FetchError.badResponse("a redirect to '\(named)', which is not an http(s) URL", url: shown)
            }
            if target.scheme?.lowercased() != origin?.scheme?.lowercased() || target.host?.lowercased() != origin?.host?.lowercased()
                || target.port != origin?.port
            {
                headers = headers.filter { name, value in
                    !["authorization", "cookie", "proxy-authorization"].contains(name.lowercased()) && !secrets.contains { value.contains($0) }
                }
                target.queryItems = target.queryItems.map { items in items.filter { item in !secrets.contains { (item.value ?? "").contains($0) } } }
                if target.queryItems?.isEmpty == true { target.queryItems = nil }
            }
            guard let resolved = target.string else { throw FetchError.transport("a redirect Glare cannot follow", url: shown) }
            current = resolved
        }
        throw FetchError.transport("more than \(Self.maximumRedirects) redirects", url: shown)
    }

    func backoff(_ attempt: Int) -> TimeInterval {
        let base = min(configuration.backoffMax, configuration.backoffBase * pow(2, Double(attempt - 1)))
        return base * Double.random(in: 0.5...1.0)
    }

    /// `Retry-After` as seconds or an HTTP date.
    func retryAfter(_ value: String?) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let s = TimeInterval(value) { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// Waits for this request's turn at its host: each request takes the next time `hostInterval` after
    /// the one before it (taken under the lock, so requests from several threads are spaced too).
    func throttle(_ url: String) {
        guard configuration.hostInterval > 0, let host = URL(string: url)?.host else { return }
        let now = Date()
        lock.lock()
        let turn = lastRequest[host].map { max(now, $0.addingTimeInterval(configuration.hostInterval)) } ?? now
        lastRequest[host] = turn
        lock.unlock()
        let wait = turn.timeIntervalSince(now)
        if wait > 0 { sleep(wait) }
    }

    final class Sink {
        var body = Data()
        var headers: [String: String] = [:]
        let limit: Int
        var exceeded = false
        init(limit: Int) { self.limit = limit }
    }

    /// One request to `url`, whose origin (`origin(of:)`) is `origin`.
    func once(_ url: String, origin: String, headers: [String: String], shown: String) throws -> Response {
        var api: glare_curl_api
        switch Self.curl {
        case .success(let loaded): api = loaded
        case .failure(let error): throw FetchError.unavailable("libcurl cannot be loaded (\(error.reason)); install libcurl4 to fetch", url: shown)
        }
        guard let handle = handle(for: origin, api) else { throw FetchError.transport("libcurl could not start", url: shown) }
        var reusable = false
        defer { if reusable { keep(handle, for: origin, api) } else { api.easy_cleanup(handle) } }
        let sink = Sink(limit: configuration.maxBodyBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        for (k, v) in headers { list = api.slist_append(list, "\(k): \(v)") }
        defer { api.slist_free_all(list) }
        _ = glare_curl_setopt_string(&api, handle, CURLOPT_URL, url)
        _ = glare_curl_setopt_string(&api, handle, CURLOPT_USERAGENT, configuration.userAgent)
        _ = glare_curl_setopt_string(&api, handle, CURLOPT_ACCEPT_ENCODING, "")  // gzip, deflate, decoded by curl
        _ = glare_curl_setopt_long(&api, handle, CURLOPT_FOLLOWLOCATION, 0)  // followed by hand (`following`)
        _ = glare_curl_setopt_long(&api, handle, CURLOPT_NOSIGNAL, 1)
        _ = glare_curl_setopt_long(&api, handle, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        _ = glare_curl_setopt_long(&api, handle, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedBytes)
        _ = glare_curl_setopt_long(&api, handle, CURLOPT_LOW_SPEED_TIME, Int(configuration.lowSpeedTime.rounded(.up)))
        _ = glare_curl_setopt_string(&api, handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = glare_curl_setopt_string(&api, handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        if let list { _ = glare_curl_setopt_pointer(&api, handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list)) }
        _ = glare_curl_setopt_callback(&api, handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let sink = Unmanaged<HTTPClient.Sink>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            if sink.body.count + n > sink.limit {
                sink.exceeded = true
                return 0  // aborts the transfer
            }
            sink.body.append(UnsafeRawPointer(data!).assumingMemoryBound(to: UInt8.self), count: n)
            return n
        }
        _ = glare_curl_setopt_pointer(&api, handle, CURLOPT_WRITEDATA, context)
        _ = glare_curl_setopt_callback(&api, handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let sink = Unmanaged<HTTPClient.Sink>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
            if line.hasPrefix("HTTP/") { sink.headers = [:] }  // a new response (after a 100 Continue)
            if let colon = line.firstIndex(of: ":") {
                sink.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: HTTPClient.headerSpace)
            }
            return n
        }
        _ = glare_curl_setopt_pointer(&api, handle, CURLOPT_HEADERDATA, context)
        let code = api.easy_perform(handle)
        if sink.exceeded { throw FetchError.tooLarge(configuration.maxBodyBytes, url: shown) }
        guard code == CURLE_OK else {
            let reason = api.easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
            // No connection made: the name did not resolve, the connection was refused, or it timed out before any
            // request was sent (a timeout after, on a slow answer, is the path's, not the host's).
            var sent = 0
            if code == CURLE_OPERATION_TIMEDOUT { _ = glare_curl_getinfo_long(&api, handle, CURLINFO_REQUEST_SIZE, &sent) }
            let unreached =
                [CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT].contains(code)
                || (code == CURLE_OPERATION_TIMEDOUT && sent == 0)
            guard unreached && origin != Self.noOrigin else { throw FetchError.transport(reason, url: shown) }
            throw FetchError.unreached(reason, origin: origin, url: shown)
        }
        reusable = true
        var status = 0
        _ = glare_curl_getinfo_long(&api, handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, headers: sink.headers, body: sink.body, url: shown)
    }
}
