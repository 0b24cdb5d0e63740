import Foundation

/// `glare explore`: one self-contained HTML page to move around the data offline: pick people and
/// sources, switch raw values / share of the period's total / an index (each series' peak = 100), day /
/// week / month, see the windows, and click a period to read the documents behind it (as `glare
/// explain` gives them). Its data is a JSON block and its script is its own (no network, no CDN; a
/// Content-Security-Policy forbids loading anything).
public enum ExplorerPage {
    /// One series as the page draws it.
    public struct Series: Encodable, Sendable {
        public let id: Int
        public let person: String
        public let name: String
        public let group: String?
        public let source: String
        public let measure: String
        public let resolution: String
        /// The unit of the raw values ("articles per day", "search index (0–100)").
        public let unit: String
        /// Whether values add up over a week or month (counts) or are averaged (an index, a share).
        public let additive: Bool
        public let event: String
        /// Each window's first and last day.
        public let windows: [String: [String]]
        public let released: String?
        /// Each period's first day; its value (nil: not covered) and total (the denominator, when known).
        public let days: [String]
        public let values: [Double?]
        public let totals: [Double?]

        public init(
            id: Int, person: String, name: String, group: String?, source: String, measure: String, resolution: String, unit: String,
            additive: Bool, event: String, windows: [String: [String]], released: String?, days: [String], values: [Double?], totals: [Double?]
        ) {
            self.id = id
            self.person = person
            self.name = name
            self.group = group
            self.source = source
            self.measure = measure
            self.resolution = resolution
            self.unit = unit
            self.additive = additive
            self.event = event
            self.windows = windows
            self.released = released
            self.days = days
            self.values = values
            self.totals = totals
        }
    }

    /// Everything the page shows.
    public struct Model: Encodable, Sendable {
        public let title: String
        public let series: [Series]
        /// "SERIES-ID|YYYY-MM-DD" → the documents behind that day, as `glare explain` writes them.
        public let documents: [String: String]
        /// How the documents were chosen, shown under the list.
        public let documentsNote: String

        public init(title: String, series: [Series], documents: [String: String], documentsNote: String) {
            self.title = title
            self.series = series
            self.documents = documents
            self.documentsNote = documentsNote
        }
    }

