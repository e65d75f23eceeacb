import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { DocumentDefinition } from 'pdfmake';

const require = createRequire(import.meta.url);

let templates: string | undefined;

/** templates/ at the repository root: found from this file (src/reports or dist/src/reports), not the cwd. */
export function templatesDir(): string {
  if (templates) return templates;
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', 'fonts.json'))) return (templates = join(dir, 'templates'));
  }
  throw new Error('templates/fonts.json not found above src/reports');
}

let ready = false;

/** Registers the CJK font (from npm, see templates/fonts.json) once per thread, and forbids URL and file access. */
function setUp(): void {
  if (ready) return;
  const spec = JSON.parse(readFileSync(join(templatesDir(), 'fonts.json'), 'utf8')) as Record<
    string,
    Record<string, string> | string
  >;
  const fonts: Record<string, Record<string, string>> = {};
  for (const [family, faces] of Object.entries(spec)) {
    if (typeof faces === 'string') continue;
    fonts[family] = Object.fromEntries(
      Object.entries(faces).map(([face, file]) => [face, require.resolve(file)]),
    );
  }
  const fontFiles = new Set(Object.values(fonts).flatMap((faces) => Object.values(faces)));
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));
  ready = true;
}

/** Renders synchronously on this thread (the caller runs it in a worker); the same definition gives the same bytes. */
export async function renderPdf(definition: DocumentDefinition): Promise<Buffer> {
  setUp();
  return pdfmake.createPdf(definition).getBuffer();
}
