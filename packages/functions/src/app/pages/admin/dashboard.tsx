/** The dashboard: warnings first, then readers, the chart, the last digests' figures and feed health. */
import type { Dashboard, DigestFigures, FeedHealth } from "@tidings/core/admin/dashboard";
import { ReadersChart, ReadersTable } from "./chart.tsx";
import { DeskLayout, when, type DeskPage } from "./layout.tsx";

const rate = (n: number, of: number) => (of > 0 ? ` (${((n / of) * 100).toFixed(1)}%)` : "");

function Digests({ digests }: { digests: DigestFigures[] }) {
  if (digests.length === 0) return <p>No digest yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col">Subject</th>
          {["Sent", "Failed", "Skipped", "Bounced", "Complained", "Unsubscribed since"].map((h) => (
            <th scope="col" class="num">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {digests.map(({ week, subject, figures: f }) => (
          <tr>
            <th scope="row">
              <a href={`/admin/digests/${week}`}>{week}</a>
            </th>
            {f.fannedOutAt ? (
              <>
                <td>{subject}</td>
                <td class="num">{f.sent}</td>
                <td class="num">{f.failed}</td>
                <td class="num">{f.skipped}</td>
                <td class="num">{`${f.bounced}${rate(f.bounced, f.sent)}`}</td>
                <td class="num">{`${f.complained}${rate(f.complained, f.sent)}`}</td>
                <td class="num">{f.unsubscribed}</td>
              </>
            ) : (
              <>
                <td class="muted">{subject}</td>
                <td class="muted" colspan={6}>
                  not sent
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Feeds({ feeds }: { feeds: FeedHealth[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Feed</th>
          <th scope="col">Status</th>
          <th scope="col">Last success</th>
          <th scope="col">Last error</th>
          <th scope="col" class="num">
            Items, 4 weeks
          </th>
        </tr>
      </thead>
      <tbody>
        {feeds.map((f) => (
          <tr>
            <th scope="row">{f.title}</th>
            <td>{f.disabled ? "disabled (gone)" : f.status}</td>
            <td>{when(f.lastSuccessAt)}</td>
            <td>
              {f.failingSince ? (
                `${f.lastError ?? "error"} (failing since ${when(f.failingSince)})`
              ) : f.lastError ? (
                <span class="muted">{`${f.lastError} (${when(f.lastErrorAt)}, recovered)`}</span>
              ) : (
                "—"
              )}
            </td>
            <td class="num">{f.itemsLastFourWeeks}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DashboardPage({ data, editor }: { data: Dashboard; editor: DeskPage["editor"] }) {
  const r = data.readers;
  return (
    <DeskLayout title="Dashboard" editor={editor}>
      <h1>Dashboard</h1>
      {data.warnings.length ? (
        <section aria-labelledby="warnings">
          <h2 id="warnings">Needs attention</h2>
          <ul class="warnings" role="alert">
            {data.warnings.map((w) => (
              <li>{w.message}</li>
            ))}
          </ul>
        </section>
      ) : (
        <p class="ok" role="status">
          Nothing needs attention.
        </p>
      )}
      <h2>Readers</h2>
      <ul class="cards">
        {(
          [
            ["Active", r.active, "active"],
            ["Pending", r.pending, "pending"],
            ["Unsubscribed", r.unsubscribed, "unsubscribed"],
            ["Suppressed", r.suppressed + r.erased, "suppressed"],
          ] as const
        ).map(([label, n, state]) => (
          <li>
            <a href={`/admin/subscribers?state=${state}`}>{label}</a>
            <span class="figure">{n}</span>
          </li>
        ))}
      </ul>
      <ReadersChart weeks={data.weeks} />
      <ReadersTable weeks={data.weeks} />
      <h2>Last digests</h2>
      <Digests digests={data.digests} />
      <h2>Feeds</h2>
      <Feeds feeds={data.feeds} />
    </DeskLayout>
  );
}
