/**
 * The data foundation room: the store (one writer, read connections), migrations, importers,
 * derived facts, the register queries the other rooms read through, the generator and the demo.
 */
export { onDataChanged } from './changes.ts';
export { registerDataCommands } from './commands.ts';
export { closeStore, DEFAULT_MEMORY_LIMIT, openStore, rows, serverFileOf, Store } from './db.ts';
export { DEMO_SIZE, ensureDemoData } from './demo.ts';
export { DataError } from './errors.ts';
export { municipalityCodeOfName } from './importers/municipality-names.ts';
export {
  ageGroupSql,
  currentFacts,
  dateInWeek,
  isoYearOfWeek,
  weekOfDate,
  weeksHoldWholeMonthSql,
} from './facts.ts';
export { pseudonymiser } from './secret.ts';
export { GENERATED_FILES, generatedStore, generatePopulation } from './generate.ts';
export { registerGenerateCommand } from './generate-command.ts';
export { importFile, importWithProgress, pseudonymiserFor, storeOf } from './import.ts';
export {
  actualWeeks,
  checkMunicipality,
  dataWindow,
  inflowBefore,
  spellDurations,
  stockAt,
  transitionCells,
  type SpellDurationCount,
} from './model-data.ts';
export { municipalityName, overviewFor, type Overview, type SuppressedOverview } from './overview.ts';
export { registerDataRoutes } from './routes.ts';
export { Recent } from './recent.ts';
export { dataVersion, isEmpty, municipalitiesBySize } from './summary.ts';
export { removeStaleUploads } from './upload.ts';
export { jsonFrom, runningServer } from './server-client.ts';
export { audit, auditEntries, localUsername, verifyAudit, type AuditEntry, type AuditVerification, type NewAuditEntry } from './audit.ts';
