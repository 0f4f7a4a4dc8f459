/** The desk's layout: the site's, wider, with the desk's navigation and a sign-out button. */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { newsletter } from "@tidings/templates/newsletter";

/** A form field every state-changing desk form carries (auth.ts: requireCsrfToken). */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export interface DeskPage {
  title: string;
  /** The signed-in editor (absent on the sign-in pages). */
  editor?: { email: string; csrf: string } | undefined;
  children: Child;
}

const sections = [
  ["/admin", "Dashboard"],
  ["/admin/digests", "Digests"],
  ["/admin/subscribers", "Subscribers"],
  ["/admin/feeds", "Feeds"],
  ["/admin/keys", "API keys"],
  ["/admin/audit", "Audit"],
] as const;

export function DeskLayout({ title, editor, children }: DeskPage) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · Desk · ${newsletter.name}`}</title>
          <link rel="stylesheet" href="/assets/style.css" />
          <link rel="stylesheet" href="/assets/desk.css" />
          <link rel="icon" href="data:," />
        </head>
        <body class="desk">
          <header class="site">
            <a href="/admin" class="brand">
              {newsletter.name} · Desk
            </a>
            {editor ? (
              <nav aria-label="Desk">
                {sections.map(([href, label]) => (
                  <a href={href}>{label}</a>
                ))}
                <span class="muted">{editor.email}</span>
                <form method="post" action="/admin/sign-out" class="inline">
                  <CsrfField token={editor.csrf} />
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
                <form method="post" action="/admin/sign-out/everywhere" class="inline">
                  <CsrfField token={editor.csrf} />
                  <button type="submit" class="link">
                    Sign out everywhere
                  </button>
                </form>
              </nav>
            ) : null}
          </header>
          <main id="main">{children}</main>
          <footer class="site">
            <p>
              The editor's desk of {newsletter.name}. <a href="/">The public site</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** What the last action did, announced to screen readers (`?done=` on the page after a form). */
export const Notice = ({ text }: { text: string | undefined }) =>
  text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;

/** Dates as the desk shows them: `2026-05-18 09:00 UTC`, or a dash. */
export const when = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
