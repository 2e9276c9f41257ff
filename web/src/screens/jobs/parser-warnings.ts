/** The parser's stable warning codes (POST /v1/job-descriptions/parse), said for the person reviewing the fields. */
const explained: Record<string, string> = {
  text_empty: 'The posting is empty: there was nothing to read.',
  text_truncated: 'The posting is very long: only its first 200,000 characters were read.',
  binary_content: 'Some unreadable characters were removed from the posting.',
  html_stripped: 'HTML tags were removed from the posting.',
  language_not_supported: 'The posting is not in English, German or French, so few fields were found: check them all.',
  title_not_found: 'No job title was found: enter one.',
  salary_not_found: 'No salary was found: add one if you can (many candidates look for it).',
  employment_type_conflict: 'The posting names an internship and another employment type; Intern was kept.',
  sections_not_found: 'No headings such as Responsibilities or Requirements were found: the whole posting is the description.',
  internal_error: 'The parser failed on this posting, so every field is empty: fill them in by hand.',
  llm_budget_exhausted: 'The language model\'s monthly budget is spent; the parser\'s fields are shown.',
  llm_invalid_answer: 'The language model gave no usable answer; the parser\'s fields are shown.',
  llm_unavailable: 'The language model could not be reached; the parser\'s fields are shown.',
};

export const explainWarning = (code: string): string => explained[code] ?? `The parser noted: ${code.replace(/_/g, ' ')}.`;
