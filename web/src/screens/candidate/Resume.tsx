import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';

type Attachment = Got<'/v1/candidates/{id}/attachments'>['data'][number];

const kindName: Record<Attachment['kind'], string> = { resume: 'Résumé', cover_letter: 'Cover letter', answer: 'Answer', other: 'File' };
const sizeOf = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const contentUrl = (candidateId: string, attachmentId: string) =>
  `/v1/candidates/${encodeURIComponent(candidateId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
const isPdf = (file: Attachment) => file.mediaType === 'application/pdf';

/**
 * The candidate's files, the newest PDF résumé shown in place: the API sends a PDF inline when asked
 * (still sandboxed), and the console's policy lets it frame pages of its own server. Other files are downloads.
 */
export function Resume({ candidateId }: { candidateId: string }) {
  const files = useQuery({
    queryKey: ['candidate', candidateId, 'attachments'],
    queryFn: async () => dataOf(await api.GET('/v1/candidates/{id}/attachments', { params: { path: { id: candidateId } } })),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = files.data?.data ?? [];
  const shown = list.find((f) => f.id === chosen) ?? [...list].reverse().find((f) => f.kind === 'resume' && isPdf(f)) ?? list.find(isPdf);

  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Résumé and files</h2>
      {files.isPending ? <Loading what="files" />
        : files.isError ? <ErrorMessage error={files.error} what="the files" />
          : list.length === 0 ? <p className="empty">No files.</p>
            : (
              <>
                <ul className="files">
                  {list.map((file) => (
                    <li key={file.id}>
                      {kindName[file.kind]}: <a href={contentUrl(candidateId, file.id)} download={file.fileName}>{file.fileName}</a>
                      <span className="muted"> · {sizeOf(file.sizeBytes)}{file.textStatus === 'failed' ? ` · text not readable (${file.textFailure ?? 'unknown'})` : ''}</span>
                      {isPdf(file) && file.id !== shown?.id && <> <button type="button" onClick={() => setChosen(file.id)} aria-label={`Preview ${file.fileName}`}>Preview</button></>}
                    </li>
                  ))}
                </ul>
                {shown && <iframe className="resume-frame" title={`Preview of ${shown.fileName}`} src={`${contentUrl(candidateId, shown.id)}?disposition=inline`} />}
              </>
            )}
    </section>
  );
}
