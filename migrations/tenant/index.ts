import { checkMigrationList } from '../../main/core/db/migrator';
import { init } from './0010-init';

export const tenantMigrations = checkMigrationList([init]);
