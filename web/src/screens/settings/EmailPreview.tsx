import type { RenderedEmail } from './EmailTemplates.tsx';

/**
 * An email rendered with sample data. The HTML part shows in a sandboxed frame: no scripts, no
 * forms, an origin of its own, so markup from a template cannot act inside the console.
 */
export function EmailPreview({ email }: { email: RenderedEmail }) {
  return (
    <section aria-labelledby="email-preview-title" className="email-preview">
      <h3 id="email-preview-title">Preview <span className="muted">(sample data)</span></h3>
      <dl className="contact">
        <dt>Subject</dt><dd data-testid="preview-subject">{email.subject}</dd>
      </dl>
      <h4>HTML</h4>
      <iframe title="The email's HTML part, rendered" sandbox="" srcDoc={email.html} className="email-frame" />
      <h4>Plain text</h4>
      <pre className="email-text">{email.text}</pre>
    </section>
  );
}
