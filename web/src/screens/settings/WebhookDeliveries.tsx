import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An endpoint's deliveries, newest first, with the last attempt's outcome; any can be sent again now. */
export function WebhookDeliveries({ endpointId }: { endpointId: string }) {
  const queries = useQueryClient();
  const queryKey = ['webhooks', endpointId, 'deliveries'];
  const deliveries = useInfiniteQuery({
    queryKey,
    queryFn: async ({ pageParam }) => dataOf(await api.GET('/v1/webhooks/{id}/deliveries', {
      params: { path: { id: endpointId }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor,
  });
  const redeliver = useMutation({
    mutationFn: async (deliveryId: string) => dataOf(await api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id: endpointId, deliveryId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey }),
  });

  if (deliveries.isPending) return <Loading what="deliveries" />;
  if (deliveries.isError) return <ErrorMessage error={deliveries.error} what="the deliveries" />;
  const list = deliveries.data.pages.flatMap((p) => p.data);
  if (list.length === 0) return <Empty>No deliveries yet.</Empty>;
  return (
    <>
      {redeliver.isError && <p className="error" role="alert">Could not send it again: {messageOf(redeliver.error)}</p>}
      <table className="jobs">
        <caption className="visually-hidden">Deliveries</caption>
        <thead><tr><th scope="col">Event</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Last attempt</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {list.map((delivery) => {
            const last = delivery.log.at(-1);
            return (
              <tr key={delivery.id}>
                <th scope="row">{delivery.eventType}</th>
                <td>{when.format(new Date(delivery.createdAt))}</td>
                <td>{delivery.status} <span className="muted">({delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'})</span></td>
                <td>{last ? `${last.statusCode ?? 'no answer'}${last.error ? `: ${last.error}` : ''}` : '—'}</td>
                <td><button type="button" onClick={() => redeliver.mutate(delivery.id)} disabled={redeliver.isPending}
                  aria-label={`Redeliver the ${delivery.eventType} delivery`}>Redeliver</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deliveries.hasNextPage && <button type="button" onClick={() => deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage}>More deliveries</button>}
    </>
  );
}
