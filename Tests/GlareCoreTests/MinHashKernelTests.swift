import CGlareSketch
import Foundation
import Testing

@testable import GlareCore

/// The MinHash kernel (`glare_minhash`), vectorised or not, against the definition computed here one hash function
/// and one shingle at a time: the least of first + k·step (mod 2⁶⁴) over the shingles, for each k.
@Suite struct MinHashKernelTests {
    static func reference(first: [UInt64], step: [UInt64], size: Int, start: [UInt64]) -> [UInt64] {
        (0..<size).map { k in
            zip(first, step).reduce(start[k]) { least, shingle in Swift.min(least, shingle.0 &+ UInt64(k) &* shingle.1) }
        }
    }

    @Test func bothPathsGiveTheDefinitionsMinima() {
        var rng = SplitMix64(seed: 19)
        // Shingle counts odd and even (the vectorised path takes two a pass), none and one; sizes a multiple of four and not;
        // values over the whole range, around the sign bit (where a signed comparison would order them wrongly) and at its ends.
        let edges: [UInt64] = [0, 1, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x8000_0000_0000_0001, .max - 1, .max]
        var ranVectorised = 0
        for count in [0, 1, 2, 3, 7, 56, 57, 300] {
            for size in [StorySketch.size, 4, 8, 12, 6, 1] {
                for trial in 0..<4 {
                    let first = (0..<count).map { i in trial == 0 ? edges[(i * 3) % edges.count] : rng.next() }
                    let step = (0..<count).map { i in trial == 1 ? edges[(i * 5 + 2) % edges.count] | 1 : rng.next() | 1 }
                    let start = (0..<size).map { k in trial == 2 ? edges[k % edges.count] : UInt64.max }
                    let expected = Self.reference(first: first, step: step, size: size, start: start)
                    var chosen = start, portable = start, vectorised = start
                    glare_minhash(first, step, count, &chosen, size)
                    glare_minhash_portable(first, step, count, &portable, size)
                    #expect(chosen == expected, "count \(count), size \(size), trial \(trial)")
                    #expect(portable == expected, "count \(count), size \(size), trial \(trial)")
                    // The vectorised path itself, where this machine can run it (sizes that are multiples of four).
                    if glare_minhash_vectorised(first, step, count, &vectorised, size) != 0 {
                        #expect(vectorised == expected, "count \(count), size \(size), trial \(trial)")
                        ranVectorised += 1
                    } else {
                        #expect(vectorised == start)
                    }
                }
            }
        }
        // Every size that is a multiple of four, in every case, went through it where the processor has AVX2.
        #expect(ranVectorised == (glare_minhash_is_vectorised() != 0 ? 8 * 4 * 4 : 0))
    }

    @Test func theVectorisedPathIsTakenWhereTheProcessorHasAVX2() throws {
        #if arch(x86_64) && os(Linux)
            let flags = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
            #expect((glare_minhash_is_vectorised() != 0) == flags.split(separator: " ").contains("avx2"))
        #elseif !arch(x86_64)
            #expect(glare_minhash_is_vectorised() == 0)
        #endif
        // (On x86-64 elsewhere, either path may be taken; the other test checks whichever runs.)
    }
}
