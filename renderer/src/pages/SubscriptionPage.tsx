import { useState } from 'react';
import type { ActiveClinic } from '../../../preload/contract/channels/session';
import type { SubscriptionOverview } from '../../../preload/contract/channels/subscription';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { PageTitle } from '../components/PageTitle';
import { refreshSession } from '../api/refresh-session';
import { clinicDate, formatMoney, STATUS_LABELS } from '../lib/subscription';
import { useFormAction } from '../lib/use-form-action';
import { useLoad } from '../lib/use-load';

const limit = (n: number | null, unit = '') => (n === null ? 'No limit' : `${n.toLocaleString()}${unit}`);

function ChangePlanForm({ overview, onDone }: { overview: SubscriptionOverview; onDone(): void }) {
  const [planCode, setPlanCode] = useState(overview.plan.code);
  const action = useFormAction((api) => api.subscription.changePlan({ planCode }), onDone);
  return (
    <Form
      label="Change plan"
      {...action}
      className="card"
      actions={
        <button type="submit" className="button-primary" disabled={action.pending || planCode === overview.plan.code}>
          Change plan
        </button>
      }
    >
      <h2>Change plan</h2>
      <Field label="Plan" name="planCode" error={action.error.fields.planCode}>
        {(c) => (
          <select {...c} value={planCode} onChange={(e) => setPlanCode(e.target.value)}>
            {overview.plans.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </Form>
  );
}

function ActivateForm({ onDone }: { onDone(): void }) {
  const [periodEnd, setPeriodEnd] = useState('');
  const action = useFormAction(
    (api) => api.subscription.activate({ periodEnd }),
    () => {
      setPeriodEnd('');
      onDone();
    },
  );
  return (
    <Form
      label="Activate or renew"
      {...action}
      className="card"
      actions={
        <button type="submit" className="button-primary" disabled={action.pending}>
          Activate
        </button>
      }
    >
      <h2>Activate or renew</h2>
      <p className="muted">Record the date the clinic has paid until. The clinic can write again straight away.</p>
      <Field label="Paid until" name="periodEnd" error={action.error.fields.periodEnd}>
        {(c) => <input {...c} type="date" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} />}
      </Field>
    </Form>
  );
}

export function SubscriptionPage({ clinic, canManage }: { clinic: ActiveClinic; canManage: boolean }) {
  const overview = useLoad((api) => api.subscription.get({}));
  const changed = () => {
    void overview.reload();
    void refreshSession();
  };
  const sub = overview.data;
  return (
    <section className="page">
      <PageTitle>Subscription</PageTitle>
      {overview.message ? (
        <p className="form-message form-message-error" role="alert">
          {overview.message}
        </p>
      ) : null}
      {sub ? (
        <>
          <dl className="facts">
            <div>
              <dt>Plan</dt>
              <dd>{sub.plan.name}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{sub.readOnly ? `${STATUS_LABELS[sub.status]} · read-only` : STATUS_LABELS[sub.status]}</dd>
            </div>
            <div>
              <dt>{sub.status === 'trial' ? 'Trial ends' : 'Paid until'}</dt>
              <dd>{clinicDate(sub.status === 'trial' ? sub.trialEndsAt : sub.currentPeriodEnd, clinic.timezone)}</dd>
            </div>
            <div>
              <dt>Days remaining</dt>
              <dd>{sub.daysRemaining}</dd>
            </div>
          </dl>
          <table className="table">
            <caption>Plans</caption>
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Monthly</th>
                <th scope="col">Users</th>
                <th scope="col">Doctors</th>
                <th scope="col">Patients</th>
                <th scope="col">Database size</th>
              </tr>
            </thead>
            <tbody>
              {sub.plans.map((p) => (
                <tr key={p.code} className={p.code === sub.plan.code ? 'row-current' : undefined}>
                  <td>
                    {p.name}
                    {p.code === sub.plan.code ? <span className="muted"> (current)</span> : null}
                  </td>
                  <td>{formatMoney(p.monthlyPriceMinor, p.currency)}</td>
                  <td>{limit(p.maxUsers)}</td>
                  <td>{limit(p.maxDoctors)}</td>
                  <td>{limit(p.maxPatients)}</td>
                  <td>{limit(p.maxDbMb, ' MB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canManage ? (
            <div className="columns">
              <ChangePlanForm key={sub.plan.code} overview={sub} onDone={changed} />
              <ActivateForm onDone={changed} />
            </div>
          ) : (
            <p className="muted">Only the clinic's owner can change the plan or renew.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
