/// Journal figure widths in inches (1 inch = 72 points): one column about 3.5 in (89 mm), two columns
/// about 7.1 in (180 mm); charts are laid out at their printed size, so 7-point text prints at 7 points.
public enum FigureSize {
    public static let oneColumn = 3.5
    public static let twoColumns = 7.1
    /// The tallest a figure may be on a page with its caption.
    public static let maximumHeight = 9.0

    /// Inches in points.
    public static func points(_ inches: Double) -> Double { inches * 72 }
}
