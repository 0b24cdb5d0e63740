#include "CGlareSketch.h"

void glare_minhash_portable(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size) {
    for (size_t i = 0; i < count; i++) {
        uint64_t v = first[i];
        const uint64_t d = step[i];
        for (size_t k = 0; k < size; k++) {
            if (v < signature[k]) signature[k] = v;
            v += d;
        }
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

/// AVX2 compares 64-bit lanes as signed numbers only: every value is kept with its top bit flipped, which adds
/// 2^63 (mod 2^64) and so commutes with the additions, and orders the flipped values as signed numbers as the
/// values themselves are ordered unsigned.
#define GLARE_FLIP ((long long)INT64_MIN)

/// The most hash functions the vectorised path keeps (four a lane group, on the stack).
#define GLARE_MAX_VECTORS 64

/// One shingle's values for hash functions 0 to 3, top bits flipped, and in `next` the step to the next four.
__attribute__((target("avx2"))) static inline __m256i lanes(uint64_t first, uint64_t step, __m256i flip, __m256i *next) {
    *next = _mm256_set1_epi64x((long long)(4 * step));
    return _mm256_xor_si256(
        _mm256_set_epi64x((long long)(first + 3 * step), (long long)(first + 2 * step), (long long)(first + step), (long long)first), flip);
}

__attribute__((target("avx2"))) static void minhash_avx2(
    const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size
) {
    const size_t vectors = size / 4;
    const __m256i flip = _mm256_set1_epi64x(GLARE_FLIP);
    __m256i minima[GLARE_MAX_VECTORS];
    for (size_t j = 0; j < vectors; j++) {
        minima[j] = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(signature + 4 * j)), flip);
    }
    // Two shingles a pass (an odd last one paired with itself): each group of four minima loaded and stored once for both.
    for (size_t i = 0; i < count; i += 2) {
        const size_t other = i + 1 < count ? i + 1 : i;
        __m256i stepA, stepB;
        __m256i a = lanes(first[i], step[i], flip, &stepA), b = lanes(first[other], step[other], flip, &stepB);
        for (size_t j = 0; j < vectors; j++) {
            const __m256i least = _mm256_blendv_epi8(a, b, _mm256_cmpgt_epi64(a, b));
            minima[j] = _mm256_blendv_epi8(minima[j], least, _mm256_cmpgt_epi64(minima[j], least));
            a = _mm256_add_epi64(a, stepA);
            b = _mm256_add_epi64(b, stepB);
        }
    }
    for (size_t j = 0; j < vectors; j++) {
        _mm256_storeu_si256((__m256i *)(signature + 4 * j), _mm256_xor_si256(minima[j], flip));
    }
}

/// AVX2 in the processor (CPUID leaf 7) and its 256-bit registers saved by the operating system (XCR0).
static int has_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX2) != 0;
}

/// -1 until first asked; then 0 or 1 (every thread that asks first finds the same answer).
static int avx2 = -1;

int glare_minhash_is_vectorised(void) {
    int known = __atomic_load_n(&avx2, __ATOMIC_RELAXED);
    if (known < 0) {
        known = has_avx2();
        __atomic_store_n(&avx2, known, __ATOMIC_RELAXED);
    }
    return known;
}

void glare_minhash(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size) {
    if (!glare_minhash_vectorised(first, step, count, signature, size)) glare_minhash_portable(first, step, count, signature, size);
}

int glare_minhash_vectorised(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size) {
    if (size % 4 != 0 || size / 4 > GLARE_MAX_VECTORS || !glare_minhash_is_vectorised()) return 0;
    minhash_avx2(first, step, count, signature, size);
    return 1;
}

#else

int glare_minhash_is_vectorised(void) { return 0; }

int glare_minhash_vectorised(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size) {
    (void)first, (void)step, (void)count, (void)signature, (void)size;
    return 0;
}

void glare_minhash(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size) {
    glare_minhash_portable(first, step, count, signature, size);
}

#endif
