#ifndef GLARE_CCURL_SHIM_H
#define GLARE_CCURL_SHIM_H
#include <curl/curl.h>
#include <stddef.h>
#include <stdio.h>
#ifndef __APPLE__
#include <dlfcn.h>
#endif

/// The libcurl functions Glare calls. On Linux libcurl is loaded when the first request is made, not
/// when the process starts: libcurl and what it needs (OpenSSL, GnuTLS, LDAP, Kerberos, ~25 libraries)
/// took ~15 ms to map and relocate at the start of every command, most of which never fetch. On macOS
/// libcurl is linked (GlareFetch's linker settings) and the table points at it.
typedef struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} glare_curl_api;

/// Fills `api`; NULL when done, else why libcurl could not be loaded (dlerror's text, or the missing function).
static inline const char *glare_curl_load(glare_curl_api *api) {
#ifdef __APPLE__
    api->global_init = curl_global_init;
    api->easy_init = curl_easy_init;
    api->easy_cleanup = curl_easy_cleanup;
    api->easy_reset = curl_easy_reset;
    api->easy_perform = curl_easy_perform;
    api->easy_strerror = curl_easy_strerror;
    api->easy_setopt = curl_easy_setopt;
    api->easy_getinfo = curl_easy_getinfo;
    api->slist_append = curl_slist_append;
    api->slist_free_all = curl_slist_free_all;
    return NULL;
#else
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        // Why libcurl.so.4 failed (dlerror's text lives until the next dl call, so it is copied).
        static char why[512];
        const char *first = dlerror();
        snprintf(why, sizeof why, "%s", first ? first : "libcurl.so.4 not found");
        lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
        if (!lib) return why;
    }
#define GLARE_CURL_SYMBOL(field, name)                                      \
    if (!(*(void **)&api->field = dlsym(lib, name))) return "libcurl lacks " name;
    GLARE_CURL_SYMBOL(global_init, "curl_global_init")
    GLARE_CURL_SYMBOL(easy_init, "curl_easy_init")
    GLARE_CURL_SYMBOL(easy_cleanup, "curl_easy_cleanup")
    GLARE_CURL_SYMBOL(easy_reset, "curl_easy_reset")
    GLARE_CURL_SYMBOL(easy_perform, "curl_easy_perform")
    GLARE_CURL_SYMBOL(easy_strerror, "curl_easy_strerror")
    GLARE_CURL_SYMBOL(easy_setopt, "curl_easy_setopt")
    GLARE_CURL_SYMBOL(easy_getinfo, "curl_easy_getinfo")
    GLARE_CURL_SYMBOL(slist_append, "curl_slist_append")
    GLARE_CURL_SYMBOL(slist_free_all, "curl_slist_free_all")
#undef GLARE_CURL_SYMBOL
    return NULL;
#endif
}

/// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one wrapper per argument type.
static inline CURLcode glare_curl_setopt_long(const glare_curl_api *api, CURL *h, CURLoption o, long v) { return api->easy_setopt(h, o, v); }
static inline CURLcode glare_curl_setopt_string(const glare_curl_api *api, CURL *h, CURLoption o, const char *v) { return api->easy_setopt(h, o, v); }
static inline CURLcode glare_curl_setopt_pointer(const glare_curl_api *api, CURL *h, CURLoption o, void *v) { return api->easy_setopt(h, o, v); }
static inline CURLcode glare_curl_setopt_off(const glare_curl_api *api, CURL *h, CURLoption o, curl_off_t v) { return api->easy_setopt(h, o, v); }
typedef size_t (*glare_curl_callback)(char *, size_t, size_t, void *);
static inline CURLcode glare_curl_setopt_callback(const glare_curl_api *api, CURL *h, CURLoption o, glare_curl_callback f) { return api->easy_setopt(h, o, f); }
static inline CURLcode glare_curl_getinfo_long(const glare_curl_api *api, CURL *h, CURLINFO i, long *v) { return api->easy_getinfo(h, i, v); }
#endif
