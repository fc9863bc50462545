import type { Kysely } from 'kysely';
import type { DuplicateCandidate, DuplicateReason, PatientFields } from '../../../../preload/contract/channels/patients';
import type { TenantDB } from '../schema';
import { SUMMARY_COLUMNS, emailKey, nationalIdKey, phoneKey, toSummary } from './columns';
import { soundex } from './fold';

/**
 * OpenEMR's duplicate score: first name 5 and last name 3 (by Soundex, accents folded), phone 4,
 * date of birth 6, email 7, national id 15; plus names swapped (first for last) counted as both
 * names, and a known sex that differs taking 5 away. A score of 9 or more is a possible duplicate.
 */
const WEIGHT = { firstName: 5, lastName: 3, phone: 4, dob: 6, email: 7, nationalId: 15, sexDiffers: -5 } as const;
const DUPLICATE_THRESHOLD = 9;
const MAX_CANDIDATES = 10;

type DuplicateProbe = Pick<PatientFields, 'firstName' | 'lastName'> & Partial<Pick<PatientFields, 'dob' | 'sex' | 'phone' | 'email' | 'nationalId'>>;

const CANDIDATE_COLUMNS = [...SUMMARY_COLUMNS, 'first_sx', 'last_sx', 'phone_digits', 'email_key', 'national_id_key'] as const;

/**
 * Possible duplicates of a new or edited patient, best first. Names alone score at most 8, so
 * every candidate at the threshold shares a phone, email, national id or date of birth: those
 * four indexed lookups (the birth date one narrowed to matching names) find them all without
 * reading the whole table.
 */
export async function findDuplicates(db: Kysely<TenantDB>, probe: DuplicateProbe, excludeId?: string): Promise<DuplicateCandidate[]> {
  const fsx = soundex(probe.firstName);
  const lsx = soundex(probe.lastName);
  const phone = phoneKey(probe.phone ?? null);
  const email = emailKey(probe.email ?? null);
  const nid = nationalIdKey(probe.nationalId ?? null);
  const base = () => db.selectFrom('patients').select(CANDIDATE_COLUMNS).where('state', '=', 'active');

  const lookups = [
    nid ? base().where('national_id_key', '=', nid).limit(20).execute() : [],
    email ? base().where('email_key', '=', email).limit(50).execute() : [],
    phone ? base().where('phone_digits', '=', phone).limit(50).execute() : [],
    probe.dob
      ? base()
          .where('dob', '=', probe.dob)
          .where((eb) => eb.or([eb('first_sx', 'in', [fsx, lsx]), eb('last_sx', 'in', [lsx, fsx])]))
          .limit(200)
          .execute()
      : [],
  ];
  const rows = new Map((await Promise.all(lookups)).flat().map((r) => [r.id, r]));
  if (excludeId) rows.delete(excludeId);

  const candidates: DuplicateCandidate[] = [];
  for (const r of rows.values()) {
    let score = 0;
    const reasons: DuplicateReason[] = [];
    const add = (points: number, reason: DuplicateReason) => {
      score += points;
      reasons.push(reason);
    };
    if (r.first_sx === fsx && r.last_sx === lsx) add(WEIGHT.firstName + WEIGHT.lastName, 'name');
    else if (r.first_sx === lsx && r.last_sx === fsx) add(WEIGHT.firstName + WEIGHT.lastName, 'swapped-name');
    else if (r.first_sx === fsx) add(WEIGHT.firstName, 'first-name');
    else if (r.last_sx === lsx) add(WEIGHT.lastName, 'last-name');
    if (probe.dob && r.dob === probe.dob) add(WEIGHT.dob, 'dob');
    if (phone && r.phone_digits === phone) add(WEIGHT.phone, 'phone');
    if (email && r.email_key === email) add(WEIGHT.email, 'email');
    if (nid && r.national_id_key === nid) add(WEIGHT.nationalId, 'national-id');
    const known = (s: string | undefined) => s === 'female' || s === 'male';
    if (known(probe.sex) && known(r.sex) && probe.sex !== r.sex) add(WEIGHT.sexDiffers, 'sex-differs');
    if (score >= DUPLICATE_THRESHOLD) candidates.push({ ...toSummary(r), score, reasons });
  }
  return candidates
    .sort((a, b) => b.score - a.score || a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.mrn.localeCompare(b.mrn))
    .slice(0, MAX_CANDIDATES);
}
