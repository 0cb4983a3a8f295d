package chart

// CSS is the stylesheet the charts' classes expect, written against the
// app's custom properties (--text, --muted, --line, --accent, …), so the
// charts take the page's calm colours and flip with it into dark mode.
// Serve it with the other styles (the CSP forbids inline styles); without
// it every chart still draws, in the text colour, through its
// presentation attributes.
const CSS = `.chart { display: block; width: 100%; height: auto; max-width: 36rem; margin: 0 auto; color: var(--text, currentColor); overflow: visible; }
.chart text { fill: var(--muted, currentColor); font-size: 12px; font-family: inherit; }
.chart .chart-label, .chart .chart-axis, .chart .chart-legend { fill: var(--text, currentColor); }
.chart .chart-axis { font-weight: 600; font-size: 13px; }
.chart .chart-region { font-style: italic; }
.chart .chart-value { fill: var(--text, currentColor); font-variant-numeric: tabular-nums; }
.chart .chart-grid, .chart .chart-frame { stroke: var(--line, currentColor); stroke-opacity: 1; }
.chart .chart-mid { stroke: var(--muted, currentColor); }
.chart .chart-line.chart-s1, .chart .chart-path { stroke: var(--accent, currentColor); }
.chart .chart-line.chart-s2 { stroke: var(--text, currentColor); }
.chart .chart-line.chart-s3 { stroke: var(--muted, currentColor); }
.chart .chart-dot.chart-s1 { fill: var(--accent, currentColor); }
.chart .chart-dot.chart-s2 { fill: var(--text, currentColor); }
.chart .chart-dot.chart-s3 { fill: var(--muted, currentColor); }
.chart-map .chart-dot { stroke: var(--accent, currentColor); fill: var(--surface, none); }
.chart-map .chart-dot.chart-now { fill: var(--accent, currentColor); }
.chart .chart-band { fill: var(--accent, currentColor); fill-opacity: 0.15; }
.chart .chart-bar.chart-s1 { fill: var(--accent, currentColor); fill-opacity: 0.85; }
.chart .chart-bar.chart-s2 { fill: var(--accent-soft, currentColor); stroke: var(--accent, currentColor); fill-opacity: 1; }
.chart-paired .chart-bar.chart-s1 { fill: var(--line, currentColor); stroke: var(--muted, currentColor); }
.chart-paired .chart-bar.chart-s2 { fill: var(--accent, currentColor); stroke: none; }
.chart-table { width: 100%; border-collapse: collapse; font-size: .95rem; }
.chart-table caption { text-align: left; font-weight: 600; padding-bottom: .35rem; }
.chart-table th, .chart-table td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
.chart-table td { font-variant-numeric: tabular-nums; }
`
