/** The desk's digests: every week's, drafts included, with where each stands. */
import type { DigestSummary } from "@tidings/core/store/digests";
import { DeskLayout, when, type DeskPage } from "./layout.tsx";
import { statusLabel } from "./review.tsx";

export function DigestsPage({ digests, editor }: { digests: DigestSummary[]; editor: DeskPage["editor"] }) {
  const waiting = digests.filter((d) => d.status === "draft" && !d.deadline);
  return (
    <DeskLayout title="Digests" editor={editor}>
      <h1>Digests</h1>
      <p>
        {waiting.length
          ? `${waiting.length} draft${waiting.length === 1 ? "" : "s"} awaiting review.`
          : "No draft awaits review."}{" "}
        <a href="/admin/corrections">Corrections</a> lists every story an editor moved or dropped.
      </p>
      {digests.length === 0 ? (
        <p>No digest yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Dates</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Stories
              </th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {digests.map((d) => (
              <tr>
                <th scope="row" class="nowrap">
                  <a href={`/admin/digests/${d.week}`}>{d.week}</a>
                </th>
                <td class="nowrap">{`${d.firstDay} to ${d.lastDay}`}</td>
                <td>
                  {statusLabel[d.status]}
                  {d.deadline ? <span class="muted">{` (deadline: ${d.deadline.action})`}</span> : null}
                  {d.sendPause ? <span class="muted">{` (paused: ${d.sendPause.reason})`}</span> : null}
                  {d.sendStartedAt ? <span class="muted">{` since ${when(d.sendStartedAt)}`}</span> : null}
                </td>
                <td class="num">{d.itemCount}</td>
                <td>{d.subject}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DeskLayout>
  );
}
