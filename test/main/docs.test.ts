import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The README is the newcomer's one page and docs/ holds the rest by reader (issue 15): the README
 * stays short, reaches every docs page, and no link in either leads nowhere.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const readmePath = join(root, 'README.md');
const docsDir = join(root, 'docs');
const docPages = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => join(docsDir, name));

/** The markdown link targets of a page, `[text](target)` and `![alt](target)`, outside code blocks. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set([...prose.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slugOf(match[1] ?? '')));
}

/** Every relative link of a page that does not lead to an existing file, or to a heading in it. */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(readFileSync(page, 'utf8'))) {
    if (isExternal(target)) continue;
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? page : join(dirname(page), decodeURIComponent(path));
    if (!existsSync(file)) {
      broken.push(target);
      continue;
    }
    if (anchor !== undefined && statSync(file).isFile() && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
      broken.push(target);
    }
  }
  return broken;
}

describe('README.md and docs/', () => {
  it('keeps the README under 8 KB', () => {
    expect(statSync(readmePath).size).toBeLessThan(8192);
  });

  it('links every docs page from the README', () => {
    expect(docPages.length).toBeGreaterThan(0);
    const linked = new Set(
      linkTargets(readFileSync(readmePath, 'utf8'))
        .filter((target) => !isExternal(target))
        .map((target) => join(root, target.split('#')[0] ?? '')),
    );
    const unlinked = docPages.filter((page) => !linked.has(page)).map((page) => relative(root, page));
    expect(unlinked).toEqual([]);
  });

  it.each([readmePath, ...docPages].map((page) => [relative(root, page), page]))('%s has no relative link to a missing file or heading', (_name, page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});
