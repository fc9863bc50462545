import { useEffect, useState } from 'react';
import type { Action } from '../../../preload/contract/actions';
import type { SessionInfo } from '../../../preload/contract/channels/session';
import { BannerBar } from '../components/BannerBar';
import { ClinicSwitcher } from '../components/ClinicSwitcher';
import { Header } from '../components/Header';
import { useBanner } from '../state/banner';
import { useNavigation, type ClinicPage } from '../state/navigation';
import { AccountPage } from './AccountPage';
import { HomePage } from './HomePage';
import { NoClinicPage } from './NoClinicPage';
import { SettingsPage } from './SettingsPage';
import { SubscriptionPage } from './SubscriptionPage';
import { UsersPage } from './UsersPage';

const PAGES: { page: ClinicPage; label: string; needs: Action | null }[] = [
  { page: 'home', label: 'Overview', needs: null },
  { page: 'users', label: 'Users', needs: 'users:read' },
  { page: 'subscription', label: 'Subscription', needs: 'subscription:read' },
  { page: 'settings', label: 'Settings', needs: 'settings:manage' },
  { page: 'account', label: 'My account', needs: null },
];

/** The signed-in window: who and where, the clinic's state, and the pages this role may use. */
export function Shell({ session }: { session: SessionInfo }) {
  const [switching, setSwitching] = useState(false);
  const page = useNavigation((s) => s.page);
  const showPage = useNavigation((s) => s.showPage);
  const dismissBanner = useBanner((s) => s.dismiss);
  const clinic = session.activeClinic;
  const can = (action: Action | null) => action === null || (clinic?.actions.includes(action) ?? false);
  const pages = PAGES.filter((p) => can(p.needs));
  const current = pages.some((p) => p.page === page) ? page : 'home';
  const severalClinics = session.clinics.length > 1;

  useEffect(() => {
    if (!severalClinics) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setSwitching(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [severalClinics]);

  const open = (next: ClinicPage) => {
    dismissBanner();
    showPage(next);
  };

  return (
    <div className="shell">
      <Header session={session} onSwitchClinic={() => setSwitching(true)} />
      {clinic ? (
        <nav className="tabs" aria-label="Clinic pages">
          {pages.map((p) => (
            <button
              key={p.page}
              type="button"
              className={p.page === current ? 'tab tab-current' : 'tab'}
              aria-current={p.page === current ? 'page' : undefined}
              onClick={() => open(p.page)}
            >
              {p.label}
            </button>
          ))}
        </nav>
      ) : null}
      {clinic?.subscription.readOnly ? (
        <div className="banner banner-read-only" role="status" data-testid="read-only-notice">
          <p>
            <strong>Read-only.</strong> This clinic's subscription has ended. Records can still be looked up and exported; nothing
            can be changed until {clinic.role === 'owner' ? 'you renew it on the Subscription page' : "the clinic's owner renews it"}.
          </p>
        </div>
      ) : null}
      <BannerBar />
      <main className="content" key={`${clinic?.id ?? 'none'}:${current}`}>
        {!clinic ? (
          <NoClinicPage session={session} />
        ) : current === 'account' ? (
          <AccountPage session={session} />
        ) : current === 'users' ? (
          <UsersPage canManage={can('users:manage')} selfId={session.user.id} />
        ) : current === 'subscription' ? (
          <SubscriptionPage clinic={clinic} canManage={can('subscription:manage')} />
        ) : current === 'settings' ? (
          <SettingsPage />
        ) : (
          <HomePage session={session} clinic={clinic} />
        )}
      </main>
      {severalClinics ? (
        <ClinicSwitcher open={switching} onClose={() => setSwitching(false)} clinics={session.clinics} activeId={clinic?.id ?? null} />
      ) : null}
    </div>
  );
}
