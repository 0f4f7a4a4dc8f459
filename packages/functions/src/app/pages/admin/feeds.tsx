/** The feeds pages: the registry with its actions, and a feed's preview before it is added. */
import type { FeedHealth } from "@tidings/core/admin/dashboard";
import type { FeedPreview } from "@tidings/core/feed/registry";
import { Feeds } from "./dashboard.tsx";
import { CsrfField, DeskLayout, type DeskPage } from "./layout.tsx";

type Editor = NonNullable<DeskPage["editor"]>;

function Action({ feedKey, action, label, csrf }: { feedKey: string; action: string; label: string; csrf: string }) {
  return (
    <form method="post" action={`/admin/feeds/${feedKey}/${action}`} class="inline">
      <CsrfField token={csrf} />
      <button type="submit" class="link">
        {label}
      </button>
    </form>
  );
}

export function FeedsPage({
  feeds,
  notice,
  editor,
}: {
  feeds: FeedHealth[];
  notice?: string | undefined;
  editor: Editor;
}) {
  return (
    <DeskLayout title="Feeds" editor={editor}>
      <h1>Feeds</h1>
      {notice ? (
        <p role="status" class="ok">
          {notice}
        </p>
      ) : null}
      <Feeds feeds={feeds} />
      <h2>Actions</h2>
      <ul>
        {feeds.map((f) => (
          <li>
            <strong>{f.title}</strong> <span class="muted">{f.source}</span>{" "}
            <Action feedKey={f.feedKey} action="fetch" label="Fetch now" csrf={editor.csrf} /> ·{" "}
            {f.status === "active" ? (
              <Action feedKey={f.feedKey} action="pause" label="Pause" csrf={editor.csrf} />
            ) : (
              <Action feedKey={f.feedKey} action="resume" label="Resume" csrf={editor.csrf} />
            )}{" "}
            · <Action feedKey={f.feedKey} action="remove" label="Remove" csrf={editor.csrf} />
          </li>
        ))}
      </ul>
      <h2 id="add">Add a feed</h2>
      <form class="stack" method="post" action="/admin/feeds/preview">
        <CsrfField token={editor.csrf} />
        <label for="url">The feed's address (RSS, Atom or JSON Feed; locally also a file)</label>
        <input type="text" inputmode="url" id="url" name="url" required placeholder="https://example.com/feed.xml" />
        <button type="submit">Fetch and preview</button>
      </form>
    </DeskLayout>
  );
}

export function FeedPreviewPage({ preview, editor }: { preview: FeedPreview; editor: Editor }) {
  return (
    <DeskLayout title={`Add ${preview.title}`} editor={editor}>
      <h1>Add “{preview.title}”?</h1>
      <p>
        {preview.source} · {preview.itemCount} items. The newest:
      </p>
      <ul>
        {preview.items.map((i) => (
          <li>
            {i.link ? <a href={i.link}>{i.title}</a> : i.title}{" "}
            <span class="muted">{i.published?.slice(0, 10) ?? ""}</span>
          </li>
        ))}
      </ul>
      <form method="post" action="/admin/feeds">
        <CsrfField token={editor.csrf} />
        <input type="hidden" name="url" value={preview.source} />
        <button type="submit">Add this feed</button>
      </form>
      <p>
        <a href="/admin/feeds">Cancel</a>
      </p>
    </DeskLayout>
  );
}
