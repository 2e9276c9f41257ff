import { measureStartup } from './startup.ts';
import { table } from './report.ts';
const r = await measureStartup((l) => console.log(l));
console.log(table(r.rows)); console.log(r.notes.join('\n'));
process.exit(0);