    public static func render(_ model: Model) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Inside <script>, "<" is written as \u003c so no text in the data can close the element.
        let json = String(decoding: try encoder.encode(model), as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
        let title = Chart.escapeXML(model.title)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <h1>\(title)</h1>
            <div id="controls">
            <fieldset id="people"><legend>People</legend></fieldset>
            <fieldset id="sources"><legend>Sources</legend></fieldset>
            <fieldset id="view"><legend>Show</legend>
            <label><input type="radio" name="mode" value="raw" checked> raw values</label>
            <label><input type="radio" name="mode" value="share"> share of the period's total</label>
            <label><input type="radio" name="mode" value="index"> index (peak = 100)</label>
            <label>per <select id="resolution"><option value="day">day</option><option value="week">week</option><option value="month">month</option></select></label>
            </fieldset>
            </div>
            <p class="legend">Windows: <span class="sw pre"></span> pre <span class="sw event"></span> event <span class="sw post"></span> post. Dashed red: the event; dotted: a release; grey marks under the axis: periods not covered (missing, not zero). Click a point to list the documents behind it.</p>
            <div id="charts"></div>
            <section id="documents-panel"><h2>Documents</h2><div id="documents"><p>Click a point of a chart.</p></div></section>
            <script type="application/json" id="glare-data">\(json)</script>
            <script>
            \(script)
            </script>
            </body>
            </html>

            """
    }

    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;margin:1rem 2rem;color:#111}
        fieldset{display:inline-block;vertical-align:top;border:1px solid #ccc;margin:0 .5rem .5rem 0;max-height:12rem;overflow:auto}
        fieldset label{display:block;font-size:.85rem;white-space:nowrap}
        .chart{margin:.5rem 0 1rem}.chart h3{font-size:.95rem;margin:.2rem 0}
        svg text{font-size:11px;font-family:Helvetica,Arial,sans-serif}
        circle.point{cursor:pointer;fill:#0072B2}circle.point.selected{fill:#D55E00}
        .sw{display:inline-block;width:1rem;height:.7rem;border:1px solid #999}.sw.pre{background:#EEEEEE}.sw.event{background:#F0CF80}.sw.post{background:#CCE8F8}
        .legend{font-size:.85rem;color:#333}
        #documents pre{white-space:pre-wrap;font-size:.8rem;background:#f6f6f6;padding:.5rem;border-left:3px solid #0072B2}
        """

    /// The page's own script: builds the controls, draws each selected series on its own axis as SVG, and
    /// lists the documents behind a clicked period.
    static let script = #"""
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('glare-data').textContent);
          var NS = 'http://www.w3.org/2000/svg';
          var state = { people: {}, sources: {}, mode: 'raw', res: 'day', selected: null };
          function el(tag, attrs, text, ns) {
            var e = ns ? document.createElementNS(NS, tag) : document.createElement(tag);
            for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
            if (text !== undefined) e.textContent = text;
            return e;
          }
          function dayNumber(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000; }
          function isoOf(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
          function bucket(iso, res) {
            if (res === 'week') { var n = dayNumber(iso); return isoOf(n - ((n + 3) % 7)); }
            if (res === 'month') return iso.slice(0, 7) + '-01';
            return iso;
          }
          function bucketEnd(key, res) {
            var n = dayNumber(key);
            if (res === 'week') return n + 7;
            if (res === 'month') { var d = new Date(n * 86400000); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86400000; }
            return n + 1;
          }
          function periodEnd(s, i) {
            if (i + 1 < s.days.length) return Math.min(dayNumber(s.days[i + 1]), dayNumber(s.days[i]) + 31);
            return dayNumber(s.days[i]) + (s.resolution === 'week' ? 7 : s.resolution === 'month' ? 30 : 1);
          }
          // Periods at the chosen resolution: counts add up, an index or a share is averaged; a period
          // with no covered day is missing (never zero).
          function aggregate(s) {
            var res = state.res, keys = [], map = {};
            for (var i = 0; i < s.days.length; i++) {
              var key = (s.resolution === 'day') ? bucket(s.days[i], res) : s.days[i];
              var b = map[key];
              if (!b) { b = map[key] = { key: key, sum: 0, n: 0, total: 0, nt: 0, days: [], end: 0 }; keys.push(key); }
              b.days.push(s.days[i]);
              b.end = Math.max(b.end, s.resolution === 'day' ? bucketEnd(key, res) : periodEnd(s, i));
              var v = s.values[i];
              if (v !== null) { b.sum += v; b.n++; if (s.totals[i] !== null) { b.total += s.totals[i]; b.nt++; } }
            }
            return keys.map(function (k) {
              var b = map[k], value = b.n === 0 ? null : (s.additive ? b.sum : b.sum / b.n);
              return { key: k, value: value, total: b.nt > 0 ? (s.additive ? b.total : b.total / b.nt) : null, days: b.days, start: dayNumber(k), end: b.end };
            });
          }
          function transform(points) {
            if (state.mode === 'share') return points.map(function (p) { return p.value === null || !(p.total > 0) ? null : 100 * p.value / p.total; });
            if (state.mode === 'index') {
              var max = 0; points.forEach(function (p) { if (p.value !== null && p.value > max) max = p.value; });
              return points.map(function (p) { return p.value === null ? null : (max > 0 ? 100 * p.value / max : 0); });
            }
            return points.map(function (p) { return p.value; });
          }
          function unit(s) {
            var per = state.res === 'day' ? s.resolution : state.res;
            if (state.mode === 'share') return s.totals.some(function (t) { return t !== null; }) ? 'share of the ' + per + "'s total (%)" : 'no totals recorded: share not available';
            if (state.mode === 'index') return 'index (the series\' peak = 100)';
            return s.additive ? s.unit.replace(/per \w+$/, 'per ' + per) : s.unit;
          }
          function niceTop(max) {
            if (!(max > 0)) return 1;
            var p = Math.pow(10, Math.floor(Math.log10(max / 4))), steps = [1, 2, 2.5, 5, 10];
            for (var i = 0; i < steps.length; i++) if (steps[i] * p * 4 >= max) return steps[i] * p * 4;
            return 40 * p;
          }
          function fmt(v) { return v === null ? 'not covered' : (Math.abs(v) >= 100 || v === Math.round(v) ? String(Math.round(v * 100) / 100) : v.toFixed(2)); }
          var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
          function draw() {
            var box = document.getElementById('charts');
            box.textContent = '';
            data.series.forEach(function (s) {
              if (!state.people[s.person] || !state.sources[s.source]) return;
              var points = aggregate(s), values = transform(points);
              var W = 900, H = 190, L = 60, R = 12, T = 14, B = 34;
              var first = points.length ? points[0].start : dayNumber(s.event), last = points.length ? points[points.length - 1].end : first + 1;
              // The series' own span; the windows widen it only where they overlap it.
              ['pre', 'event', 'post'].forEach(function (w) {
                if (!s.windows[w]) return;
                var a = dayNumber(s.windows[w][0]), b = dayNumber(s.windows[w][1]) + 1;
                if (a < last && b > first) { first = Math.min(first, a); last = Math.max(last, b); }
              });
              var x = function (n) { return L + (W - L - R) * (n - first) / Math.max(last - first, 1); };
              var top = niceTop(Math.max.apply(null, values.filter(function (v) { return v !== null; }).concat([0])));
              var y = function (v) { return H - B - (H - B - T) * v / top; };
              var fig = el('div', { 'class': 'chart', 'data-series': String(s.id) });
              fig.appendChild(el('h3', {}, s.name + ' · ' + s.source + (s.group ? ' (' + s.group + ')' : '')));
              var svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': s.name + ', ' + s.source }, undefined, true);
              [['pre', '#EEEEEE'], ['event', '#F0CF80'], ['post', '#CCE8F8']].forEach(function (w) {
                var r = s.windows[w[0]]; if (!r) return;
                var a = Math.max(x(dayNumber(r[0])), L), b = Math.min(x(dayNumber(r[1]) + 1), W - R);
                if (b <= a) return;
                svg.appendChild(el('rect', { 'class': 'window ' + w[0], x: a, y: T, width: Math.max(b - a, 0), height: H - B - T, fill: w[1] }, undefined, true));
                if (b - a > 34) svg.appendChild(el('text', { x: (a + b) / 2, y: T + 11, 'text-anchor': 'middle', fill: '#555' }, w[0], true));
              });
              svg.appendChild(el('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#000' }, undefined, true));
              svg.appendChild(el('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#000' }, undefined, true));
              [0, top / 2, top].forEach(function (t) {
                svg.appendChild(el('text', { x: L - 4, y: y(t) + 4, 'text-anchor': 'end' }, fmt(t), true));
              });
              var u = el('text', { 'class': 'unit', x: 12, y: (H - B + T) / 2, transform: 'rotate(-90 12 ' + ((H - B + T) / 2) + ')', 'text-anchor': 'middle' }, unit(s), true);
              svg.appendChild(u);
              // Month ticks, at most about ten.
              var d0 = new Date(first * 86400000), m = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + 1, 1) / 86400000, ticks = [];
              while (m < last) { ticks.push(m); var dm = new Date(m * 86400000); m = Date.UTC(dm.getUTCFullYear(), dm.getUTCMonth() + 1, 1) / 86400000; }
              var step = Math.max(1, Math.ceil(ticks.length / 10)), lastYear = null;
              ticks.forEach(function (t, k) {
                if (k % step) return;
                var dt = new Date(t * 86400000), year = dt.getUTCFullYear(), newYear = year !== lastYear;
                lastYear = year;
                svg.appendChild(el('line', { x1: x(t), y1: H - B, x2: x(t), y2: H - B + 4, stroke: '#000' }, undefined, true));
                svg.appendChild(el('text', { x: x(t), y: H - B + 16, 'text-anchor': 'middle' }, months[dt.getUTCMonth()] + (newYear ? ' ' + year : ''), true));
              });
              if (!ticks.length) svg.appendChild(el('text', { x: L, y: H - B + 16 }, isoOf(first) + ' to ' + isoOf(last - 1), true));
              var ex = x(dayNumber(s.event));
              if (ex >= L && ex <= W - R) svg.appendChild(el('line', { x1: ex, y1: T, x2: ex, y2: H - B, stroke: '#D55E00', 'stroke-dasharray': '5 3' }, undefined, true));
              if (ex >= L && ex <= W - R) svg.appendChild(el('text', { x: ex + 3, y: T + 24, fill: '#D55E00' }, 'event ' + s.event, true));
              else svg.appendChild(el('text', { x: W - R, y: T + 24, fill: '#D55E00', 'text-anchor': 'end' }, 'event ' + s.event + ' (outside this series)', true));
              if (s.released && dayNumber(s.released) >= first && dayNumber(s.released) < last) {
                var rx = x(dayNumber(s.released));
                svg.appendChild(el('line', { x1: rx, y1: T, x2: rx, y2: H - B, stroke: '#CC79A7', 'stroke-dasharray': '1 3' }, undefined, true));
                svg.appendChild(el('text', { x: rx + 3, y: T + 36 }, 'released ' + s.released, true));
              }
              // The line, broken where a period was not covered; that period marked under the axis.
              var run = [];
              function flush() { if (run.length > 1) svg.appendChild(el('polyline', { fill: 'none', stroke: '#0072B2', 'stroke-width': 1.3, points: run.join(' ') }, undefined, true)); run = []; }
              var ranked = values.map(function (v, i) { return [v, i]; }).filter(function (p) { return p[0] !== null; }).sort(function (a, b) { return b[0] - a[0]; });
              var peaks = {}; ranked.slice(0, 5).forEach(function (p) { peaks[p[1]] = true; });
              points.forEach(function (p, i) {
                var cx = (x(p.start) + x(p.end)) / 2;
                if (values[i] === null) {
                  flush();
                  svg.appendChild(el('rect', { 'class': 'missing', x: x(p.start), y: H - B + 1, width: Math.max(x(p.end) - x(p.start), 1), height: 3, fill: '#999' }, undefined, true));
                  return;
                }
                run.push(cx + ',' + y(values[i]));
              });
              flush();
              points.forEach(function (p, i) {
                if (values[i] === null) return;
                var c = el('circle', { 'class': 'point' + (peaks[i] ? ' peak' : ''), cx: (x(p.start) + x(p.end)) / 2, cy: y(values[i]), r: peaks[i] ? 4 : 2.5, 'data-key': p.key }, undefined, true);
                c.appendChild(el('title', {}, p.key + ': ' + fmt(values[i]), true));
                c.addEventListener('click', function () { show(s, p, values[i]); });
                svg.appendChild(c);
              });
              fig.appendChild(svg);
              box.appendChild(fig);
            });
            if (!box.childNodes.length) box.appendChild(el('p', {}, 'No series selected.'));
          }
          function linkify(text, into) {
            var re = /https?:\/\/[^\s<>"]+/g, last = 0, m;
            while ((m = re.exec(text)) !== null) {
              into.appendChild(document.createTextNode(text.slice(last, m.index)));
              into.appendChild(el('a', { href: m[0], rel: 'noopener noreferrer' }, m[0]));
              last = m.index + m[0].length;
            }
            into.appendChild(document.createTextNode(text.slice(last)));
          }
          function show(s, p, value) {
            var box = document.getElementById('documents');
            box.textContent = '';
            box.appendChild(el('h3', {}, s.name + ' · ' + s.source + ' · ' + (p.days.length > 1 ? p.days[0] + ' to ' + p.days[p.days.length - 1] : p.key) + ': ' + fmt(value)));
            var found = 0;
            p.days.forEach(function (d) {
              var text = data.documents[s.id + '|' + d];
              if (!text) return;
              found++;
              var pre = el('pre', { 'class': 'explanation', 'data-day': d });
              linkify(text, pre);
              box.appendChild(pre);
            });
            if (!found) {
              box.appendChild(el('p', { 'class': 'none' }, s.measure === 'news'
                ? 'No documents recorded in this page for this period: ' + data.documentsNote + ' Run: glare explain ' + s.person + ' ' + p.days[0] + ' --source ' + s.source
                : 'A ' + s.measure + ' series has no documents behind its values (' + s.unit + ').'));
            }
          }
          function checkboxes(boxId, key, items) {
            var box = document.getElementById(boxId);
            items.forEach(function (it) {
              state[key][it[0]] = true;
              var input = el('input', { type: 'checkbox', checked: 'checked' });
              input.setAttribute(key === 'people' ? 'data-person' : 'data-source', it[0]);
              input.addEventListener('change', function () { state[key][it[0]] = input.checked; draw(); });
              var label = el('label');
              label.appendChild(input);
              label.appendChild(document.createTextNode(' ' + it[1]));
              box.appendChild(label);
            });
          }
          var seenP = {}, seenS = {}, people = [], sources = [];
          data.series.forEach(function (s) {
            if (!seenP[s.person]) { seenP[s.person] = true; people.push([s.person, s.name]); }
            if (!seenS[s.source]) { seenS[s.source] = true; sources.push([s.source, s.source]); }
          });
          checkboxes('people', 'people', people);
          checkboxes('sources', 'sources', sources);
          document.querySelectorAll('input[name=mode]').forEach(function (r) { r.addEventListener('change', function () { state.mode = r.value; draw(); }); });
          document.getElementById('resolution').addEventListener('change', function (e) { state.res = e.target.value; draw(); });
          draw();
        })();
        """#
}
