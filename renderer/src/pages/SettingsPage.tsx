import { useState } from 'react';
import { IDLE_TIMEOUT_MAX, IDLE_TIMEOUT_MIN, type ClinicSettings } from '../../../preload/contract/channels/settings';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { PageTitle } from '../components/PageTitle';
import { refreshSession } from '../api/refresh-session';
import { useFormAction } from '../lib/use-form-action';
import { useLoad } from '../lib/use-load';

function IdleTimeoutForm({ settings, onSaved }: { settings: ClinicSettings; onSaved(): void }) {
  const [minutes, setMinutes] = useState(String(settings.idleTimeoutMinutes));
  const [saved, setSaved] = useState(false);
  const action = useFormAction(
    // an empty or non-numeric entry goes to main as is, which answers with the field's message
    (api) => api.settings.update({ idleTimeoutMinutes: minutes.trim() === '' ? Number.NaN : Number(minutes) }),
    () => {
      setSaved(true);
      onSaved();
    },
  );
  // the last save's note goes while this one is on its way, so it never stands beside a refusal
  const submit = () => {
    setSaved(false);
    void action.onSubmit();
  };
  return (
    <Form
      label="Automatic sign-out"
      {...action}
      onSubmit={submit}
      className="card"
      actions={
        <>
          <button type="submit" className="button-primary" disabled={action.pending}>
            Save
          </button>
          <span className="saved-note" role="status">
            {saved ? 'Saved.' : ''}
          </span>
        </>
      }
    >
      <h2>Automatic sign-out</h2>
      <Field
        label="Sign out after this many minutes without activity"
        name="idleTimeoutMinutes"
        error={action.error.fields.idleTimeoutMinutes}
        hint={`Between ${IDLE_TIMEOUT_MIN} and ${IDLE_TIMEOUT_MAX}. Protects patient records on an unattended screen.`}
      >
        {(c) => (
          <input
            {...c}
            type="number"
            inputMode="numeric"
            min={IDLE_TIMEOUT_MIN}
            max={IDLE_TIMEOUT_MAX}
            value={minutes}
            onChange={(e) => {
              setSaved(false);
              setMinutes(e.target.value);
            }}
          />
        )}
      </Field>
    </Form>
  );
}

export function SettingsPage() {
  const settings = useLoad((api) => api.settings.get({}));
  return (
    <section className="page">
      <PageTitle>Settings</PageTitle>
      {settings.message ? (
        <p className="form-message form-message-error" role="alert">
          {settings.message}
        </p>
      ) : null}
      {settings.data ? <IdleTimeoutForm settings={settings.data} onSaved={() => void refreshSession()} /> : null}
    </section>
  );
}
