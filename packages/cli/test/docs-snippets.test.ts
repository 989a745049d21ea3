import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const docsDir = join(root, 'docs');
const examplesDir = join(root, 'examples');

/** Collapses every run of whitespace to one space, so indentation and line wrapping do not matter. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every `.ts` file under `dir`, skipping dependencies, build output and example output. */
function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return ['node_modules', 'output', '.tsbuild'].includes(entry.name) ? [] : typeScriptFiles(join(dir, entry.name));
    }
    return entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [];
  });
}

/** The ```ts blocks of a Markdown text. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '');
}

const guides = readdirSync(docsDir).filter((name) => name.endsWith('.md'));
const examples = typeScriptFiles(examplesDir).map((file) => ({ file, text: normalise(readFileSync(file, 'utf8')) }));
const snippets = guides.flatMap((guide) =>
  tsBlocks(readFileSync(join(docsDir, guide), 'utf8')).map((code, index) => ({ guide, index, code })),
);

describe('docs snippets', () => {
  it('finds the guides and their code blocks', () => {
    expect(guides).toEqual(expect.arrayContaining(['getting-started.md', 'seals.md', 'outbox.md', 'cli.md']));
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  it.each(snippets.map((snippet) => [`${snippet.guide} #${snippet.index + 1}`, snippet] as const))(
    '%s is part of a checked example file',
    (_name, snippet) => {
      const code = normalise(snippet.code);
      expect(code.length).toBeGreaterThan(0);
      const home = examples.find((example) => example.text.includes(code));
      expect(home, `${snippet.guide} block ${snippet.index + 1} is in no file under examples/`).toBeDefined();
    },
  );

  it('uses every file of examples/docs-snippets in some guide', () => {
    const used = snippets.map((snippet) => normalise(snippet.code));
    const unused = examples
      .filter((example) => example.file.includes(join('examples', 'docs-snippets', 'src')))
      .filter((example) => !used.some((code) => code.length > 0 && example.text.includes(code)))
      .map((example) => example.file.slice(examplesDir.length + 1));
    expect(unused).toEqual([]);
  });

  it('detects a snippet that drifted from its example', () => {
    const drifted = normalise(`${snippets[0]?.code ?? ''}\nconsole.log('not in any example');`);
    expect(examples.some((example) => example.text.includes(drifted))).toBe(false);
  });
});
