import { useRef, useState, type KeyboardEvent } from 'react';
import type { Member } from '../../api/types.ts';
import { insertMention, mentionAt } from './mentions.ts';

interface Props {
  id: string;
  value: string;
  members: readonly Member[];
  onChange(value: string): void;
  onMention(member: Member): void;
}

/**
 * A textarea that offers the org's members after `@`: arrows choose, Enter or Tab picks, Escape
 * closes; the list is also clickable. Picking writes `@Name` into the text.
 */
export function MentionTextarea({ id, value, members, onChange, onMention }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const at = mentionAt(value, caret);
  const matches = at && at.start !== dismissed
    ? members.filter((m) => m.name.toLowerCase().includes(at.query.toLowerCase()) || m.email.toLowerCase().startsWith(at.query.toLowerCase())).slice(0, 8)
    : [];
  const open = matches.length > 0;
  const listId = `${id}-mentions`;
  const optionId = (i: number) => `${id}-mention-${i}`;

  const pick = (member: Member) => {
    if (!at) return;
    const next = insertMention(value, at, member.name);
    onChange(next.text);
    onMention(member);
    setCaret(next.caret);
    setActive(0);
    // After React writes the new value, put the caret after the inserted name.
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    const chosen = matches[Math.min(active, matches.length - 1)];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && chosen) {
      event.preventDefault();
      pick(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(at?.start ?? null);
    }
  };

  return (
    <div className="mention-box">
      <textarea id={id} ref={area} value={value} rows={3} maxLength={20000} required aria-describedby={`${id}-hint`}
        aria-controls={open ? listId : undefined} aria-activedescendant={open ? optionId(Math.min(active, matches.length - 1)) : undefined}
        onChange={(e) => { onChange(e.target.value); setCaret(e.target.selectionStart); setActive(0); }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)} onKeyDown={onKeyDown} />
      <p id={`${id}-hint`} className="hint">Type @ to mention a member: they are notified.</p>
      <p className="visually-hidden" role="status">{open ? `${matches.length} ${matches.length === 1 ? 'member matches' : 'members match'}: up and down arrows to choose, Enter to pick.` : ''}</p>
      {open && (
        <ul id={listId} role="listbox" aria-label="Members to mention" className="mention-list">
          {matches.map((member, i) => (
            <li key={member.userId} id={optionId(i)} role="option" aria-selected={i === Math.min(active, matches.length - 1)}
              onMouseDown={(e) => { e.preventDefault(); pick(member); }}>
              {member.name} <span className="muted">{member.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
