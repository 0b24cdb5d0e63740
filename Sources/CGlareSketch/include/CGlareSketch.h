#ifndef C_GLARE_SKETCH_H
#define C_GLARE_SKETCH_H

#include <stddef.h>
#include <stdint.h>

/// The MinHash kernel of a story sketch (`StorySketch` in GlareCore): for each of `size` hash functions
/// h_k(s) = first[s] + k * step[s] (mod 2^64), k = 0 ..< size, lowers `signature[k]` to the least value any of
/// the `count` shingles gives it. Exact: the same values whichever way the minima are computed.
///
/// On x86-64 processors with AVX2 (and an operating system that saves its registers), four hash functions at
/// a time; elsewhere one at a time (`glare_minhash_portable`).
void glare_minhash(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size);

/// `glare_minhash` one hash function at a time, on any processor (the reference the vectorised path is tested against).
void glare_minhash_portable(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size);

/// Whether `glare_minhash` takes the vectorised path on this machine.
int glare_minhash_is_vectorised(void);

/// `glare_minhash` through the vectorised path alone, for a test of it: returns 0, having changed nothing, where
/// that path cannot run (no AVX2, or `size` not a multiple of four up to 256); 1 when it ran.
int glare_minhash_vectorised(const uint64_t *first, const uint64_t *step, size_t count, uint64_t *signature, size_t size);

#endif
