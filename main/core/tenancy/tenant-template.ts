import { kyselyOver } from '../db/kysely-sqlite';
import { migrate, type Migration } from '../db/migrator';
import { openMemory } from '../db/sqlite';

/**
 * SQLite's file format marks a WAL database by bytes 18 and 19 of its header (2; 1 is a
 * rollback-journal database, as an in-memory one serializes). Those two bytes are all that
 * PRAGMA journal_mode = WAL changes in the file, so a copy marked here opens in WAL mode at once
 * instead of being converted, in a synced rollback transaction, on its first open.
 */
function asWalFile(image: Buffer): Buffer {
  image[18] = 2;
  image[19] = 2;
  return image;
}

const images = new WeakMap<readonly Migration[], Promise<Buffer>>();

async function buildImage(migrations: readonly Migration[]): Promise<Buffer> {
  const sqlite = openMemory();
  const db = kyselyOver(sqlite);
  try {
    await migrate(db, migrations);
    return asWalFile(sqlite.serialize());
  } finally {
    await db.destroy();
  }
}

/**
 * The bytes of an empty database with every migration of `migrations` applied, built in memory
 * once per list and process. A new clinic's file starts as a copy of it: running the
 * migrations on disk for each clinic, one synced transaction per step, made registration
 * about ten times slower (measured by bench/metrics/registration.ts). A list that fails to
 * build is not kept, so the next registration tries again and reports the same failure.
 */
export function migratedImage(migrations: readonly Migration[]): Promise<Buffer> {
  let image = images.get(migrations);
  if (!image) {
    image = buildImage(migrations);
    images.set(migrations, image);
    image.catch(() => images.delete(migrations));
  }
  return image;
}
