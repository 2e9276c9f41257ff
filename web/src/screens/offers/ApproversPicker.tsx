import { useState } from 'react';
import type { Member } from '../../api/types.ts';

interface ApproversPickerProps {
  /** Prefixes the controls' ids: a page may hold more than one form. */
  idPrefix: string;
  members: readonly Member[];
  value: readonly string[];
  onChange(approvers: string[]): void;
}

/** Approvers in order: a sequential approval asks them one after another, as listed. */
export function ApproversPicker({ idPrefix, members, value, onChange }: ApproversPickerProps) {
  const [choice, setChoice] = useState('');
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.name ?? 'A former member';
  const available = members.filter((m) => !value.includes(m.userId));
  const moveUp = (index: number) => {
    const next = [...value];
    const [moved] = next.splice(index, 1);
    if (moved !== undefined) next.splice(index - 1, 0, moved);
    onChange(next);
  };

  return (
    <fieldset className="approvers">
      <legend>Approvers <span className="muted">(in the order they approve; none: submitting approves at once)</span></legend>
      {value.length === 0 ? <p className="empty">No approvers.</p> : (
        <ol>
          {value.map((userId, index) => (
            <li key={userId}>
              {nameOf(userId)}
              {index > 0 && <button type="button" onClick={() => moveUp(index)}>Move {nameOf(userId)} up</button>}
              <button type="button" onClick={() => onChange(value.filter((id) => id !== userId))}>Remove {nameOf(userId)}</button>
            </li>
          ))}
        </ol>
      )}
      {available.length > 0 && value.length < 10 && (
        <div className="field-row">
          <label htmlFor={`${idPrefix}-approver`} className="inline">Add an approver</label>
          <select id={`${idPrefix}-approver`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a member</option>
            {available.map((m) => <option key={m.userId} value={m.userId}>{m.name} ({m.role.replace('_', ' ')})</option>)}
          </select>
          <button type="button" disabled={!choice} onClick={() => {
            onChange([...value, choice]);
            setChoice('');
          }}>Add approver</button>
        </div>
      )}
    </fieldset>
  );
}
