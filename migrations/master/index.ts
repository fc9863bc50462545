import { checkMigrationList } from '../../main/core/db/migrator';
import { init } from './0010-init';
import { defaultPlans } from './0020-default-plans';
import { accessControls } from './0030-access-controls';
import { backups } from './0040-backups';
import { clinicArchive } from './0041-clinic-archive';

export const masterMigrations = checkMigrationList([init, defaultPlans, accessControls, backups, clinicArchive]);
