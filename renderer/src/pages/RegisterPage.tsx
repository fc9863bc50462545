import { useMemo, useState } from 'react';
import { slugFromName } from '../../../preload/contract/slug-rules';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { currencyChoices, machineTimeZone, PASSWORD_HINT, STARTING_PLANS, timeZoneChoices } from '../lib/choices';
import { useFormAction } from '../lib/use-form-action';
import { useNavigation } from '../state/navigation';
import { useSession } from '../state/session';

interface RegistrationForm {
  name: string;
  slug: string;
  contactEmail: string;
  plan: string;
  timezone: string;
  currency: string;
  fullName: string;
  email: string;
  password: string;
}

export function RegisterPage() {
  const signedIn = useSession((s) => s.signedIn);
  const showSignedOut = useNavigation((s) => s.showSignedOut);
  const zones = useMemo(timeZoneChoices, []);
  const currencies = useMemo(currencyChoices, []);
  const [form, setForm] = useState<RegistrationForm>({
    name: '',
    slug: '',
    contactEmail: '',
    plan: 'basic',
    timezone: machineTimeZone(),
    currency: 'USD',
    fullName: '',
    email: '',
    password: '',
  });
  // the code follows the name until the person types a code of their own
  const [slugEdited, setSlugEdited] = useState(false);
  const action = useFormAction(
    (api) =>
      api.auth.registerClinic({
        name: form.name,
        slug: form.slug,
        contactEmail: form.contactEmail,
        plan: form.plan,
        timezone: form.timezone,
        currency: form.currency,
        owner: { email: form.email, fullName: form.fullName, password: form.password },
      }),
    signedIn,
  );
  const fields = action.error.fields;

  const set = <K extends keyof RegistrationForm>(key: K, value: RegistrationForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setName = (name: string) => setForm((f) => ({ ...f, name, slug: slugEdited ? f.slug : slugFromName(name) }));

  return (
    <main className="auth-page">
      <section className="auth-card auth-card-wide" aria-labelledby="register-title">
        <p className="brand-mark">MedAdmin</p>
        <h1 id="register-title">Register a clinic</h1>
        <p className="lead">The clinic gets its own database on this computer, and you become its owner.</p>
        <Form
          label="Register a clinic"
          {...action}
          className="form-columns"
          actions={
            <>
              <button type="submit" className="button-primary" disabled={action.pending}>
                {action.pending ? 'Registering…' : 'Register clinic'}
              </button>
              <button type="button" className="button-secondary" onClick={() => showSignedOut('sign-in')}>
                Back to sign in
              </button>
            </>
          }
        >
          <fieldset>
            <legend>Clinic</legend>
            <Field label="Clinic name" name="name" error={fields.name}>
              {(c) => <input {...c} autoFocus autoComplete="organization" value={form.name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label="Clinic code" name="slug" error={fields.slug} hint="Lowercase letters, digits and hyphens; names the clinic's file.">
              {(c) => (
                <input
                  {...c}
                  autoComplete="off"
                  spellCheck={false}
                  value={form.slug}
                  onChange={(e) => {
                    setSlugEdited(true);
                    set('slug', e.target.value);
                  }}
                />
              )}
            </Field>
            <Field label="Contact email" name="contactEmail" error={fields.contactEmail}>
              {(c) => <input {...c} type="email" autoComplete="email" value={form.contactEmail} onChange={(e) => set('contactEmail', e.target.value)} />}
            </Field>
            <Field label="Plan" name="plan" error={fields.plan} hint="Every clinic starts with a free trial; the plan can be changed later.">
              {(c) => (
                <select {...c} value={form.plan} onChange={(e) => set('plan', e.target.value)}>
                  {STARTING_PLANS.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Time zone" name="timezone" error={fields.timezone} hint="Appointments are shown in this zone.">
              {(c) => (
                <select {...c} value={form.timezone} onChange={(e) => set('timezone', e.target.value)}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z.replaceAll('_', ' ')}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Currency" name="currency" error={fields.currency}>
              {(c) => (
                <select {...c} value={form.currency} onChange={(e) => set('currency', e.target.value)}>
                  {currencies.map((cur) => (
                    <option key={cur.code} value={cur.code}>
                      {cur.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </fieldset>
          <fieldset>
            <legend>Your account</legend>
            <Field label="Your name" name="owner.fullName" error={fields['owner.fullName']}>
              {(c) => <input {...c} autoComplete="name" value={form.fullName} onChange={(e) => set('fullName', e.target.value)} />}
            </Field>
            <Field label="Your email" name="owner.email" error={fields['owner.email']} hint="You sign in with this address.">
              {(c) => <input {...c} type="email" autoComplete="username" value={form.email} onChange={(e) => set('email', e.target.value)} />}
            </Field>
            <Field label="Password" name="owner.password" error={fields['owner.password'] ?? fields.password} hint={PASSWORD_HINT}>
              {(c) => (
                <input {...c} type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)} />
              )}
            </Field>
          </fieldset>
        </Form>
      </section>
    </main>
  );
}
