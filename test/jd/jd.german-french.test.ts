import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';

// Postings written for these tests, in the shapes German and French boards use.
const german = [
  'Stellenbezeichnung: Backend-Entwickler (m/w/d)',
  'Unternehmen: Nordlicht Logistik GmbH',
  'Standort: Hamburg',
  'Anstellungsart: Vollzeit, unbefristet',
  'Gehalt: 58.000 – 68.000 € brutto pro Jahr',
  'Bewerbungsschluss: 30.06.2027',
  '',
  'Über uns',
  'Wir planen Touren für 400 Speditionen.',
  '',
  'Deine Aufgaben',
  '- Du entwickelst Services in Kotlin und betreibst sie in Kubernetes.',
  '',
  'Dein Profil',
  '- Mindestens 4 Jahre Berufserfahrung in der Backend-Entwicklung',
  '- Gute Kenntnisse in PostgreSQL; Kafka ist wünschenswert',
  '',
  'Wir bieten',
  '- Homeoffice möglich an 2 Tagen pro Woche',
].join('\n');

const french = [
  'Intitulé du poste : Technicien de maintenance H/F',
  'Entreprise : Atelier Roussel',
  'Lieu de travail : Lyon',
  'Type de contrat : CDD de 6 mois, temps plein',
  'Salaire : 2 300 € brut par mois',
  'Date limite de candidature : 15 septembre 2027',
  '',
  'Vos missions',
  '- Assurer la maintenance préventive des lignes de production.',
  '',
  'Votre profil',
  '- Au moins 3 ans d\'expérience en maintenance industrielle',
  '- Lecture de schémas électriques ; la connaissance des PLC serait un plus',
  '',
  'Ce que nous offrons',
  '- Mutuelle et tickets restaurant',
].join('\n');

describe('German postings', () => {
  const r = parseJobDescription(german);
  test('labels, contract words, period and date', () => {
    assert.equal(r.title, 'Backend-Entwickler (m/w/d)');
    assert.equal(r.company, 'Nordlicht Logistik GmbH');
    assert.deepEqual(r.locations, ['Hamburg, Germany']);
    assert.equal(r.employmentType, 'FULL_TIME');
    assert.deepEqual(r.salary, { min: 58000, max: 68000, currency: 'EUR', unit: 'YEAR' });
    assert.equal(r.applyDeadline, '2027-06-30');
    assert.equal(r.experienceYearsMin, 4);
    assert.equal(r.workplace, 'hybrid');
    assert.ok(!r.warnings.includes('language_not_supported'));
  });
  test('sections by their German headings', () => {
    assert.match(r.sections.about ?? '', /Touren/);
    assert.match(r.sections.responsibilities ?? '', /Kotlin/);
    assert.match(r.sections.requirements ?? '', /Berufserfahrung/);
    assert.match(r.sections.benefits ?? '', /Homeoffice/);
    assert.deepEqual(r.skills.map((s) => s.name), ['kotlin', 'kubernetes', 'postgresql', 'kafka']);
  });
  test('"befristet" is temporary, "unbefristet" is not; Teilzeit and Praktikum', () => {
    assert.equal(parseJobDescription('Lagerhelfer (m/w/d)\nDie Stelle ist auf 12 Monate befristet.').employmentType, 'TEMPORARY');
    assert.equal(parseJobDescription('Lagerhelfer (m/w/d)\nEine unbefristete Stelle in Vollzeit.').employmentType, 'FULL_TIME');
    assert.equal(parseJobDescription('Bürokraft (m/w/d)\nArbeitszeit: Teilzeit (20 Stunden)').employmentType, 'PART_TIME');
    assert.equal(parseJobDescription('Praktikum Marketing (m/w/d)\nSechs Monate in Köln.').employmentType, 'INTERN');
  });
  test('an hourly wage and a deadline in words', () => {
    assert.deepEqual(parseJobDescription('Stundenlohn: 15,50 € pro Stunde').salary, { min: 15.5, max: 15.5, currency: 'EUR', unit: 'HOUR' });
    assert.equal(parseJobDescription('Bewerbungen bis zum 3. März 2027 an jobs@example.test').applyDeadline, '2027-03-03');
  });
});

describe('French postings', () => {
  const r = parseJobDescription(french);
  test('labels, contract words, period and date', () => {
    assert.equal(r.title, 'Technicien de maintenance H/F');
    assert.equal(r.company, 'Atelier Roussel');
    assert.deepEqual(r.locations, ['Lyon, Auvergne-Rhône-Alpes, France']);
    assert.equal(r.employmentType, 'TEMPORARY');
    assert.deepEqual(r.salary, { min: 2300, max: 2300, currency: 'EUR', unit: 'MONTH' });
    assert.equal(r.applyDeadline, '2027-09-15');
    assert.equal(r.experienceYearsMin, 3);
  });
  test('sections by their French headings', () => {
    assert.match(r.sections.responsibilities ?? '', /maintenance préventive/);
    assert.match(r.sections.requirements ?? '', /expérience/);
    assert.match(r.sections.niceToHave ?? r.sections.requirements ?? '', /PLC/);
    assert.match(r.sections.benefits ?? '', /Mutuelle/);
  });
  test('CDI, temps partiel, stage and télétravail', () => {
    assert.equal(parseJobDescription('Comptable H/F\nPoste en CDI, temps plein.').employmentType, 'FULL_TIME');
    assert.equal(parseJobDescription('Vendeur H/F\nContrat à temps partiel, 24 heures.').employmentType, 'PART_TIME');
    assert.equal(parseJobDescription('Stage de 6 mois - Assistant marketing').employmentType, 'INTERN');
    assert.equal(parseJobDescription('Développeur H/F\nTélétravail complet possible depuis toute la France.').workplace, 'remote');
    assert.equal(parseJobDescription('Développeur H/F\nTélétravail partiel, 2 jours sur site.').workplace, 'hybrid');
  });
  test('a yearly salary in thousands with k€', () => {
    assert.deepEqual(parseJobDescription('Rémunération : 45-52 k€ brut annuel').salary, { min: 45000, max: 52000, currency: 'EUR', unit: 'YEAR' });
  });
});
