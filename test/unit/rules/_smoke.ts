import { readFileSync } from 'node:fs';
import { diagnose } from '../helpers';
const t = readFileSync(process.argv[2], 'utf8');
for (const d of diagnose(t)) console.log(d.range.start.line + 1, d.code, d.severity, d.message);
