/** The desk's own stylesheet (/assets/desk.css), on top of the site's: wider pages, tables, a chart. */
export const deskStylesheet = `
body.desk header.site, body.desk main, body.desk footer.site { max-width: 72rem; }
body.desk header.site nav { display: flex; flex-wrap: wrap; gap: 0.9rem; align-items: center; }
body.desk header.site nav form { margin: 0; }
button.link { background: none; color: var(--accent); padding: 0; font-weight: 400; text-decoration: underline; }
.desk table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; font-size: 0.95rem; }
.desk th, .desk td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.desk td.num, .desk th.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.75rem; margin: 1rem 0 1.5rem; padding: 0; list-style: none; }
.cards li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
.cards .figure { display: block; font-size: 1.8rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.warnings { list-style: none; padding: 0; }
.warnings li { background: #fff4e5; color: #5c3200; border-left: 6px solid #d97706; padding: 0.6rem 0.9rem; margin: 0.4rem 0; border-radius: 4px; font-weight: 600; }
@media (prefers-color-scheme: dark) { .warnings li { background: #3a2a10; color: #ffd9a8; } }
.ok { color: #0f766e; font-weight: 600; }
@media (prefers-color-scheme: dark) { .ok { color: #5eead4; } }
.chart svg { width: 100%; height: auto; max-width: 56rem; }
.chart .bar { fill: var(--accent); }
.chart .axis { stroke: var(--line); }
.chart text { fill: var(--muted); font-size: 11px; }
details.figures { margin: 0 0 1.5rem; }
form.inline { display: inline; margin: 0; }
form.stack { display: grid; gap: 0.6rem; margin: 1rem 0 1.5rem; max-width: 36rem; }
form.row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin: 1rem 0; }
input[type="text"], input[type="url"], input[type="search"], select, input[type="file"] { font: inherit; padding: 0.5rem 0.6rem; border: 1px solid var(--muted); border-radius: 6px; background: var(--card); color: var(--fg); }
.key { font-family: ui-monospace, monospace; word-break: break-all; background: var(--card); border: 1px solid var(--line); padding: 0.75rem; border-radius: 6px; }
.pager { display: flex; gap: 1rem; }
.desk fieldset label { font-weight: 400; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
button.secondary { background: var(--card); color: var(--accent); border: 1px solid var(--accent); }
textarea { font: inherit; padding: 0.5rem 0.6rem; border: 1px solid var(--muted); border-radius: 6px; background: var(--card); color: var(--fg); }
.email-frame { display: block; width: 100%; max-width: 42rem; height: 56rem; border: 1px solid var(--line); border-radius: 6px; background: #eef0f3; }
ul.stories { list-style: none; padding: 0; }
ul.stories li.story { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
.story .tools { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; align-items: center; }
.story .tools form.row { margin: 0.3rem 0; }
.story .tag { color: var(--muted); font-size: 0.9rem; }
.notice.final { border-left-color: #b00020; font-weight: 600; }
button.danger { background: #b00020; }
@media (prefers-color-scheme: dark) { button.danger { background: #ff8a8a; } }
`;
