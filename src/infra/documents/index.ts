export { detectDocument, documentKindOf, oleContainerType, type Detection, type DocumentKind } from './detect.ts';
export {
  createTextExtractor, extractText, type ExtractFailure, type ExtractOptions, type ExtractResult, type ExtractText, type TextExtractor,
} from './extract.ts';
