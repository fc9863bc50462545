/** How big each part of a run is. Full mode is the scale; quick mode keeps CI under 3 minutes. */
export interface Sizes {
  /** Clinics in the chain's data folder. */
  clinics: number;
  /** Clinics registered through the real pipeline (the rest are copies of a registered one). */
  registrations: number;
  /** Random clinics switched to, for the switch percentiles. */
  switches: number;
  /** Clinics with `applyRows` patients each that receive one new migration. */
  applyClinics: number;
  applyRows: number;
  /** Patients in the big clinic searched, read, written and backed up. */
  patients: number;
  /** Patients given appointments (and payments, where that module exists) through the handlers. */
  patientsWithVisits: number;
  /** The big clinic's file is grown to at least this many bytes before it is backed up. */
  backupBytes: number;
  searchRounds: number;
  screens: number;
  creates: number;
  /** Fresh processes started for the start-up figure. */
  startups: number;
  listRuns: number;
  migrateCheckRuns: number;
  hashes: number;
}

export type Mode = 'full' | 'quick';

export const SIZES: Record<Mode, Sizes> = {
  full: {
    clinics: 10_000,
    registrations: 60,
    switches: 2_000,
    applyClinics: 1_000,
    applyRows: 1_000,
    patients: 1_000_000,
    patientsWithVisits: 300,
    backupBytes: 2 ** 30,
    searchRounds: 5,
    screens: 300,
    creates: 300,
    startups: 5,
    listRuns: 3,
    migrateCheckRuns: 3,
    hashes: 5,
  },
  quick: {
    clinics: 1_000,
    registrations: 20,
    switches: 500,
    applyClinics: 100,
    applyRows: 1_000,
    patients: 50_000,
    patientsWithVisits: 60,
    backupBytes: 64 * 2 ** 20,
    searchRounds: 2,
    screens: 100,
    creates: 100,
    startups: 3,
    listRuns: 3,
    migrateCheckRuns: 3,
    hashes: 3,
  },
};

export function modeFrom(argv: readonly string[]): Mode {
  const unknown = argv.filter((a) => a !== '--quick' && a !== '--');
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]}; usage: npm run bench [-- --quick]`);
  return argv.includes('--quick') ? 'quick' : 'full';
}
