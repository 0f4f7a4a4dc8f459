/** The subscribers pages: the list with search and filter, a reader's page, and an import's report. */
import type { ImportReport } from "@tidings/core/admin/import";
import { confirmedAt, sourceOf, type ReaderView } from "@tidings/core/admin/readers";
import type { Subscriber } from "@tidings/core/subscription/subscriber";
import { CsrfField, DeskLayout, when, type DeskPage } from "./layout.tsx";

type Editor = NonNullable<DeskPage["editor"]>;
const states = ["", "pending", "active", "unsubscribed", "suppressed"] as const;

export function SubscribersPage(p: {
  readers: ReaderView[];
  next: string | undefined;
  state: string | undefined;
  q: string | undefined;
  notice?: string | undefined;
  editor: Editor;
}) {
  const nextHref = p.next
    ? `/admin/subscribers?${new URLSearchParams({ state: p.state ?? "", q: p.q ?? "", cursor: p.next })}`
    : undefined;
  return (
    <DeskLayout title="Subscribers" editor={p.editor}>
      <h1>Subscribers</h1>
      {p.notice ? (
        <p role="status" class="ok">
          {p.notice}
        </p>
      ) : null}
      <form class="row" method="get" action="/admin/subscribers" role="search">
        <label>
          Address starts with <input type="search" name="q" value={p.q ?? ""} />
        </label>
        <label>
          State{" "}
          <select name="state">
            {states.map((s) => (
              <option value={s} selected={(p.state ?? "") === s}>
                {s || "any"}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <p>
        <a href="/admin/subscribers/export.csv" download>
          Export every reader as CSV
        </a>
      </p>
      <table>
        <thead>
          <tr>
            {["Address", "State", "Source", "Signed up", "Confirmed"].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.readers.map((r) => (
            <tr>
              <th scope="row">
                <a href={`/admin/subscribers/${encodeURIComponent(r.email)}`}>{r.email}</a>
              </th>
              <td>{r.state}</td>
              <td>{r.source}</td>
              <td>{when(r.createdAt)}</td>
              <td>{when(r.confirmedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.readers.length === 0 ? <p>No reader matches.</p> : null}
      {nextHref ? (
        <p class="pager">
          <a href={nextHref}>Next page</a>
        </p>
      ) : null}
      <h2 id="import">Import readers from a CSV</h2>
      <form class="stack" method="post" action="/admin/subscribers/import" enctype="multipart/form-data">
        <CsrfField token={p.editor.csrf} />
        <label for="csv">
          CSV file (a header row with an <code>email</code> column; other columns are ignored)
        </label>
        <input type="file" id="csv" name="csv" accept=".csv,text/csv" required />
        <fieldset>
          <legend>Consent</legend>
          <label>
            <input type="radio" name="consent" value="opt-in" checked /> Opt-in: each new reader gets the confirmation
            email and joins when they confirm
          </label>
          <br />
          <label>
            <input type="radio" name="consent" value="confirmed" /> Confirmed: I attest these readers already agreed to
            receive this newsletter
          </label>
        </fieldset>
        <button type="submit">Import</button>
      </form>
      <p class="help">Unsubscribed, suppressed and erased addresses are never subscribed again by an import.</p>
    </DeskLayout>
  );
}

export function ImportReportPage({ report, editor }: { report: ImportReport; editor: Editor }) {
  const s = report.skipped;
  return (
    <DeskLayout title="Import done" editor={editor}>
      <h1>Import done</h1>
      <ul class="cards">
        {(
          [
            ["Imported", report.imported],
            ["Already subscribed", report.alreadySubscribed],
            ["Skipped: unsubscribed", s.unsubscribed],
            ["Skipped: suppressed", s.suppressed],
            ["Duplicates", s.duplicate],
            ["Invalid", report.invalid.length],
          ] as const
        ).map(([label, n]) => (
          <li>
            {label}
            <span class="figure">{n}</span>
          </li>
        ))}
      </ul>
      {report.invalid.length ? (
        <table>
          <caption>Rows that were not imported</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.invalid.map((i) => (
              <tr>
                <td>{i.line}</td>
                <td>{i.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <a href="/admin/subscribers">Back to the subscribers</a>
      </p>
    </DeskLayout>
  );
}

export function ReaderPage({ s, editor }: { s: Subscriber; editor: Editor }) {
  const history: [string, string | null | undefined][] = [
    ["Signed up", s.createdAt],
    ["Confirmation email sent", s.confirmationSentAt],
    ["Confirmed", confirmedAt(s)],
    ["Unsubscribed", s.unsubscribedAt],
    ["Suppressed", s.suppressedAt],
  ];
  return (
    <DeskLayout title={s.email} editor={editor}>
      <h1>{s.email}</h1>
      <dl>
        <dt>State</dt>
        <dd>{s.state}</dd>
        <dt>Source</dt>
        <dd>{sourceOf(s)}</dd>
        <dt>Consent</dt>
        <dd>
          {s.imported
            ? `${s.imported.mode === "confirmed" ? "attested by" : "imported for double opt-in by"} ${s.imported.by} on ${when(s.imported.at)}`
            : s.consent
              ? `signed up with the form “${s.consent.form}” on ${when(s.consent.at)} from ${s.consent.clientAddress}`
              : "—"}
          {s.confirmation ? ` · confirmed by clicking the link from ${s.confirmation.clientAddress}` : ""}
        </dd>
        {s.suppression ? (
          <>
            <dt>Why suppressed</dt>
            <dd>{`${s.suppression.kind}: ${s.suppression.detail}`}</dd>
          </>
        ) : null}
      </dl>
      <h2>History</h2>
      <table>
        <tbody>
          {history
            .filter(([, at]) => at)
            .map(([what, at]) => (
              <tr>
                <th scope="row">{what}</th>
                <td>{when(at)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h2>Erase</h2>
      <p>
        Erasing removes this reader's address and history for good (GDPR art. 17). No import can bring them back; they
        may still sign up again themselves.
      </p>
      <form method="post" action={`/admin/subscribers/${encodeURIComponent(s.email)}/erase`}>
        <CsrfField token={editor.csrf} />
        <button type="submit" class="danger">
          Erase this reader
        </button>
      </form>
    </DeskLayout>
  );
}
