import { checkMigrationList } from '../../main/core/db/migrator';
import { init } from './0010-init';
import { defaultPlans } from './0020-default-plans';

export const masterMigrations = checkMigrationList([init, defaultPlans]);
