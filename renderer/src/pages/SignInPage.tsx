import { useEffect, useRef, useState } from 'react';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { useAction } from '../lib/use-action';
import { useNavigation } from '../state/navigation';
import { useSession } from '../state/session';

export function SignInPage() {
  const notice = useSession((s) => s.notice);
  const signedIn = useSession((s) => s.signedIn);
  const dismissNotice = useSession((s) => s.dismissNotice);
  const showSignedOut = useNavigation((s) => s.showSignedOut);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const { pending, error, run } = useAction();

  // main's refusal says nothing about which part was wrong; the password is the one to retype
  useEffect(() => {
    if (error.message && Object.keys(error.fields).length === 0) passwordRef.current?.focus();
  }, [error]);

  const submit = async () => {
    dismissNotice();
    const outcome = await run((api) => api.auth.signIn({ email, password }));
    if (outcome.ok) signedIn(outcome.value);
    else setPassword('');
  };

  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="sign-in-title">
        <p className="brand-mark">MedAdmin</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p className={notice ? 'notice' : 'notice notice-empty'} role="status">
          {notice ?? ''}
        </p>
        <Form
          label="Sign in"
          error={error}
          pending={pending}
          onSubmit={submit}
          actions={
            <button type="submit" className="button-primary button-wide" disabled={pending}>
              {pending ? 'Signing in…' : 'Sign in'}
            </button>
          }
        >
          <Field label="Email" name="email" error={error.fields.email}>
            {(control) => (
              <input {...control} type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Password" name="password" error={error.fields.password}>
            {(control) => (
              <input
                {...control}
                ref={passwordRef}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
        </Form>
        <p className="auth-switch">
          New clinic?{' '}
          <button type="button" className="button-link" onClick={() => showSignedOut('register')}>
            Register a clinic
          </button>
        </p>
      </section>
    </main>
  );
}
