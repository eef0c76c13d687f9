import type { Language } from '../../../../shared/domain';

/*
 * What a person sees when their browser lands on something that is not the station's page: an
 * address without its link, an API address typed in the address bar, a file that is not there.
 * The page's own scripts still get JSON; these are only for navigations, so nobody is ever
 * shown `{"ok":false,...}`. Plain HTML, no script and no inline style (the CSP allows neither).
 */

export type ProblemKind = 'needs-link' | 'not-a-page' | 'not-found' | 'forbidden';

interface Words {
  title: string;
  body: string;
  link: string | null;
}

const words: Record<Language, Record<ProblemKind, Words>> = {
  en: {
    'needs-link': {
      title: 'This station needs its link',
      body: 'Open the address the station printed when it started (it begins with "Packdesk ready at"). Ask whoever looks after this station if you do not have it.',
      link: null,
    },
    'not-a-page': {
      title: 'This address is for the station itself',
      body: 'Packdesk uses this address behind the scenes; there is nothing to see here.',
      link: 'Go to Packdesk',
    },
    'not-found': { title: 'There is nothing here', body: 'This address is not part of Packdesk.', link: 'Go to Packdesk' },
    forbidden: {
      title: 'This address is not served here',
      body: 'Open the station on this computer, at the address it printed when it started.',
      link: null,
    },
  },
  nl: {
    'needs-link': {
      title: 'Dit pakstation heeft zijn link nodig',
      body: 'Open het adres dat het pakstation liet zien toen het startte (het begint met "Packdesk ready at"). Vraag het aan wie dit pakstation beheert als je het niet hebt.',
      link: null,
    },
    'not-a-page': {
      title: 'Dit adres is voor het pakstation zelf',
      body: 'Packdesk gebruikt dit adres op de achtergrond; hier is niets te zien.',
      link: 'Naar Packdesk',
    },
    'not-found': { title: 'Hier is niets', body: 'Dit adres hoort niet bij Packdesk.', link: 'Naar Packdesk' },
    forbidden: {
      title: 'Dit adres wordt hier niet bediend',
      body: 'Open het pakstation op deze computer, op het adres dat het liet zien toen het startte.',
      link: null,
    },
  },
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function problemPage(kind: ProblemKind, language: Language): string {
  const w = words[language][kind];
  const link = w.link ? `<p><a href="/">${escapeHtml(w.link)}</a></p>` : '';
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>Packdesk: ${escapeHtml(w.title)}</title></head>` +
    `<body><main><h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(w.body)}</p>${link}</main></body></html>`
  );
}

/** Injects the access token for the page's scripts, so a tab let in by its cookie alone can call the station. */
export function withTokenMeta(html: string, token: string): string {
  // The token is [A-Za-z0-9_-] only (isUsableToken), so it needs no escaping in an attribute.
  const meta = `<meta name="packdesk-token" content="${token}">`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return meta + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}
