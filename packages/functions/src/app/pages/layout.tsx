import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { newsletter } from "@tidings/templates/newsletter";

/** The one small layout every page shares: signup, results, the digest archive. */
export function Layout({ title, children }: { title?: string; children: Child }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{title ? `${title} · ${newsletter.name}` : newsletter.name}</title>
          <link rel="stylesheet" href="/assets/style.css" />
          <link
            rel="alternate"
            type="application/atom+xml"
            title={`${newsletter.name}: all issues`}
            href="/digests.xml"
          />
          {/* No favicon: without this, browsers ask for /favicon.ico and log its 404. */}
          <link rel="icon" href="data:," />
        </head>
        <body>
          <header class="site">
            <a href="/" class="brand">
              {newsletter.name}
            </a>
            <nav>
              <a href="/digests">Archive</a>
            </nav>
          </header>
          <main id="main">{children}</main>
          <footer class="site">
            <p>{newsletter.tagline}</p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A page that says what happened, with one way onward. */
export function MessagePage({
  title,
  message,
  link,
}: {
  title: string;
  message: string;
  link?: { href: string; label: string };
}) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {link ? (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      ) : null}
    </Layout>
  );
}
