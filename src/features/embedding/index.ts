// What other features may use of the embedding feature: why a search engine is (not) in use, in words.
export { engineReasonText } from './engineReasonText';
