import { useState, type SelectHTMLAttributes } from 'react';
import type { ClinicUser } from '../../../preload/contract/channels/users';
import type { Role } from '../../../preload/contract/vocabulary';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { PageTitle } from '../components/PageTitle';
import { PASSWORD_HINT, ROLE_CHOICES, ROLE_LABELS } from '../lib/choices';
import { useAction } from '../lib/use-action';
import { useFormAction } from '../lib/use-form-action';
import { useLoad } from '../lib/use-load';

type RoleSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & { value: Role; onChange(role: Role): void };

function RoleSelect({ value, onChange, ...rest }: RoleSelectProps) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLE_CHOICES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

function UserRow({ user, canManage, isSelf, onChanged }: { user: ClinicUser; canManage: boolean; isSelf: boolean; onChanged(): void }) {
  const [role, setRole] = useState<Role>(user.role);
  const { pending, error, run } = useAction();
  const apply = async (call: Parameters<typeof run>[0]) => {
    if ((await run(call)).ok) onChanged();
  };
  return (
    <tr className={user.disabled ? 'row-disabled' : undefined}>
      <td>
        {user.fullName}
        {isSelf ? <span className="muted"> (you)</span> : null}
      </td>
      <td>{user.email}</td>
      <td>
        {canManage ? (
          <span className="inline-control">
            <RoleSelect aria-label={`Role of ${user.fullName}`} value={role} onChange={setRole} />
            <button
              type="button"
              className="button-secondary button-small"
              disabled={pending || role === user.role}
              onClick={() => void apply((api) => api.users.changeRole({ userId: user.id, role }))}
            >
              Save role
            </button>
          </span>
        ) : (
          ROLE_LABELS[user.role]
        )}
      </td>
      <td>{user.disabled ? 'Disabled' : 'Active'}</td>
      <td>
        {canManage && !isSelf ? (
          <button
            type="button"
            className="button-secondary button-small"
            disabled={pending}
            onClick={() => void apply((api) => (user.disabled ? api.users.enable({ userId: user.id }) : api.users.disable({ userId: user.id })))}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        ) : null}
        {error.message ? (
          <span className="cell-error" role="alert">
            {error.fields.role ?? error.message}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function CreateUserForm({ onCreated }: { onCreated(): void }) {
  const empty = { fullName: '', email: '', password: '', role: 'front_desk' as Role };
  const [form, setForm] = useState(empty);
  const action = useFormAction(
    (api) => api.users.create(form),
    () => {
      setForm(empty);
      onCreated();
    },
  );
  return (
    <Form
      label="Create a user"
      {...action}
      className="card"
      actions={
        <button type="submit" className="button-primary" disabled={action.pending}>
          Create user
        </button>
      }
    >
      <h2>Create a user</h2>
      <Field label="Full name" name="fullName" error={action.error.fields.fullName}>
        {(c) => <input {...c} autoComplete="off" value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />}
      </Field>
      <Field label="Email" name="email" error={action.error.fields.email}>
        {(c) => <input {...c} type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
      </Field>
      <Field label="First password" name="password" error={action.error.fields.password} hint={PASSWORD_HINT}>
        {(c) => (
          <input {...c} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        )}
      </Field>
      <Field label="Role" name="role" error={action.error.fields.role}>
        {(c) => <RoleSelect {...c} value={form.role} onChange={(role) => setForm({ ...form, role })} />}
      </Field>
    </Form>
  );
}

function AddExistingForm({ onAdded }: { onAdded(): void }) {
  const empty = { email: '', role: 'front_desk' as Role };
  const [form, setForm] = useState(empty);
  const action = useFormAction(
    (api) => api.users.addExisting(form),
    () => {
      setForm(empty);
      onAdded();
    },
  );
  return (
    <Form
      label="Add an existing user"
      {...action}
      className="card"
      actions={
        <button type="submit" className="button-primary" disabled={action.pending}>
          Add to clinic
        </button>
      }
    >
      <h2>Add someone who already has an account</h2>
      <p className="muted">For staff who work in another clinic on this computer, such as a practice manager.</p>
      <Field label="Their email" name="email" error={action.error.fields.email}>
        {(c) => <input {...c} type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
      </Field>
      <Field label="Role in this clinic" name="role" error={action.error.fields.role}>
        {(c) => <RoleSelect {...c} value={form.role} onChange={(role) => setForm({ ...form, role })} />}
      </Field>
    </Form>
  );
}

export function UsersPage({ canManage, selfId }: { canManage: boolean; selfId: string }) {
  const users = useLoad((api) => api.users.list({}));
  const reload = () => void users.reload();
  return (
    <section className="page">
      <PageTitle>Users</PageTitle>
      {users.message ? (
        <p className="form-message form-message-error" role="alert">
          {users.message}
        </p>
      ) : null}
      <table className="table">
        <caption className="visually-hidden">People with access to this clinic</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            // keyed on role and status too, so a row's unsaved choice resets after main answers
            <UserRow key={`${u.id}:${u.role}:${u.disabled}`} user={u} canManage={canManage} isSelf={u.id === selfId} onChanged={reload} />
          ))}
        </tbody>
      </table>
      {canManage ? (
        <div className="columns">
          <CreateUserForm onCreated={reload} />
          <AddExistingForm onAdded={reload} />
        </div>
      ) : null}
    </section>
  );
}
