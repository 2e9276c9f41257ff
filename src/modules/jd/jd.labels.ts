/** "Label: value" lines (and a bare label followed by its value on the next line), in English, German and French. */

export type LabelField = 'title' | 'company' | 'location' | 'employmentType' | 'workplace' | 'salary' | 'deadline' | 'posted';

const LABELS: [LabelField, RegExp][] = [
  ['title', /^(?:job title|title|position|position title|role|job role|designation|job name|opening|stellenbezeichnung|stellentitel|poste|intitulé du poste|titre du poste)$/],
  ['company', /^(?:company|company name|organi[sz]ation|employer|hiring company|client|unternehmen|firma|arbeitgeber|entreprise|société|employeur)$/],
  ['location', /^(?:location|locations|job location|work location|office location|office|city|based in|place of work|standort|arbeitsort|einsatzort|dienstort|lieu|lieu de travail|localisation|ville)$/],
  ['employmentType', /^(?:job type|employment type|type|contract type|position type|work type|employment|engagement|job category|schedule|anstellungsart|beschäftigungsart|vertragsart|arbeitszeit|type de contrat|contrat|type d'emploi|temps de travail)$/],
  ['workplace', /^(?:workplace|workplace type|work mode|work model|work arrangement|work setup|remote|arbeitsmodell|télétravail|mode de travail)$/],
  ['salary', /^(?:salary|salary range|compensation|pay|pay range|stipend|ctc|rate|budget|remuneration|gehalt|jahresgehalt|vergütung|salaire|rémunération)$/],
  ['deadline', /^(?:deadline|application deadline|apply by|apply before|last date|last date to apply|closing date|applications close|bewerbungsfrist|bewerbungsschluss|date limite|date limite de candidature)$/],
  ['posted', /^(?:created|posted|date posted|posted on|published|veröffentlicht|veröffentlicht am|publié le|date de publication)$/],
];

export interface Label { field: LabelField; value: string }

function fieldOf(label: string): LabelField | null {
  const key = label.toLowerCase().replace(/[*_#]/g, '').replace(/\s+/g, ' ').trim();
  for (const [field, re] of LABELS) if (re.test(key)) return field;
  return null;
}

/** Labels found in the text; a bare "Job Title" line takes the next non-empty line as its value. */
export function findLabels(lines: string[]): { labels: Label[]; labelLines: Set<number> } {
  const labels: Label[] = [];
  const labelLines = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = /^([^:：]{2,30}?)\s*[:：]\s*(.*)$/.exec(line);
    const field = m?.[1] ? fieldOf(m[1]) : line.length <= 30 ? fieldOf(line) : null;
    if (!field) continue;
    let value = (m?.[2] ?? '').trim();
    labelLines.add(i);
    if (!value) {
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? '').trim()) j++;
      const next = (lines[j] ?? '').trim();
      if (!next || next.length > 120) continue;
      value = next;
      labelLines.add(j);
    }
    labels.push({ field, value: value.slice(0, 200) });
  }
  return { labels, labelLines };
}
