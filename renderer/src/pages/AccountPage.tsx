import { useState } from 'react';
import type { SessionInfo } from '../../../preload/contract/channels/session';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { PageTitle } from '../components/PageTitle';
import { PASSWORD_HINT } from '../lib/choices';
import { useAction } from '../lib/use-action';

/** The signed-in person's own account, the same in every clinic they work in. */
export function AccountPage({ session }: { session: SessionInfo }) {
  const empty = { currentPassword: '', newPassword: '' };
  const [form, setForm] = useState(empty);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useAction();
  const submit = async () => {
    setSaved(false);
    if ((await run((api) => api.auth.changePassword(form))).ok) {
      setForm(empty);
      setSaved(true);
    }
  };
  return (
    <section className="page">
      <PageTitle>My account</PageTitle>
      <p className="lead">
        {session.user.fullName} · {session.user.email}
      </p>
      <Form
        label="Change password"
        error={error}
        pending={pending}
        onSubmit={submit}
        className="card card-narrow"
        actions={
          <>
            <button type="submit" className="button-primary" disabled={pending}>
              Change password
            </button>
            <span className="saved-note" role="status">
              {saved ? 'Password changed.' : ''}
            </span>
          </>
        }
      >
        <h2>Change password</h2>
        <Field label="Current password" name="currentPassword" error={error.fields.currentPassword}>
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="current-password"
              value={form.currentPassword}
              onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
            />
          )}
        </Field>
        <Field label="New password" name="newPassword" error={error.fields.newPassword} hint={PASSWORD_HINT}>
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="new-password"
              value={form.newPassword}
              onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
            />
          )}
        </Field>
      </Form>
    </section>
  );
}
