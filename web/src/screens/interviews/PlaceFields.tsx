import { interviewKinds, type InterviewKind } from './queries.ts';

interface Place { kind: InterviewKind; location: string; videoUrl: string }
interface Props { idPrefix: string; place: Place; onChange(patch: Partial<Place>): void }

/** How and where: a video interview needs its link, an on-site one its place; a phone one may say the number. */
export function PlaceFields({ idPrefix, place, onChange }: Props) {
  return (
    <div className="field-row">
      <div>
        <label htmlFor={`${idPrefix}-kind`}>Kind</label>
        <select id={`${idPrefix}-kind`} value={place.kind} onChange={(e) => onChange({ kind: interviewKinds.find((k) => k.value === e.target.value)?.value ?? place.kind })}>
          {interviewKinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
      </div>
      {place.kind === 'video' ? (
        <div>
          <label htmlFor={`${idPrefix}-video`}>Video link</label>
          <input id={`${idPrefix}-video`} type="url" value={place.videoUrl} onChange={(e) => onChange({ videoUrl: e.target.value })} required maxLength={2000} size={36} placeholder="https://" />
        </div>
      ) : (
        <div>
          <label htmlFor={`${idPrefix}-location`}>{place.kind === 'onsite' ? 'Location' : 'Number or place (optional)'}</label>
          <input id={`${idPrefix}-location`} value={place.location} onChange={(e) => onChange({ location: e.target.value })} required={place.kind === 'onsite'} maxLength={500} size={36} />
        </div>
      )}
    </div>
  );
}
