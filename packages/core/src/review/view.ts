/** A digest as the API shows it to editors: `GET/PATCH /api/v1/digests/:week` (DESIGN.md). */
import type { Digest, DigestStatus } from "../store/digests.ts";

export interface DigestView {
  week: string;
  status: DigestStatus;
  subject: string;
  /** The editor's note as written (Markdown subset), "" for none. */
  note: string;
  sections: { theme: string; items: { id: string; title: string; link: string }[] }[];
}

export function digestView(d: Digest): DigestView {
  return {
    week: d.week,
    status: d.status,
    subject: d.subject,
    note: d.review?.edits.note ?? "",
    sections: d.sections.map((s) => ({
      theme: s.theme,
      items: s.items.map(({ id, title, link }) => ({ id, title, link })),
    })),
  };
}
