/**
 * Readers per week as a bar chart in SVG, drawn on the server (no JavaScript). For people who do
 * not see it, the SVG has a title and a description, and the same numbers follow as a table.
 */
import type { WeekPoint } from "@tidings/core/admin/dashboard";

const W = 720;
const H = 220;
const PAD = { top: 16, right: 12, bottom: 34, left: 44 };

/** A round axis maximum at or above `max`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (max <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= max)!;
}

export function ReadersChart({ weeks }: { weeks: WeekPoint[] }) {
  const top = niceMax(Math.max(0, ...weeks.map((w) => w.active)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(weeks.length, 1);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const first = weeks[0];
  const last = weeks.at(-1);
  const summary =
    last && first
      ? `From ${first.active} active readers in ${first.week} to ${last.active} in ${last.week}.`
      : "No readers yet.";
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">Active readers per week, last six months</title>
        <desc id="chart-desc">{summary} The table below gives every week's figure.</desc>
        {[0, top / 2, top].map((v) => (
          <g>
            <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => (
          <g>
            <rect
              class="bar"
              x={PAD.left + i * step + step * 0.15}
              width={step * 0.7}
              y={y(w.active)}
              height={y(0) - y(w.active)}
            >
              <title>{`${w.week}: ${w.active}`}</title>
            </rect>
            {i % 4 === 0 ? (
              <text x={PAD.left + i * step + step / 2} y={H - 12} text-anchor="middle">
                {w.week.slice(5)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>Active readers at the end of each ISO week (UTC).</figcaption>
    </figure>
  );
}

/** The chart's numbers, for screen readers and anyone who would rather read them. */
export function ReadersTable({ weeks }: { weeks: WeekPoint[] }) {
  return (
    <details class="figures">
      <summary>Readers per week as a table</summary>
      <table>
        <caption class="muted">Active readers at the end of each week, and the week's net change</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col" class="num">
              Active
            </th>
            <th scope="col" class="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr>
              <th scope="row">{w.week}</th>
              <td class="num">{w.active}</td>
              <td class="num">{w.change > 0 ? `+${w.change}` : w.change}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
