/** Corrections: every story an editor moved (which later builds learn from) or dropped, each undoable. */
import type { StoredCorrection } from "@tidings/core/review/corrections";
import { CsrfField, DeskLayout, Notice, when, type DeskPage } from "./layout.tsx";

type Editor = NonNullable<DeskPage["editor"]>;

export function CorrectionsPage({
  corrections,
  editor,
  notice,
}: {
  corrections: StoredCorrection[];
  editor: Editor;
  notice?: string | undefined;
}) {
  return (
    <DeskLayout title="Corrections" editor={editor}>
      <h1>Corrections</h1>
      <p>
        Every story an editor moved to another theme: the classifier learns from each when it files later weeks. Drops
        are listed too. Undoing one makes the classifier forget it and, while its digest is not sent yet, puts the story
        back.
      </p>
      <Notice text={notice} />
      {corrections.length === 0 ? (
        <p>No correction yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              {["Week", "Story", "Correction", "By", ""].map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr>
                <td class="nowrap">
                  <a href={`/admin/digests/${c.week}`}>{c.week}</a>
                </td>
                <th scope="row">{c.title}</th>
                <td>{c.kind === "move" ? `moved from ${c.from} to ${c.theme}` : `dropped (was under ${c.from})`}</td>
                <td>{`${c.by}, ${when(c.at)}`}</td>
                <td>
                  <form method="post" action={`/admin/corrections/${c.week}/${c.itemId}/undo`} class="inline">
                    <CsrfField token={editor.csrf} />
                    <button type="submit" class="link">
                      Undo<span class="visually-hidden">{` the correction of “${c.title}”`}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DeskLayout>
  );
}
