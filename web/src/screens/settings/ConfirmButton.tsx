import { useState } from 'react';

interface ConfirmButtonProps {
  /** The button's text, such as "Revoke". */
  label: string;
  /** What is about to happen, said before it does: "Revoke the key Deploy bot? Anything using it stops working." */
  question: string;
  /** Names the button for screen readers when its label alone is ambiguous in a list. */
  accessibleName?: string;
  disabled?: boolean;
  onConfirm(): void;
}

/** A button for what cannot be undone: the first press asks, a second (on "Yes") does it. */
export function ConfirmButton({ label, question, accessibleName, disabled, onConfirm }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" onClick={() => setAsking(true)} disabled={disabled} aria-label={accessibleName}>{label}</button>;
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button type="button" className="danger" autoFocus onClick={() => { setAsking(false); onConfirm(); }}>Yes, {label.toLowerCase()}</button>{' '}
      <button type="button" onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}
