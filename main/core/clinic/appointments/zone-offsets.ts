/**
 * A time zone's offset from UTC at an instant. Asking Intl costs a few microseconds a time, and a
 * record or a day's schedule converts every appointment and payment it shows; so for each zone
 * and UTC year in use the offset changes are found once, from Intl itself, and later instants are
 * looked up among them.
 *
 * Finding them rests on one fact of the time zone database: since 1970 no zone has changed its
 * offset twice within a week (the shortest gap is 167 hours, America/Noronha in 2000 and Asia/Gaza's
 * predicted changes in the 2040s). So between two samples a day apart the offset changes at most
 * once: equal offsets at both ends mean none in between, different ones exactly one, found to the
 * millisecond by bisection. Earlier instants, where local mean times and wartime rules crowd
 * together, are always asked of Intl, as are those after 2199.
 */

const DAY_MS = 86_400_000;
/** Years served from tables; outside them (never a clinic's appointment) Intl answers, and no table is kept. */
const TABLE_YEARS = { from: 1970, to: 2199 };

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(tz: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    offsetFormats.set(tz, format);
  }
  return format;
}

// "7/1/2025, GMT+02:00"; plain "GMT" at UTC; seconds only in local mean times before ~1972
const OFFSET = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

/** The offset in seconds as Intl reports it: the source of truth the tables are built from. */
function intlOffsetSeconds(at: number, tz: string): number {
  const match = OFFSET.exec(offsetFormat(tz).format(at));
  if (!match) throw new RangeError('unexpected time zone offset format');
  const [, sign, hours, minutes, seconds] = match;
  if (!sign) return 0;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0);
  return sign === '-' ? -total : total;
}

/** A zone's offsets through one UTC year (from a day before it): `offsets[i]` holds from `from[i]` on. */
interface YearTable {
  from: number[];
  offsets: number[];
}

/** The first millisecond in (lo, hi] with the offset at hi, given exactly one change in between. */
function changeAt(lo: number, hi: number, after: number, tz: string): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (intlOffsetSeconds(mid, tz) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

function buildYear(year: number, tz: string): YearTable {
  const start = Date.UTC(year, 0, 1) - DAY_MS;
  const end = Date.UTC(year + 1, 0, 1);
  const table: YearTable = { from: [start], offsets: [intlOffsetSeconds(start, tz)] };
  let previous = table.offsets[0] as number;
  for (let at = start; at < end; ) {
    const next = Math.min(at + DAY_MS, end);
    const offset = intlOffsetSeconds(next, tz);
    if (offset !== previous) {
      table.from.push(changeAt(at, next, offset, tz));
      table.offsets.push(offset);
      previous = offset;
    }
    at = next;
  }
  return table;
}

const tables = new Map<string, Map<number, YearTable>>();

function yearTable(year: number, tz: string): YearTable {
  let years = tables.get(tz);
  if (!years) tables.set(tz, (years = new Map()));
  let table = years.get(year);
  if (!table) years.set(year, (table = buildYear(year, tz)));
  return table;
}

/** The zone's offset from UTC at an instant, in seconds: +7200 for a summer day in Berlin. */
export function offsetSeconds(at: number, tz: string): number {
  const year = new Date(at).getUTCFullYear();
  if (!(year >= TABLE_YEARS.from && year <= TABLE_YEARS.to)) return intlOffsetSeconds(at, tz);
  const { from, offsets } = yearTable(year, tz);
  let i = from.length - 1;
  while (i > 0 && (from[i] as number) > at) i -= 1;
  return offsets[i] as number;
}
