// The sanitizer is shared with the candidates' résumé search (src/infra/search/plain-text.ts explains it).
export { MAX_SEARCH_TEXT_LENGTH, MAX_WORD_LENGTH, searchText } from '../../infra/search/plain-text.ts';
