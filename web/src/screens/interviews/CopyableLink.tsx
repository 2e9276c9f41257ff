import { useState } from 'react';

/** A secret link shown once, in a read-only field to select, with a button that copies it. */
export function CopyableLink({ id, label, url, note }: { id: string; label: string; url: string; note: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="notice" role="status">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={url} size={60} onFocus={(e) => e.target.select()} />{' '}
      <button type="button" onClick={copy}>Copy</button>
      <p className="copy-note">{copied === true ? 'Copied. ' : copied === false ? 'Could not copy: select the link and copy it yourself. ' : ''}{note}</p>
    </div>
  );
}
