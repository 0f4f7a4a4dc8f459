/**
 * One digest in the desk: where it stands, the email exactly as readers get it (its own HTML in a
 * sandboxed frame), and, until its delivery begins, the editor's tools: subject and note, a test
 * copy, approval, and per story move, pin, drop (or put back), with why it landed where it did.
 */
import type { DeskDigest, DeskItem } from "@tidings/core/review/desk";
import type { DigestStatus } from "@tidings/core/store/digests";
import { NOTE_MAX, SUBJECT_MAX } from "@tidings/core/review/edits";
import { CsrfField, DeskLayout, Notice, when, type DeskPage } from "./layout.tsx";

type Editor = NonNullable<DeskPage["editor"]>;

export const statusLabel: Record<DigestStatus, string> = {
  draft: "Draft: awaiting review",
  approved: "Approved: not sent yet",
  sending: "Being sent",
  sent: "Sent",
};

function Standing({ d }: { d: DeskDigest }) {
  const { digest } = d;
  if (!d.editable) {
    return (
      <>
        <p class="notice final" role="status">
          {`This digest is final: its delivery began ${when(digest.sendStartedAt)}. It can no longer be edited or approved, so that every reader gets the same issue.`}
        </p>
        {digest.sendPause ? (
          <p class="notice">
            {`Its delivery paused itself ${when(digest.sendPause.at)}: ${digest.sendPause.reason}. Readers not yet sent get it once it is resumed (npm run digest -- --week ${digest.week} --resume, or the WeeklyDigest function with {"week": "${digest.week}", "resume": true}).`}
          </p>
        ) : null}
      </>
    );
  }
  if (digest.status === "draft") {
    return (
      <p class="notice">
        {digest.deadline?.action === "skipped"
          ? `Nobody approved this draft in time (${when(digest.deadline.at)}): it was not sent. Approving it now still sends it.`
          : "A draft: nothing is sent, and nobody else can see it, until you approve it."}
      </p>
    );
  }
  return (
    <p class="notice">
      {digest.approvedAt
        ? `Approved by ${digest.approvedBy} ${when(digest.approvedAt)}: its delivery is starting.`
        : "Public in the archive and not sent yet: edits are still possible, and approving it sends it."}
    </p>
  );
}

const action = (week: string, path: string) => `/admin/digests/${week}/${path}`;

function Why({ item }: { item: DeskItem }) {
  const words = item.why?.words.map((w) => `${w.word} (${w.weight})`).join(", ");
  const filedBy =
    item.why?.by === "label"
      ? `filed under ${item.filed} by an editor's earlier correction`
      : words
        ? `filed under ${item.filed} by the words ${words}`
        : `filed under ${item.filed}`;
  return (
    <p class="help">
      {item.moved ? `Moved here by an editor; the classifier had ${filedBy}.` : `Why here: ${filedBy}.`}
    </p>
  );
}

