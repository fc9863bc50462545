import type { SessionInfo } from '../../../preload/contract/channels/session';
import { PageTitle } from '../components/PageTitle';
import { ROLE_LABELS } from '../lib/choices';
import { useAction } from '../lib/use-action';
import { useSession } from '../state/session';

/** Signed in, but no clinic is open: the last one was closed to this person, or there is none. */
export function NoClinicPage({ session }: { session: SessionInfo }) {
  const signedIn = useSession((s) => s.signedIn);
  const { pending, error, run } = useAction();
  const open = async (clinicId: string) => {
    const outcome = await run((api) => api.clinics.switch({ clinicId }));
    if (outcome.ok) signedIn(outcome.value);
  };
  return (
    <section className="page">
      <PageTitle>Choose a clinic</PageTitle>
      {session.clinics.length === 0 ? (
        <p className="lead">Your account has no clinic to open. Ask a clinic's owner or practice manager to give you access.</p>
      ) : (
        <ul className="clinic-choices">
          {session.clinics.map((c) => (
            <li key={c.id}>
              <button type="button" className="button-secondary" disabled={pending} onClick={() => void open(c.id)}>
                {c.name} <span className="muted">· {ROLE_LABELS[c.role]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="form-message form-message-error" role="alert">
        {error.message ?? ''}
      </p>
    </section>
  );
}
