import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The button's text, such as "Revoke". */
  label: string;
  /** What is about to happen, said before it does: "Revoke the key Deploy bot? Anything using it stops working." */
  question: string;
  /** Names the button for screen readers when its label alone is ambiguous in a list; starts with the label. */
  accessibleName?: string;
  disabled?: boolean;
  onConfirm(): void;
}

/**
 * A button for what cannot be undone: the first press asks, a second (on "Yes") does it. Focus moves
 * to the question's "Yes" and, once answered, back to the button, so a keyboard user keeps their place.
 */
export function ConfirmButton({ label, question, accessibleName, disabled, onConfirm }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (asking || !answered.current) return;
    answered.current = false;
    button.current?.focus();
  }, [asking]);
  const answer = (yes: boolean) => {
    answered.current = true;
    setAsking(false);
    if (yes) onConfirm();
  };

  if (!asking) return <button type="button" ref={button} onClick={() => setAsking(true)} disabled={disabled} aria-label={accessibleName}>{label}</button>;
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button type="button" className="danger" autoFocus onClick={() => answer(true)}>Yes, {label.toLowerCase()}</button>{' '}
      <button type="button" onClick={() => answer(false)}>Cancel</button>
    </span>
  );
}
