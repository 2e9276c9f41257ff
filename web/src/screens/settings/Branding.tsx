import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Branding as BrandingData } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { useSignedIn } from '../../session.tsx';
import { PrivacyNotice } from './PrivacyNotice.tsx';

const brandingKey = ['branding'];

/** How the org's careers pages look: logo, accent colour and intro text (GET/PUT /v1/org/branding), and the privacy notice they link to. */
export function Branding() {
  const branding = useQuery({ queryKey: brandingKey, queryFn: async () => dataOf(await api.GET('/v1/org/branding')) });
  if (branding.isPending) return <Loading what="the branding" />;
  if (branding.isError) return <ErrorMessage error={branding.error} what="the branding" />;
  return (
    <>
      <BrandingForm current={branding.data} />
      <PrivacyNotice />
    </>
  );
}

function BrandingForm({ current }: { current: BrandingData }) {
  const { org } = useSignedIn();
  const queries = useQueryClient();
  const [logoUrl, setLogoUrl] = useState(current.logoUrl ?? '');
  const [accentColor, setAccentColor] = useState(current.accentColor ?? '');
  const [introText, setIntroText] = useState(current.introText ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/org/branding', {
      body: { logoUrl: logoUrl.trim() || null, accentColor: accentColor.trim() || null, introText: introText.trim() || null },
    })),
    onMutate: () => setSaved(false),
    onSuccess: (answer) => {
      queries.setQueryData(brandingKey, answer);
      setSaved(true);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  const swatch = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accentColor) ? accentColor : null;

  return (
    <section aria-labelledby="branding-title">
      <h2 id="branding-title">Careers branding</h2>
      <p className="hint">How <a href={`/careers/${org.slug}`}>your careers site</a> looks. Empty fields use Hireline's defaults.</p>
      <form onSubmit={onSubmit} className="branding-form">
        <label htmlFor="brand-logo">Logo URL <span className="muted">(https)</span></label>
        <input id="brand-logo" type="url" pattern="https://.*" className="wide" value={logoUrl} onChange={(e) => setLogoUrl(e.target.value)} maxLength={2000} />
        <label htmlFor="brand-accent">Accent colour <span className="muted">(#rrggbb)</span></label>
        <div className="field-row">
          <input id="brand-accent" value={accentColor} onChange={(e) => setAccentColor(e.target.value)} pattern="#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})" size={8} />
          {swatch && <span className="swatch" aria-hidden="true" data-color={swatch} ref={(el) => el?.style.setProperty('background', swatch)} />}
        </div>
        <label htmlFor="brand-intro">Intro text</label>
        <textarea id="brand-intro" className="wide" rows={4} value={introText} onChange={(e) => setIntroText(e.target.value)} maxLength={2000} />
        {save.isError && <p className="error" role="alert">Could not save the branding: {messageOf(save.error)}</p>}
        {saved && <p className="notice" role="status">Branding saved. The careers pages show it within 30 seconds.</p>}
        <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save branding'}</button>
      </form>
    </section>
  );
}
