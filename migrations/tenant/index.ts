import { checkMigrationList } from '../../main/core/db/migrator';
import { init } from './0010-init';
import { auditLog } from './0020-audit-log';

export const tenantMigrations = checkMigrationList([init, auditLog]);
