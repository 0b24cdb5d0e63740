/// Glare's version: printed by `glare --version`, written into every report's and export's provenance,
/// and sent in the fetch User-Agent.
public enum GlareVersion {
    /// The release, semantic versioning.
    public static let current = "0.2.0"
}
