import type { ActiveClinic, SessionInfo } from '../../../preload/contract/channels/session';
import { PageTitle } from '../components/PageTitle';
import { ROLE_LABELS } from '../lib/choices';
import { clinicDate, STATUS_LABELS } from '../lib/subscription';

export function HomePage({ session, clinic }: { session: SessionInfo; clinic: ActiveClinic }) {
  const sub = clinic.subscription;
  const ends = sub.status === 'trial' ? sub.trialEndsAt : sub.currentPeriodEnd;
  return (
    <section className="page">
      <PageTitle>{clinic.name}</PageTitle>
      <p className="lead">
        Welcome, {session.user.fullName}. You are signed in as {ROLE_LABELS[clinic.role].toLowerCase()}.
      </p>
      <dl className="facts">
        <div>
          <dt>Clinic code</dt>
          <dd>{clinic.slug}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{clinic.timezone.replaceAll('_', ' ')}</dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>{clinic.currency}</dd>
        </div>
        <div>
          <dt>Subscription</dt>
          <dd>
            {sub.plan.name} · {STATUS_LABELS[sub.status]}
            {sub.readOnly ? ' (ended)' : ''}
          </dd>
        </div>
        <div>
          <dt>{sub.readOnly ? 'Ended on' : sub.status === 'trial' ? 'Trial ends' : 'Paid until'}</dt>
          <dd>{clinicDate(ends, clinic.timezone)}</dd>
        </div>
        <div>
          <dt>Automatic sign-out</dt>
          <dd>After {session.idleTimeoutMinutes} minutes without activity</dd>
        </div>
      </dl>
    </section>
  );
}
