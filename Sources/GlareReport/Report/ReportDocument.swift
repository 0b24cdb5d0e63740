import EventWindow

/// The report as one JSON object: title, summary and methods as written, the analysis, every series.
struct ReportDocument: Encodable {
    let title: String
    let summary: [String]
    let methods: [String]
    let analysis: AnalysisReport
    let series: [ReportedSeries]
    let provenance: Provenance?

    init(_ data: ReportData) {
        title = data.title
        summary = ReportText.summary(data)
        methods = ReportText.methods(data)
        analysis = data.analysis
        series = data.entries.map(ReportedSeries.init)
        provenance = data.provenance
    }
}
