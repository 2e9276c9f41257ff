import { html, type Html } from '../../../http/html.ts';
import type { SchedulingPage } from '../interviews/index.ts';
import { layout } from './status.html.ts';

// Every zone the runtime knows, UTC first: a page without JavaScript cannot read the browser's own zone, so the candidate picks it.
const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

const dayOf = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone }).format(new Date(iso));
const timeOf = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
const span = (slot: { start: string; end: string }, timeZone: string) => `${timeOf(slot.start, timeZone)} – ${timeOf(slot.end, timeZone)}`;

/** Free slots grouped by their day in the candidate's zone, soonest first (the API already sorts them). */
function byDay(page: SchedulingPage): Map<string, SchedulingPage['slots']> {
  const days = new Map<string, SchedulingPage['slots']>();
  for (const slot of page.slots) {
    const day = dayOf(slot.start, page.timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return days;
}

function zonePicker(token: string, current: string): Html {
  return html`<form method="get" action="/schedule/${token}"><p><label for="zone">Show the times in</label>
<select id="zone" name="timeZone">${zones.map((z) => html`<option${z === current ? html` selected` : html``}>${z}</option>`)}</select>
<button type="submit">Show</button></p></form>`;
}

function slotForm(token: string, page: SchedulingPage): Html {
  let n = 0;
  const days = [...byDay(page)].map(([day, slots]) => html`<fieldset><legend>${day}</legend>${slots.map((slot) => {
    n += 1;
    return html`<p><input type="radio" id="slot-${String(n)}" name="start" value="${slot.start}" required><label for="slot-${String(n)}">${span(slot, page.timeZone)}</label></p>`;
  })}</fieldset>`);
  return html`<form method="post" action="/schedule/${token}"><input type="hidden" name="timeZone" value="${page.timeZone}">
${days}<p><button type="submit">Book this time</button></p></form>`;
}

/** The candidate's booking page (GET /schedule/{token}): plain HTML forms, no JavaScript. */
export function schedulingHtml(page: SchedulingPage, token: string, notice: string | null): string {
  const what = html`a ${String(page.durationMinutes)}-minute ${page.kind} interview`;
  if (page.status === 'booked') {
    const booked = page.booked;
    return layout('Your interview is booked', html`<h1>Your interview is booked</h1>${
      booked ? html`<p role="status">You booked ${what} on <time datetime="${booked.start}">${dayOf(booked.start, page.timeZone)}, ${span(booked, page.timeZone)}</time> (${page.timeZone} time).</p>` : html``
    }<p>An invitation has been emailed to you. To change the time, reply to the organization that sent you this link.</p>`);
  }
  return layout('Book your interview', html`<h1>Book your interview</h1>
${notice ? html`<p role="alert">${notice}</p>` : html``}
<p>Pick a time for ${what}. The times are in ${page.timeZone}; this link works until ${dayOf(page.expiresAt, page.timeZone)}.</p>
${zonePicker(token, page.timeZone)}
${page.slots.length > 0 ? slotForm(token, page) : html`<p>No times are free at the moment. Please ask the organization that sent you this link for other times.</p>`}`);
}
