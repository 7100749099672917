import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { articlePath, authorPath, localized, rulesPath, tagPath } from './helpers';

const run = promisify(execFile);
// vnu-jar's main export is the path of vnu.jar (a String object).
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

type VnuMessage = {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
};

const PAGES = [
  { name: 'article zh-CN', path: articlePath('zh-CN') },
  { name: 'article zh-TW', path: articlePath('zh-TW') },
  { name: 'article en', path: articlePath('en') },
  { name: 'rules zh-CN', path: rulesPath('zh-CN') },
  { name: 'rules en', path: rulesPath('en') },
  { name: 'home', path: localized('zh-CN', '/') },
  { name: 'tag', path: tagPath('zh-CN') },
  { name: 'author', path: authorPath('zh-CN') },
];

const fileName = (name: string) => `${name.replace(/\W+/g, '-')}.html`;

test.describe('Nu Html Checker: server HTML has no errors', () => {
  test.describe.configure({ timeout: 120_000 });

  let messages: VnuMessage[] = [];
  let dir = '';

  test.beforeAll(async ({ request }) => {
    dir = await mkdtemp(join(tmpdir(), 'vnu-'));
    const files: string[] = [];
    for (const p of PAGES) {
      const response = await request.get(p.path);
      expect(response.status(), p.path).toBe(200);
      const file = join(dir, fileName(p.name));
      await writeFile(file, await response.text());
      files.push(file);
    }
    // One JVM for all pages. vnu exits 1 when it reports errors; its JSON is on stderr.
    let output: string;
    try {
      const { stdout, stderr } = await run('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 });
      output = stderr || stdout;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      output = e.stderr || e.stdout || '';
      if (!output.trim().startsWith('{')) throw new Error(`vnu failed: ${e.message}`);
    }
    messages = (JSON.parse(output) as { messages: VnuMessage[] }).messages;
  });

  test.afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const p of PAGES) {
    test(`${p.name} (${p.path})`, () => {
      const mine = messages.filter((m) => m.url?.endsWith(`/${fileName(p.name)}`));
      const errors = mine.filter((m) => m.type === 'error' || m.type === 'non-document-error');
      const report = errors
        .map(
          (m) =>
            `  line ${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? '?'}-${m.lastColumn ?? '?'} [${m.type}${m.subType ? '/' + m.subType : ''}] ${m.message}\n      ${(m.extract ?? '').replace(/\n/g, ' ')}`,
        )
        .join('\n');
      expect(errors, `Nu Html Checker errors in ${p.path}:\n${report}`).toEqual([]);
    });
  }

  test('the checker really reports errors (sanity check)', async () => {
    const file = join(dir, 'broken.html');
    await writeFile(file, '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>');
    const result = await run('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', file]).then(
      (r) => r.stderr || r.stdout,
      (e: { stderr?: string; stdout?: string }) => e.stderr || e.stdout || '',
    );
    const found = (JSON.parse(result) as { messages: VnuMessage[] }).messages.filter((m) => m.type === 'error');
    expect(found.length).toBeGreaterThan(0);
  });
});
