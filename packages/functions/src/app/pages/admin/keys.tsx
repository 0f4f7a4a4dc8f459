/** API keys: the list with last use, a new key shown once, revoking. */
import type { ApiKeyInfo } from "@tidings/core/admin/api-keys";
import { CsrfField, DeskLayout, when, type DeskPage } from "./layout.tsx";

type Editor = NonNullable<DeskPage["editor"]>;

export function KeysPage({
  keys,
  created,
  editor,
}: {
  keys: ApiKeyInfo[];
  created?: { name: string; key: string };
  editor: Editor;
}) {
  return (
    <DeskLayout title="API keys" editor={editor}>
      <h1>API keys</h1>
      {created ? (
        <section aria-labelledby="new-key">
          <h2 id="new-key">Your new key “{created.name}”</h2>
          <p>
            Copy it now: it is shown this once and never stored. Use it as <code>Authorization: Bearer KEY</code>.
          </p>
          <p class="key">{created.key}</p>
        </section>
      ) : null}
      <table>
        <thead>
          <tr>
            {["Name", "Id", "Created", "Last used", "State", ""].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr>
              <th scope="row">{k.name}</th>
              <td>
                <code>{k.id}</code>
              </td>
              <td>{`${when(k.createdAt)} by ${k.createdBy}`}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>{k.revokedAt ? `revoked ${when(k.revokedAt)}` : "active"}</td>
              <td>
                {k.revokedAt ? null : (
                  <form method="post" action={`/admin/keys/${k.id}/revoke`} class="inline">
                    <CsrfField token={editor.csrf} />
                    <button type="submit" class="link">
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Create a key</h2>
      <form class="row" method="post" action="/admin/keys">
        <CsrfField token={editor.csrf} />
        <label>
          Name <input type="text" name="name" required maxlength={100} placeholder="e.g. website signup sync" />
        </label>
        <button type="submit">Create key</button>
      </form>
    </DeskLayout>
  );
}
