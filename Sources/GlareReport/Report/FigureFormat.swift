/// The file formats a figure is written in.
public enum FigureFormat: String, Sendable, CaseIterable {
    /// Vector, for the web and for editing.
    case svg
    /// Vector with embedded fonts, for the manuscript.
    case pdf
    /// Raster at 300 dots per inch, for submission systems that want pixels.
    case png
}
