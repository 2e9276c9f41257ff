export interface ChartSeries {
  name: string;
}

export interface ChartRow {
  key: string;
  label: string;
  /** One value per series, in the series' order; null: nothing to measure (no bar). */
  values: readonly (number | null)[];
}

interface BarChartProps {
  series: readonly ChartSeries[];
  rows: readonly ChartRow[];
  /** How a value is written at the end of its bar. */
  format?(value: number): string;
}

const width = 640;
const labelWidth = 180;
const valueWidth = 70;
const barHeight = 14;
const rowGap = 12;
const maxLabel = 24;

const shorten = (text: string) => (text.length > maxLabel ? `${text.slice(0, maxLabel - 1)}…` : text);

/**
 * Horizontal bars drawn in SVG, one group per row, one bar per series. Hidden from assistive technology:
 * each chart comes with a table of the same figures, which is the text alternative. Sizes are SVG
 * attributes and colours come from the stylesheet (bar-0, bar-1 …), as the console's CSP allows no inline styles.
 */
export function BarChart({ series, rows, format = String }: BarChartProps) {
  const max = Math.max(1, ...rows.flatMap((row) => row.values.map((v) => v ?? 0)));
  const groupHeight = series.length * barHeight + rowGap;
  const legendHeight = series.length > 1 ? 24 : 0;
  const height = legendHeight + rows.length * groupHeight;
  const scale = (value: number) => ((width - labelWidth - valueWidth) * value) / max;

  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true" focusable="false">
      {series.length > 1 && series.map((s, i) => (
        <g key={s.name} transform={`translate(${labelWidth + i * 160}, 4)`}>
          <rect className={`bar-${i}`} width={12} height={12} />
          <text x={18} y={11} className="chart-legend">{s.name}</text>
        </g>
      ))}
      {rows.map((row, r) => {
        const top = legendHeight + r * groupHeight;
        return (
          <g key={row.key} transform={`translate(0, ${top})`}>
            <text x={labelWidth - 8} y={(series.length * barHeight) / 2 + 5} textAnchor="end" className="chart-label">{shorten(row.label)}</text>
            {row.values.map((value, i) => (
              <g key={series[i]?.name ?? i} transform={`translate(${labelWidth}, ${i * barHeight})`}>
                {value !== null && <rect className={`bar-${i}`} width={Math.max(scale(value), value > 0 ? 2 : 0)} height={barHeight - 2} />}
                <text x={(value === null ? 0 : scale(value)) + 6} y={barHeight - 4} className="chart-value">{value === null ? '—' : format(value)}</text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
