/** The site's stylesheet, served from /assets/style.css (the CSP allows no inline style). */
export const stylesheet = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fafafa; --muted: #5a5a60; --accent: #0b5cad; --card: #fff; --line: #d8d8dc; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececf0; --bg: #141416; --muted: #a8a8b0; --accent: #7cb7ff; --card: #1e1e22; --line: #3a3a40; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.site, main, footer.site { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem; }
header.site { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
footer.site { color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.8rem; line-height: 1.2; }
form.signup { display: grid; gap: 0.6rem; margin: 1.5rem 0; }
label { font-weight: 600; }
input[type="email"] { font: inherit; padding: 0.6rem 0.75rem; border: 1px solid var(--muted); border-radius: 6px; background: var(--card); color: var(--fg); width: 100%; }
button { font: inherit; font-weight: 600; padding: 0.6rem 1.1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; justify-self: start; }
@media (prefers-color-scheme: dark) { button { color: #0b0b0c; } }
.error { color: #b00020; font-weight: 600; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a8a; } }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
ul.archive { list-style: none; padding: 0; }
ul.archive li { padding: 0.75rem 0; border-bottom: 1px solid var(--line); }
.nowrap { white-space: nowrap; }
.muted { color: var(--muted); }
.lead { font-size: 1.1rem; }
.help { margin: 0; color: var(--muted); font-size: 0.9rem; }
ul.themes { padding-left: 1.2rem; }
ul.themes li { margin: 0.2rem 0; }
form.unsubscribe { margin: 1.5rem 0; }
form.preferences fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin: 1.5rem 0 1rem; }
form.preferences legend { font-weight: 600; padding: 0 0.25rem; }
.choice { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.4rem; margin: 0.5rem 0; }
.choice input { width: 1.25rem; height: 1.25rem; margin: 0; align-self: center; }
.choice .about { flex-basis: 100%; padding-left: 1.65rem; font-size: 0.95rem; }
.notice { padding: 0.6rem 0.8rem; border-left: 4px solid var(--accent); background: var(--card); }
ul.reader-links li { margin: 0.35rem 0; }
`;
