import { DuckDBInstance } from '@duckdb/node-api';
const [db, ...sql] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
const c = await inst.connect();
for (const s of sql) { const r = await c.runAndReadAll(s); console.log(JSON.stringify(r.getRowObjectsJson())); }
