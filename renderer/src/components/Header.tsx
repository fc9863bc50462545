import type { SessionInfo } from '../../../preload/contract/channels/session';
import { ROLE_LABELS } from '../lib/choices';
import { signOut } from '../lib/sign-out';
import { subscriptionSummary } from '../lib/subscription';

interface HeaderProps {
  session: SessionInfo;
  onSwitchClinic(): void;
}

export function Header({ session, onSwitchClinic }: HeaderProps) {
  const clinic = session.activeClinic;
  const summary = clinic ? subscriptionSummary(clinic.subscription) : null;
  return (
    <header className="topbar">
      <div className="topbar-clinic">
        <span className="brand-mark">MedAdmin</span>
        <span className="clinic-name" data-testid="clinic-name">
          {clinic?.name ?? 'No clinic open'}
        </span>
        {clinic ? <span className="chip">{ROLE_LABELS[clinic.role]}</span> : null}
        {summary ? (
          <span className={`chip chip-${summary.tone}`} data-testid="subscription-state">
            {summary.text}
          </span>
        ) : null}
      </div>
      <div className="topbar-actions">
        {session.clinics.length > 1 ? (
          <button type="button" className="button-secondary" onClick={onSwitchClinic} aria-keyshortcuts="Control+K">
            Switch clinic <kbd>Ctrl K</kbd>
          </button>
        ) : null}
        <span className="user-name">{session.user.fullName}</span>
        <button type="button" className="button-secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
