import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from './national-report.js';

/** Rewrites bench/results/<name>.md and .svg from its JSON: `node dist/bench/national-rewrite.js national-after`. */
const name = process.argv[2] ?? 'national';
writeReport(name, JSON.parse(readFileSync(join(process.cwd(), 'bench', 'results', `${name}.json`), 'utf8')));
