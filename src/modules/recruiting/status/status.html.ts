import { html, type Html } from '../../../http/html.ts';
import type { StatusInterview, StatusOffer, StatusPage } from './status.schemas.ts';

/** What a POST from the page just did, said once above the page (303 See Other brings the browser back with it). */
export const notices = {
  withdrawn: 'Your application was withdrawn.', 'erasure-requested': 'Your request to erase your data was sent.',
  'offer-accepted': 'You accepted the offer. The organization has been told.', 'offer-declined': 'You declined the offer. The organization has been told.',
} as const;
export type Notice = keyof typeof notices;

const kindNames = { phone: 'Phone', video: 'Video', onsite: 'Onsite' } as const;
const statusNames = { open: 'In progress', closed: 'Closed', withdrawn: 'Withdrawn', hired: 'Hired' } as const;

const day = (iso: string): string => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
/** The interview's time where it was planned, with the zone named (the candidate may be elsewhere). */
const when = (interview: StatusInterview): string =>
  new Intl.DateTimeFormat('en', {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: interview.timeZone, timeZoneName: 'short',
  }).format(new Date(interview.start));

// Interviews only accept http(s) links; checked again here, so no other scheme ever becomes a link on this page.
const videoLink = (url: string): Html => (/^https?:\/\//i.test(url) ? html`<p>Video link: <a href="${url}" rel="noreferrer">${url}</a></p>` : html`<p>Video link: ${url}</p>`);

const periodNames = { year: 'per year', month: 'per month', week: 'per week', day: 'per day', hour: 'per hour' } as const;
const money = (salary: NonNullable<StatusOffer['terms']['salary']>): string =>
  `${new Intl.NumberFormat('en', { style: 'currency', currency: salary.currency }).format(salary.amount)} ${periodNames[salary.period]}`;
const term = (name: string, value: string | null): Html => (value ? html`<dt>${name}</dt><dd>${value}</dd>` : html``);
// The terms document is Markdown written by the team; shown as its text, a paragraph per blank-line-separated block, never as markup.
const paragraphs = (text: string): Html[] => text.split(/\n\s*\n/).filter((p) => p.trim() !== '').map((p) => html`<p>${p.trim()}</p>`);

function offerItem(offer: StatusOffer, action: (path: string) => string): Html {
  const title = offer.job.title ?? 'a position';
  const { salary, startDate, equity, bonus, document } = offer.terms;
  const noteId = `note-${offer.id}`;
  return html`<li><h3>Offer for ${title}</h3><p>Sent on ${day(offer.sentAt)}</p>
<dl>${term('Salary', salary ? money(salary) : null)}${term('Start date', startDate ? day(startDate) : null)}${term('Equity', equity)}${term('Bonus', bonus)}</dl>${
  document ? html`<h4>Terms</h4>${paragraphs(document)}` : html``}
<form method="post" action="${action(`/offers/${offer.id}/accept`)}"><button type="submit">Accept the offer for ${title}</button></form>
<form method="post" action="${action(`/offers/${offer.id}/decline`)}"><p><label for="${noteId}">Anything you want to tell them (optional)</label></p>
<p><textarea id="${noteId}" name="note" maxlength="2000" rows="2" cols="40"></textarea></p><p><button type="submit">Decline the offer for ${title}</button></p></form></li>`;
}

export function layout(title: string, body: Html): string {
  return `<!doctype html>\n${html`<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head>
<body><main>
${body}
</main></body>
</html>
`.markup}`;
}

/** The status page: plain HTML that works without JavaScript; forms post back to /status/{token}/…. */
export function statusHtml(page: StatusPage, token: string, notice: Notice | null): string {
  const action = (path: string) => `/status/${token}${path}`;
  const applications = page.applications.map((a) => {
    const title = a.job.title ?? 'A position';
    return html`<li><h3>${title}</h3><p>${a.stage} · ${statusNames[a.status]}</p><p>Applied on ${day(a.appliedAt)}</p>${a.canWithdraw
      ? html`<form method="post" action="${action(`/applications/${a.id}/withdraw`)}"><button type="submit">Withdraw my application for ${title}</button></form>`
      : html``}</li>`;
  });
  const interviews = page.interviews.map((i) => html`<li><p>${kindNames[i.kind]} interview for ${i.job.title ?? 'your application'}: <time datetime="${i.start}">${when(i)}</time></p>${
    i.location ? html`<p>Where: ${i.location}</p>` : html``}${i.videoUrl ? videoLink(i.videoUrl) : html``
  }<p><a href="${new URL(i.inviteUrl).pathname}" download>Add to my calendar (.ics)</a></p></li>`);
  const offers = page.offers.length === 0 ? html`` : html`<section id="offers" aria-labelledby="offers-heading"><h2 id="offers-heading">Offers awaiting your answer</h2><ul>${
    page.offers.map((o) => offerItem(o, action))}</ul></section>`;
  const request = page.erasureRequest;
  const erasure = request?.status === 'pending'
    ? html`<p>You asked on ${day(request.requestedAt)} to have your data erased. The organization will review your request.</p>`
    : html`${request?.status === 'declined' ? html`<p>Your request of ${day(request.requestedAt)} to have your data erased was declined${request.note ? html`: ${request.note}` : html`.`}</p>` : html``}
<form method="post" action="${action('/erasure-request')}"><p><label for="reason">Why (optional; please leave out personal details)</label></p>
<p><textarea id="reason" name="reason" maxlength="1000" rows="3" cols="40"></textarea></p><p><button type="submit">Ask to have my data erased</button></p></form>`;
  return layout('Your applications', html`<h1>Hello, ${page.candidate.name}</h1>
${notice ? html`<p role="status">${notices[notice]}</p>` : html``}
<p>This page shows where your applications stand. Its link works until ${day(page.linkExpiresAt)}; keep it to yourself.</p>
<section aria-labelledby="applications-heading"><h2 id="applications-heading">Your applications</h2>${
  applications.length > 0 ? html`<ul>${applications}</ul>` : html`<p>You have no applications here.</p>`}</section>
<section aria-labelledby="interviews-heading"><h2 id="interviews-heading">Upcoming interviews</h2>${
  interviews.length > 0 ? html`<ul>${interviews}</ul>` : html`<p>No interviews are scheduled.</p>`}</section>
${offers}
<section aria-labelledby="data-heading"><h2 id="data-heading">Your data</h2>${erasure}</section>`);
}

/** A page for a link that opens nothing, or an action that could not be done. */
export function messageHtml(title: string, detail: string): string {
  return layout(title, html`<h1>${title}</h1><p>${detail}</p>`);
}
