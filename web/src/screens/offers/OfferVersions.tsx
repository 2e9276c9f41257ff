import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { actorName, useMemberNames } from '../candidate/queries.ts';
import { offerVersionsQuery } from './queries.ts';
import { salaryText, startText } from './terms-format.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every version of the terms, read when asked for: most offers are looked at, few are compared. */
export function OfferVersions({ offerId }: { offerId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="offer-versions">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'} version history</button>
      {open && <VersionTable offerId={offerId} />}
    </div>
  );
}

function VersionTable({ offerId }: { offerId: string }) {
  const names = useMemberNames();
  const versions = useQuery(offerVersionsQuery(offerId));
  if (versions.isPending) return <Loading what="the versions" />;
  if (versions.isError) return <ErrorMessage error={versions.error} what="the versions" />;
  return (
    <table className="jobs">
      <caption className="visually-hidden">Versions of the offer's terms, oldest first</caption>
      <thead>
        <tr><th scope="col">Version</th><th scope="col">Salary</th><th scope="col">Start</th><th scope="col">Equity</th><th scope="col">Bonus</th><th scope="col">By</th></tr>
      </thead>
      <tbody>
        {versions.data.data.map((terms) => (
          <tr key={terms.version}>
            <th scope="row">{terms.version}</th>
            <td>{salaryText(terms.salary)}</td>
            <td>{startText(terms.startDate)}</td>
            <td>{terms.equity ?? '—'}</td>
            <td>{terms.bonus ?? '—'}</td>
            <td>{actorName(terms.author, names)} · {when.format(new Date(terms.createdAt))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
