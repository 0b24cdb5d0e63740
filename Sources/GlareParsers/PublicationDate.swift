import GlareCore

/// Publication dates as archives print them, in the languages their interfaces use:
/// `January 11, 2010 Monday`, `29 décembre 2011`, `11. Januar 2010`, `8 May 2010`, `May 8, 2010`, `2010-05-08`.
enum PublicationDate {
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["january", "janvier", "januar", "enero", "gennaio", "januari", "janeiro", "jan", "janv", "jän", "ene", "gen"],
            ["february", "février", "fevrier", "februar", "febrero", "febbraio", "februari", "fevereiro", "feb", "févr", "fevr"],
            ["march", "mars", "märz", "marz", "marzo", "maart", "março", "marco", "mar", "mär"],
            ["april", "avril", "abril", "aprile", "apr", "avr", "abr"],
            ["may", "mai", "mayo", "maggio", "mei", "maio", "mag"],
            ["june", "juin", "juni", "junio", "giugno", "junho", "jun", "giu"],
            ["july", "juillet", "juli", "julio", "luglio", "julho", "jul", "juil", "lug"],
            ["august", "août", "aout", "agosto", "augustus", "aug", "ago"],
            ["september", "septembre", "septiembre", "settembre", "setembro", "sep", "sept", "set"],
            ["october", "octobre", "oktober", "octubre", "ottobre", "outubro", "oct", "okt", "ott", "out"],
            ["november", "novembre", "noviembre", "novembro", "nov"],
            ["december", "décembre", "decembre", "dezember", "diciembre", "dicembre", "dezembro", "dec", "déc", "dez", "dic"],
        ]
        var out: [String: Int] = [:]
        for (i, list) in names.enumerated() { for n in list where out[n] == nil { out[n] = i + 1 } }
        return out
    }()

    /// The first date in `text`, or nil.
    static func parse(_ text: String) -> Day? {
        let folded = text.lowercased()
        if let iso = folded.firstMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})/), let year = Int(iso.1), let month = Int(iso.2), let dayOfMonth = Int(iso.3),
            let d = Day(year: year, month: month, day: dayOfMonth)
        {
            return d
        }
        let tokens = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        for (i, t) in tokens.enumerated() {
            guard let month = months[t] else { continue }
            // Month day, year  |  day month year
            if i + 2 < tokens.count, let d = Int(tokens[i + 1]), let y = Int(tokens[i + 2]), y > 1800, let day = Day(year: y, month: month, day: d) {
                return day
            }
            if i >= 1, i + 1 < tokens.count, let d = Int(tokens[i - 1]), let y = Int(tokens[i + 1]), y > 1800, let day = Day(year: y, month: month, day: d) {
                return day
            }
        }
        return nil
    }
}
