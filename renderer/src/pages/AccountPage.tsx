import { useState } from 'react';
import type { SessionInfo } from '../../../preload/contract/channels/session';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { PageTitle } from '../components/PageTitle';
import { PASSWORD_HINT } from '../lib/choices';
import { useFormAction } from '../lib/use-form-action';

/** The signed-in person's own account, the same in every clinic they work in. */
export function AccountPage({ session }: { session: SessionInfo }) {
  const empty = { currentPassword: '', newPassword: '' };
  const [form, setForm] = useState(empty);
  const [saved, setSaved] = useState(false);
  const action = useFormAction(
    (api) => api.auth.changePassword(form),
    () => {
      setForm(empty);
      setSaved(true);
    },
  );
  // the last change's note goes while this one is on its way, so it never stands beside a refusal
  const submit = () => {
    setSaved(false);
    void action.onSubmit();
  };
  return (
    <section className="page">
      <PageTitle>My account</PageTitle>
      <p className="lead">
        {session.user.fullName} · {session.user.email}
      </p>
      <Form
        label="Change password"
        {...action}
        onSubmit={submit}
        className="card card-narrow"
        actions={
          <>
            <button type="submit" className="button-primary" disabled={action.pending}>
              Change password
            </button>
            <span className="saved-note" role="status">
              {saved ? 'Password changed.' : ''}
            </span>
          </>
        }
      >
        <h2>Change password</h2>
        <Field label="Current password" name="currentPassword" error={action.error.fields.currentPassword}>
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
        <Field label="New password" name="newPassword" error={action.error.fields.newPassword} hint={PASSWORD_HINT}>
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
