import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { ParsedPosting } from '../../api/types.ts';
import { can, useSignedIn } from '../../session.tsx';
import { JobForm } from './JobForm.tsx';
import { formValuesOfParsed, jobFieldsOf, type JobFormValues } from './job-form.ts';
import { explainWarning } from './parser-warnings.ts';

interface Review {
  parsed: ParsedPosting;
  values: JobFormValues;
}

/** New job from a pasted posting: the parser's fields are shown for review and correction, then saved as a draft. */
export function NewJob() {
  const { role } = useSignedIn();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [posting, setPosting] = useState('');
  const [review, setReview] = useState<Review | null>(null);

  const parse = useMutation({
    mutationFn: async (text: string) => dataOf(await api.POST('/v1/job-descriptions/parse', { body: { text } })),
    onSuccess: (parsed, text) => setReview({ parsed, values: formValuesOfParsed(parsed, text) }),
  });
  const save = useMutation({
    mutationFn: async (values: JobFormValues) => dataOf(await api.POST('/v1/jobs', { body: jobFieldsOf(values) })),
    onSuccess: async (job) => {
      queries.setQueryData(['job', job.id], job);
      await queries.invalidateQueries({ queryKey: ['jobs'] });
      navigate(`/jobs/${job.id}/edit`, { state: { saved: 'The draft job was saved.' } });
    },
  });

  if (!can(role, 'jobs:write') || !can(role, 'jd:parse')) {
    return <p role="alert">Your role cannot create jobs.</p>;
  }

  const onRead = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setReview(null);
    save.reset();
    parse.mutate(posting);
  };

  return (
    <>
      <h1>New job from a posting</h1>
      <form onSubmit={onRead} className="paste-form">
        <label htmlFor="posting">Paste the job posting</label>
        <p id="posting-help" className="hint">Plain text, Markdown or HTML. The console reads the title, locations, workplace, pay, skills and more from it for you to check before saving.</p>
        <textarea id="posting" aria-describedby="posting-help" value={posting} onChange={(e) => setPosting(e.target.value)} rows={10} className="wide" required maxLength={500000} />
        {parse.isError && <p className="error" role="alert">Could not read the posting: {messageOf(parse.error)}</p>}
        <button type="submit" disabled={parse.isPending}>{parse.isPending ? 'Reading…' : 'Read the posting'}</button>
      </form>
      {parse.isPending && <p className="loading" role="status">Reading the posting…</p>}
      {review && (
        <section aria-labelledby="review-title">
          <h2 id="review-title">Check the fields</h2>
          <Findings parsed={review.parsed} />
          <JobForm initial={review.values} editable submitLabel="Save as draft" pending={save.isPending} onSubmit={(values) => save.mutate(values)}
            problem={save.isError && <p className="error" role="alert">Could not save the job: {messageOf(save.error)}</p>} />
        </section>
      )}
    </>
  );
}

function Findings({ parsed }: { parsed: ParsedPosting }) {
  return (
    <div className="findings">
      {parsed.warnings.length === 0 ? <p role="status">The parser found nothing doubtful; check the fields all the same.</p> : (
        <div role="status">
          <p>The parser asks you to check:</p>
          <ul className="warnings">{parsed.warnings.map((code) => <li key={code}>{explainWarning(code)}</li>)}</ul>
        </div>
      )}
      {parsed.company && <p className="muted">The posting names the company <b>{parsed.company}</b>; the job is posted under your organization.</p>}
    </div>
  );
}
