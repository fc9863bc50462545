import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ClinicMembership } from '../../../preload/contract/channels/session';
import { ROLE_LABELS } from '../lib/choices';
import { useAction } from '../lib/use-action';
import { useBanner } from '../state/banner';
import { useNavigation } from '../state/navigation';
import { useSession } from '../state/session';

interface ClinicSwitcherProps {
  open: boolean;
  onClose(): void;
  clinics: ClinicMembership[];
  activeId: string | null;
}

/**
 * Ctrl+K: type part of a clinic's name, arrows to move, Enter to switch, Escape to stay. A
 * plain select would switch on every arrow press, which is wrong for a change this large.
 */
export function ClinicSwitcher({ open, onClose, clinics, activeId }: ClinicSwitcherProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [filter, setFilter] = useState('');
  const [index, setIndex] = useState(0);
  const signedIn = useSession((s) => s.signedIn);
  const showPage = useNavigation((s) => s.showPage);
  const dismissBanner = useBanner((s) => s.dismiss);
  const { pending, error, run } = useAction();
  const id = useId();

  // Keys can arrive faster than React renders (type, arrow, Enter in one burst): the handlers
  // read the typed text from the input and the highlight from a ref, never from the last render.
  const indexRef = useRef(0);
  const highlight = (i: number) => {
    indexRef.current = i;
    setIndex(i);
  };
  const matchesFor = (text: string) => {
    const wanted = text.trim().toLowerCase();
    return clinics.filter((c) => !wanted || c.name.toLowerCase().includes(wanted) || c.slug.includes(wanted));
  };
  const matches = matchesFor(filter);
  const current = matches[Math.min(index, matches.length - 1)];

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setFilter('');
      highlight(Math.max(0, clinics.findIndex((c) => c.id !== activeId)));
      dialog.showModal();
      inputRef.current?.focus();
    } else if (!open) {
      if (dialog.open) dialog.close();
      // emptied while closed, not only on opening: keys pressed the moment it opens read the
      // input as it is, and the last search must not still be in it
      setFilter('');
    }
  }, [open, clinics, activeId]);

  const choose = async (clinic: ClinicMembership | undefined) => {
    if (!clinic) return;
    if (clinic.id === activeId) return onClose();
    const outcome = await run((api) => api.clinics.switch({ clinicId: clinic.id }));
    if (!outcome.ok) return;
    // closed first, so the dialog's return of focus happens before the new clinic's page takes it
    dialogRef.current?.close();
    dismissBanner();
    showPage('home');
    signedIn(outcome.value);
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const shown = matchesFor(event.currentTarget.value);
    const at = Math.min(indexRef.current, shown.length - 1);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((at + step + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void choose(shown[at]);
    }
  };

  return (
    <dialog ref={dialogRef} className="switcher" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>Switch clinic</h2>
      <label htmlFor={`${id}-filter`}>Find a clinic</label>
      <input
        ref={inputRef}
        id={`${id}-filter`}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={current ? `${id}-${current.id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          highlight(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Your clinics" className="switcher-list">
        {matches.map((clinic) => (
          <li
            key={clinic.id}
            id={`${id}-${clinic.id}`}
            role="option"
            aria-selected={clinic === current}
            className={clinic === current ? 'switcher-option switcher-option-current' : 'switcher-option'}
            onClick={() => void choose(clinic)}
          >
            <span className="switcher-name">{clinic.name}</span>
            <span className="switcher-meta">
              {ROLE_LABELS[clinic.role]}
              {clinic.id === activeId ? ' · open now' : ''}
            </span>
          </li>
        ))}
        {matches.length === 0 ? <li className="switcher-empty">No clinic matches “{filter}”.</li> : null}
      </ul>
      <p className="form-message form-message-error" role="alert">
        {error.message ?? ''}
      </p>
      <div className="form-actions">
        <button type="button" className="button-primary" disabled={pending || !current} onClick={() => void choose(current)}>
          {pending ? 'Switching…' : 'Switch'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