function ItemTools({ item, d, editor, theme }: { item: DeskItem; d: DeskDigest; editor: Editor; theme: string }) {
  const week = d.digest.week;
  const to = (verb: string) => action(week, `items/${item.id}/${verb}`);
  return (
    <div class="tools">
      <form method="post" action={to("move")} class="row">
        <CsrfField token={editor.csrf} />
        <label for={`move-${item.id}`}>Theme</label>
        <select id={`move-${item.id}`} name="theme">
          {d.themes.map((t) => (
            <option value={t} selected={t === theme}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Move<span class="visually-hidden">{` “${item.title}”`}</span>
        </button>
      </form>
      <form method="post" action={to(item.pinned ? "unpin" : "pin")} class="inline">
        <CsrfField token={editor.csrf} />
        <button type="submit" class="link">
          {item.pinned ? "Unpin" : "Pin to the top"}
          <span class="visually-hidden">{` “${item.title}”`}</span>
        </button>
      </form>{" "}
      <form method="post" action={to("drop")} class="inline">
        <CsrfField token={editor.csrf} />
        <button type="submit" class="link">
          Drop<span class="visually-hidden">{` “${item.title}”`}</span>
        </button>
      </form>
    </div>
  );
}

function Story({ item, d, editor, theme }: { item: DeskItem; d: DeskDigest; editor: Editor; theme: string }) {
  return (
    <li id={`item-${item.id}`} class="story">
      <a href={item.link}>{item.title}</a>
      {item.pinned ? <strong class="tag"> pinned</strong> : null}
      <p class="help">{`${item.source} · ${item.published.slice(0, 10)}`}</p>
      <Why item={item} />
      {d.editable ? <ItemTools item={item} d={d} editor={editor} theme={theme} /> : null}
    </li>
  );
}

function Edits({ d, editor }: { d: DeskDigest; editor: Editor }) {
  const week = d.digest.week;
  return (
    <>
      <section aria-labelledby="send">
        <h2 id="send">Check and send</h2>
        <form method="post" action={action(week, "test")} class="row">
          <CsrfField token={editor.csrf} />
          <button type="submit" class="secondary">
            Send me a test copy
          </button>
          <span class="help">{`To ${editor.email}, with “[TEST]” in the subject.`}</span>
        </form>
        <form method="post" action={action(week, "approve")} class="row">
          <CsrfField token={editor.csrf} />
          <button type="submit">Approve and send to every reader</button>
          <span class="help">Delivery starts at once; after that the digest cannot change.</span>
        </form>
      </section>
      <section aria-labelledby="words">
        <h2 id="words">Subject and note</h2>
        <form method="post" action={action(week, "note")} class="stack">
          <CsrfField token={editor.csrf} />
          <label for="subject">Subject</label>
          <input
            type="text"
            id="subject"
            name="subject"
            value={d.subject}
            maxlength={SUBJECT_MAX}
            aria-describedby="subject-help"
          />
          <p class="help" id="subject-help">
            {`Empty: each reader's subject is led by their first headline (now “${d.digest.subject}”).`}
          </p>
          <label for="note">Editor's note</label>
          <textarea id="note" name="note" rows={5} maxlength={NOTE_MAX} aria-describedby="note-help">
            {d.note}
          </textarea>
          <p class="help" id="note-help">
            Shown above the first theme, in every reader's copy. **bold**, *italic*, [a link](https://…), and lines
            starting with “- ” for a list; nothing else is formatted.
          </p>
          <button type="submit">Save subject and note</button>
        </form>
      </section>
    </>
  );
}

export function ReviewPage({ d, editor, notice }: { d: DeskDigest; editor: Editor; notice?: string | undefined }) {
  const { digest } = d;
  return (
    <DeskLayout title={`Digest ${digest.week}`} editor={editor}>
      <p>
        <a href="/admin/digests">All digests</a>
      </p>
      <h1>{`Digest ${digest.week}`}</h1>
      <p>
        <strong>{statusLabel[digest.status]}</strong>
        {` · ${digest.firstDay} to ${digest.lastDay} · ${digest.itemCount} stories · subject “${digest.subject}”`}
      </p>
      <Notice text={notice} />
      <Standing d={d} />
      {d.editable ? <Edits d={d} editor={editor} /> : null}
      <section aria-labelledby="email">
        <h2 id="email">The email as readers get it</h2>
        <iframe
          class="email-frame"
          src={action(digest.week, "email")}
          title={`The email of ${digest.week}, as a reader with every theme gets it`}
          sandbox=""
        ></iframe>
      </section>
      <section aria-labelledby="stories">
        <h2 id="stories">Stories</h2>
        {d.sections.map((s) => (
          <>
            <h3>{s.theme}</h3>
            <ul class="stories">
              {s.items.map((item) => (
                <Story item={item} d={d} editor={editor} theme={s.theme} />
              ))}
            </ul>
          </>
        ))}
        {d.dropped.length ? (
          <>
            <h3>Dropped</h3>
            <ul class="stories">
              {d.dropped.map((item) => (
                <li id={`item-${item.id}`} class="story">
                  <a href={item.link}>{item.title}</a>
                  <p class="help">{`${item.source} · was under ${item.filed}`}</p>
                  {d.editable ? (
                    <form method="post" action={action(digest.week, `items/${item.id}/restore`)} class="inline">
                      <CsrfField token={editor.csrf} />
                      <button type="submit" class="link">
                        Put back<span class="visually-hidden">{` “${item.title}”`}</span>
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </DeskLayout>
  );
}
