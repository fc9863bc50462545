import { checkMigrationList } from '../../main/core/db/migrator';
import { init } from './0010-init';
import { auditLog } from './0020-audit-log';
import { patients } from './0030-patients';
import { patientSearch } from './0040-patient-search';
import { appointments } from './0050-appointments';
import { clinicProfile } from './0070-clinic-profile';
import { sales } from './0080-sales';
import { payments } from './0090-payments';
import { savedReports } from './0095-saved-reports';

export const tenantMigrations = checkMigrationList([init, auditLog, patients, patientSearch, appointments, clinicProfile, sales, payments, savedReports]);
