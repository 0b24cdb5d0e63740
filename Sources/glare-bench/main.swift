// Glare's benchmarks, run by hand through scripts/bench (release build, one core); figures go in README.md.
//   glare-bench event-windows [people]        the battery, 40 people x 500 days by default
//   glare-bench match [MB] [corpus.jsonl]      matcher throughput on a generated corpus (and writes it)
//   glare-bench archive [articles]             import of a generated LexisNexis text download
//   glare-bench verdicts [replicates]          the simulation study of the verdicts (truth x verdict)
//   glare-bench gkg-stages FOLDER              GKG inflate / parse / match stages over a folder of zips
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "match":
    matchBenchmark(
        megabytes: Int(arguments.dropFirst().first ?? "") ?? 200,
        corpusPath: arguments.count > 2 ? arguments[2] : nil)
case "archive":
    archiveBenchmark(articles: Int(arguments.dropFirst().first ?? "") ?? 10_000)
case "gkg-stages":
    gkgStagesBenchmark(folder: arguments.count > 1 ? arguments[1] : ".")
case "verdicts":
    verdictStudy(replicates: Int(arguments.dropFirst().first ?? "") ?? 200)
case "event-windows", nil:
    eventWindowBenchmark(people: Int(arguments.dropFirst().first ?? "") ?? 40)
default:
    print("usage: glare-bench [event-windows [people] | match [MB] [corpus.jsonl] | archive [articles] | verdicts [replicates]]")
}
